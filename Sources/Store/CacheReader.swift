import SQLite
import Synchronization

/// A read-only connection to the store, opened on first use and used by one caller at a time.
final class CacheReader: Sendable {
    private let connection = Mutex<SQLiteDatabase?>(nil)

    func withConnection<T: Sendable>(
        path: String, _ body: (SQLiteDatabase) throws -> sending T
    ) throws -> sending T {
        try connection.withLock { db -> sending T in
            if db == nil {
                let opened = try SQLiteDatabase(readOnlyPath: path)
                // Lookups are point reads spread over the whole key index: a small page cache
                // (the OS keeps the file's pages anyway) keeps a 100,000-case run flat.
                try opened.execute("PRAGMA cache_size = -512")
                db = opened
            }
            return try body(db!)
        }
    }
}
