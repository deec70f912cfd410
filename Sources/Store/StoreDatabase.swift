import Basics
import Foundation
import SQLite

/// The one way into the project's store file: creates its directory, opens the connection
/// and brings the schema up to date (``StoreSchema``), for runs, the cache, gates and feedback
/// alike.
package enum StoreDatabase {
    /// Opens (creating if needed) the store at `path`, migrated to the current schema.
    package static func open(path: String) throws(PromptGateError) -> SQLiteDatabase {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            let db = try SQLiteDatabase(path: path)
            try db.migrate(StoreSchema.migrations)
            return db
        } catch {
            throw .infrastructure("store \(path): \(error)")
        }
    }
}
