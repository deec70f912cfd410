import SQLite
import Synchronization

/// A read-only connection to the store, opened on first use and used by one caller at a time.
final class CacheReader: Sendable {
    private let connection = Mutex<SQLiteDatabase?>(nil)

    func withConnection<T: Sendable>(
        path: String, _ body: (SQLiteDatabase) throws -> sending T
    ) throws -> sending T {
        try connection.withLock { db -> sending T in
            if db == nil { db = try SQLiteDatabase(readOnlyPath: path) }
            return try body(db!)
        }
    }
}
