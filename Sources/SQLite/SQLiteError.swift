/// A failure reported by SQLite, with its result code, `sqlite3_errmsg` text and the SQL involved.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The SQLite (extended) result code, e.g. 19 for `SQLITE_CONSTRAINT`.
    public var code: Int32
    /// SQLite's message, e.g. `UNIQUE constraint failed: runs.id`.
    public var message: String
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        guard let sql else { return "SQLite error \(code): \(message)" }
        let shown = sql.count > 200 ? String(sql.prefix(200)) + "…" : sql
        return "SQLite error \(code): \(message) (in: \(shown))"
    }
}
