import Basics
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file read from the project, with the SHA-256 of its exact bytes for later evidence.
public struct SourceFile: Sendable, Hashable {
    /// Relative to the project root (what diagnostics show).
    public var path: String
    public var absolutePath: String
    /// Lowercase hex SHA-256 of `bytes`.
    public var sha256: String
    private var storage: Storage

    /// In memory, or (a big suite once loaded) in a private copy read back on demand.
    private enum Storage: Sendable {
        case memory([UInt8])
        case snapshot(FileSnapshot)
    }

    public init(path: String, absolutePath: String, bytes: [UInt8]) {
        self.path = path
        self.absolutePath = absolutePath
        self.storage = .memory(bytes)
        self.sha256 = Digest.sha256Hex(bytes)
    }

    /// A file whose bytes were copied into `snapshot` (and hashed) as they were read.
    init(path: String, absolutePath: String, snapshot: FileSnapshot, sha256: String) {
        self.path = path
        self.absolutePath = absolutePath
        self.storage = .snapshot(snapshot)
        self.sha256 = sha256
    }

    /// The file's exact bytes (read back from the private copy when not in memory).
    public var bytes: [UInt8] {
        switch storage {
        case .memory(let bytes): bytes
        case .snapshot(let snapshot): snapshot.bytes()
        }
    }

    /// Reads a file; a missing or unreadable file is a positioned diagnostic, not a crash.
    public static func read(relativePath: String, root: String) throws(PromptGateError)
        -> SourceFile
    {
        let absolute = (root as NSString).appendingPathComponent(relativePath)
        guard let bytes = readBytes(absolute) else {
            let exists = FileManager.default.fileExists(atPath: absolute)
            throw .io(path: relativePath, reason: exists ? "cannot read the file" : "no such file")
        }
        return SourceFile(path: relativePath, absolutePath: absolute, bytes: bytes)
    }

    /// The bytes of a regular file, read straight into one array (no second copy).
    private static func readBytes(_ path: String) -> [UInt8]? {
        guard let fd = openRegularFile(path) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        // One spare byte, so that seeing the end needs no second allocation.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var done = 0
        while true {
            if done == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096)) }
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + done, raw.count - done)
            }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            done += n
        }
        bytes.removeLast(bytes.count - done)
        return bytes
    }

    /// A descriptor for reading `path` when it is a regular file (not a directory, FIFO or
    /// device, which would block or never end); the caller closes it.
    static func openRegularFile(_ path: String) -> Int32? {
        // Non-blocking, so that opening a FIFO returns at once to be refused.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        return fd
    }

    /// The file's lines, for placing carets; invalid UTF-8 is repaired, not fatal.
    public var lines: [Substring] {
        String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
    }

    public func line(_ number: Int) -> String? {
        if case .snapshot(let snapshot) = storage { return snapshot.line(number) }
        let all = lines
        guard number >= 1, number <= all.count else { return nil }
        return String(all[number - 1]).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    public static func == (a: SourceFile, b: SourceFile) -> Bool {
        a.path == b.path && a.absolutePath == b.absolutePath && a.sha256 == b.sha256
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(sha256)
    }
}
