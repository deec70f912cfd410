import Foundation

/// Runs blocking work (file reads, SQLite writes) on a dedicated thread, so it never holds
/// one of Swift's cooperative-pool threads.
package enum OffPool {
    package static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws
        -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }
}
