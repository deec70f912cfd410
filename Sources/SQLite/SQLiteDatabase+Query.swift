extension SQLiteDatabase {
    /// Runs a statement with `params` bound and returns every row.
    public func query(_ sql: String, _ params: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        try forEachRow(sql, params) { rows.append($0.row()) }
        return rows
    }

    /// The first column of the first row, or nil when there is no row.
    public func queryValue(_ sql: String, _ params: [SQLiteValue] = []) throws -> SQLiteValue? {
        let statement = try prepare(sql)
        try statement.bind(params)
        return try statement.step() ? statement.column(0) : nil
    }

    /// Runs a statement with `params` bound to completion, ignoring any rows.
    public func run(_ sql: String, _ params: [SQLiteValue] = []) throws {
        let statement = try prepare(sql)
        try statement.withBindings(params) {
            while try statement.step() {}
        }
    }

    /// Runs a query and calls `body` once per row, without collecting the rows.
    ///
    /// `body` reads the current row through the statement's column accessors; it must not step
    /// or reset the statement.
    public func forEachRow(
        _ sql: String, _ params: [SQLiteValue] = [], _ body: (SQLiteStatement) throws -> Void
    ) throws {
        let statement = try prepare(sql)
        try statement.bind(params)
        while try statement.step() {
            try body(statement)
        }
    }
}
