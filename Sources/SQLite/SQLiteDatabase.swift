internal import CSQLite

/// One connection to a SQLite database file.
///
/// Not `Sendable`: use a connection from one thread at a time (it is opened with
/// `SQLITE_OPEN_NOMUTEX`); open another connection for another thread. Prepared statements are
/// cached by SQL text and reused; the connection closes (`sqlite3_close_v2`) when it is released
/// and every statement it handed out is gone.
public final class SQLiteDatabase {
    /// The path this connection was opened with.
    public let path: String
    let handle: OpaquePointer
    /// Prepared statements not currently handed out, with their SQL text. A short list, not a
    /// dictionary: finding the same literal again compares one word (other texts, a
    /// `memcmp`), where a dictionary hashed the whole SQL text three times per use.
    private var idleStatements: [(sql: String, handle: OpaquePointer)] = []
    private var savepointDepth = 0
    /// Bounds the statement cache so ad-hoc SQL (e.g. varying IN lists) cannot grow it forever.
    private static let statementCacheLimit = 64

    /// Opens (creating if needed) a database for reading and writing, in WAL mode with foreign
    /// keys enforced, `synchronous=NORMAL` and a 5 second busy timeout.
    ///
    /// The parent directory must exist.
    public convenience init(path: String) throws {
        try self.init(
            path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        try execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
    }

    /// Opens an existing database read-only (e.g. a feedback export written by another tool).
    public convenience init(readOnlyPath path: String) throws {
        try self.init(path: path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
    }

    private init(path: String, flags: Int32) throws {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: code, message: "\(message): \(path)")
        }
        self.path = path
        self.handle = db
        sqlite3_busy_timeout(db, 5000)
    }

    /// How long a statement waits for another connection's lock before failing with
    /// `SQLITE_BUSY` (5 s from the initializers).
    public func setBusyTimeout(milliseconds: Int) {
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
    }

    deinit {
        for (_, statement) in idleStatements {
            sqlite3_finalize(statement)
        }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements separated by semicolons, discarding any rows.
    public func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    /// A prepared statement for a single SQL statement, reused from the cache when possible.
    ///
    /// The statement is yours until you release it; then it returns to the cache. Preparing the
    /// same SQL while an earlier statement for it is still held compiles a separate one.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        if let index = idleStatements.lastIndex(where: { $0.sql == sql }) {
            let idle = idleStatements.remove(at: index).handle
            return SQLiteStatement(database: self, handle: idle, sql: sql)
        }
        var statement: OpaquePointer?
        var trailing = false
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let length = Int32(clamping: sql.utf8.count)
            let code = sqlite3_prepare_v2(handle, text, length, &statement, &tail)
            if code == SQLITE_OK, let tail {
                trailing = Self.hasStatement(tail, end: text + Int(length))
            }
            return code
        }
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement to prepare", sql: sql)
        }
        guard !trailing else {
            sqlite3_finalize(statement)
            throw SQLiteError(
                code: SQLITE_MISUSE,
                message: "prepare takes a single statement; use execute(_:) for several", sql: sql)
        }
        return SQLiteStatement(database: self, handle: statement, sql: sql)
    }

    /// Whether anything but whitespace and semicolons follows the first statement.
    private static func hasStatement(_ start: UnsafePointer<CChar>, end: UnsafePointer<CChar>)
        -> Bool
    {
        var cursor = start
        while cursor < end {
            switch UInt8(bitPattern: cursor.pointee) {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
                UInt8(ascii: ";"):
                cursor += 1
            default:
                return true
            }
        }
        return false
    }

    /// Takes back a released statement: keeps it for reuse, or finalizes it.
    func recycle(_ statement: OpaquePointer, sql: String) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        if idleStatements.count < Self.statementCacheLimit,
            !idleStatements.contains(where: { $0.sql == sql })
        {
            idleStatements.append((sql, statement))
        } else {
            sqlite3_finalize(statement)
        }
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE`), committing when it returns and rolling
    /// back when it throws. Nested calls use savepoints, so an inner failure undoes only its part.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let nested = sqlite3_get_autocommit(handle) == 0
        let savepoint = "pg_savepoint_\(savepointDepth)"
        if nested {
            try execute("SAVEPOINT \(savepoint)")
            savepointDepth += 1
        } else {
            try execute("BEGIN IMMEDIATE")
        }
        defer { if nested { savepointDepth -= 1 } }
        do {
            let result = try body()
            try execute(nested ? "RELEASE \(savepoint)" : "COMMIT")
            return result
        } catch {
            // Best effort: SQLite may already have rolled back (e.g. after SQLITE_FULL).
            if nested {
                try? execute("ROLLBACK TO \(savepoint); RELEASE \(savepoint)")
            } else if sqlite3_get_autocommit(handle) == 0 {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }

    /// The rowid of the most recent successful INSERT on this connection.
    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
