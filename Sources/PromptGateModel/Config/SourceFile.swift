import Basics
import Foundation

/// A file read from the project, with the SHA-256 of its exact bytes for later evidence.
public struct SourceFile: Sendable, Hashable {
    /// Relative to the project root (what diagnostics show).
    public var path: String
    public var absolutePath: String
    public var bytes: [UInt8]
    /// Lowercase hex SHA-256 of `bytes`.
    public var sha256: String

    public init(path: String, absolutePath: String, bytes: [UInt8]) {
        self.path = path
        self.absolutePath = absolutePath
        self.bytes = bytes
        self.sha256 = Digest.sha256Hex(bytes)
    }

    /// Reads a file; a missing or unreadable file is a positioned diagnostic, not a crash.
    public static func read(relativePath: String, root: String) throws(PromptGateError)
        -> SourceFile
    {
        let absolute = (root as NSString).appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            let exists = FileManager.default.fileExists(atPath: absolute)
            throw .io(path: relativePath, reason: exists ? "cannot read the file" : "no such file")
        }
        return SourceFile(path: relativePath, absolutePath: absolute, bytes: [UInt8](data))
    }

    /// The file's lines, for placing carets; invalid UTF-8 is repaired, not fatal.
    public var lines: [Substring] {
        String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
    }

    public func line(_ number: Int) -> String? {
        let all = lines
        guard number >= 1, number <= all.count else { return nil }
        return String(all[number - 1]).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
