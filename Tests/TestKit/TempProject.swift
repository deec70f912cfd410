import Foundation

/// A promptgate project in a temporary directory, removed when the value goes away.
public final class TempProject: @unchecked Sendable {
    public let root: String

    /// Creates the project from relative path → file contents.
    public init(files: [String: String]) throws {
        root = NSTemporaryDirectory() + "pg-project-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    public func path(_ relative: String) -> String {
        (root as NSString).appendingPathComponent(relative)
    }

    public func write(_ relative: String, _ text: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    public func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// Every file below the root, recursively, as bytes (for secret scans).
    public func allFiles() -> [(String, Data)] {
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [(String, Data)] = []
        while let rel = e.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: path(rel)) {
                out.append((rel, data))
            }
        }
        return out
    }

    /// The repository root (for the example project and shared data).
    public static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}
