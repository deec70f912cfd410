import Foundation

/// ISO 8601 timestamps in UTC, as stored.
package enum Timestamp {
    /// One formatter for the process: making one per call cost more than the cache insert
    /// it stamps. Locked, since formatters are not documented thread-safe on Linux.
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
    private static let lock = NSLock()

    package static func now() -> String {
        lock.withLock { formatter.string(from: Date()) }
    }
}
