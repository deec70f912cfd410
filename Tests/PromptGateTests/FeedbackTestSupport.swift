import Feedback
import Foundation

/// A temporary directory for feedback tests, removed when released.
final class FeedbackTempDir {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "pg-feedback-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` and returns the full path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let full = (path as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// A fresh feedback store in this directory.
    func store() throws -> FeedbackStore {
        try FeedbackStore(path: file("store/promptgate.db"))
    }
}

extension CSVReader {
    /// Every record (or failure) of `path`, for tests.
    static func readAll(_ path: String, chunkSize: Int = 256 * 1024) throws -> [Result<
        Record, Failure
    >] {
        guard let reader = ByteReader(path: path, chunkSize: chunkSize) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let csv = CSVReader(reader)
        var out: [Result<Record, Failure>] = []
        while let next = csv.next() { out.append(next) }
        return out
    }
}
