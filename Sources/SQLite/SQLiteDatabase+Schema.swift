internal import CSQLite

extension SQLiteDatabase {
    /// The schema version stored in the database header (`PRAGMA user_version`).
    public var userVersion: Int {
        get throws {
            guard case .integer(let version) = try queryValue("PRAGMA user_version") else {
                return 0
            }
            return Int(version)
        }
    }

    /// Sets `PRAGMA user_version`; inside a transaction it commits or rolls back with it.
    public func setUserVersion(_ version: Int) throws {
        try execute("PRAGMA user_version = \(version)")
    }

    /// Brings the schema up to date: applies `migrations[userVersion...]` in order, each in its
    /// own transaction together with bumping `user_version`, so version N means migrations
    /// 0..<N are applied. Running it again is a no-op; two processes racing are serialized by
    /// `BEGIN IMMEDIATE` and the version is re-read inside each transaction.
    ///
    /// Throws when the database is newer than `migrations` (written by a later promptgate).
    public func migrate(_ migrations: [String]) throws {
        while true {
            let done = try transaction { () throws -> Bool in
                let version = try userVersion
                guard version <= migrations.count else {
                    throw SQLiteError(
                        code: SQLITE_ERROR,
                        message: "database schema version \(version) is newer than this "
                            + "promptgate supports (\(migrations.count)); upgrade promptgate "
                            + "or use another store: \(path)")
                }
                guard version < migrations.count else { return true }
                try execute(migrations[version])
                try setUserVersion(version + 1)
                return false
            }
            if done { return }
        }
    }

    /// Names of the user tables, sorted.
    public func tableNames() throws -> [String] {
        try query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                + "ESCAPE '\\' ORDER BY name"
        ).compactMap { $0.first?.stringValue }
    }

    /// Column names of `table` in declaration order; empty when there is no such table.
    public func columns(of table: String) throws -> [String] {
        try query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
            .compactMap { $0.first?.stringValue }
    }
}
