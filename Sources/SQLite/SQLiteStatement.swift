internal import CSQLite

/// A prepared SQL statement: bind parameters, step through rows, read columns.
///
/// Obtained from ``SQLiteDatabase/prepare(_:)``. When released it is reset and returned to its
/// connection's cache (or finalized), and it keeps the connection open while it lives.
public final class SQLiteStatement {
    private let database: SQLiteDatabase
    private let handle: OpaquePointer
    /// The SQL text this statement was prepared from.
    public let sql: String

    init(database: SQLiteDatabase, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        database.recycle(handle, sql: sql)
    }

    /// How many `?` parameters the statement takes.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Resets the statement and binds `values` to its parameters in order.
    ///
    /// Throws when the number of values differs from ``parameterCount``.
    public func bind(_ values: [SQLiteValue]) throws {
        try start(binding: values.count)
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Resets the statement for `count` new bindings; throws when it takes another number.
    private func start(binding count: Int) throws {
        reset()
        clearBindings()
        guard count == parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement takes \(parameterCount) parameter(s) but \(count) "
                    + "were given", sql: sql)
        }
    }

    /// Binds `values` in order, runs `body` while they are bound and clears the bindings.
    ///
    /// Texts and blobs are bound where their bytes lie (`SQLITE_STATIC`), not copied: a 5 MB
    /// output written to the store is not held twice more while its row is built. They are
    /// valid only inside `body`, so it must finish stepping before it returns.
    public func withBindings<T>(_ values: [SQLiteValue], _ body: () throws -> T) throws -> T {
        try start(binding: values.count)
        defer {
            reset()
            clearBindings()
        }
        return try bindInPlace(values, from: 0, body)
    }

    /// Binds `values[index...]`, each text or blob inside the closure that lends its bytes.
    private func bindInPlace<T>(
        _ values: [SQLiteValue], from index: Int, _ body: () throws -> T
    ) throws -> T {
        guard index < values.count else { return try body() }
        let position = Int32(clamping: index + 1)
        func check(_ code: Int32) throws {
            guard code == SQLITE_OK else { throw database.error(code, sql: sql) }
        }
        switch values[index] {
        case .text(var text) where !text.isEmpty:
            return try text.withUTF8 { utf8 in
                guard let length = Int32(exactly: utf8.count) else {
                    throw database.error(SQLITE_TOOBIG, sql: sql)
                }
                let chars = UnsafeRawPointer(utf8.baseAddress!).assumingMemoryBound(to: CChar.self)
                try check(sqlite3_bind_text(handle, position, chars, length, nil))
                return try bindInPlace(values, from: index + 1, body)
            }
        case .blob(let bytes) where !bytes.isEmpty:
            return try bytes.withUnsafeBytes { raw in
                guard let length = Int32(exactly: raw.count) else {
                    throw database.error(SQLITE_TOOBIG, sql: sql)
                }
                try check(sqlite3_bind_blob(handle, position, raw.baseAddress!, length, nil))
                return try bindInPlace(values, from: index + 1, body)
            }
        case let value:
            try bind(value, at: index + 1)
            return try bindInPlace(values, from: index + 1, body)
        }
    }

    /// Binds one value to the parameter at `index` (1-based, as in SQLite).
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        let position = Int32(clamping: index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let number):
            code = sqlite3_bind_int64(handle, position, number)
        case .real(let number):
            code = sqlite3_bind_double(handle, position, number)
        case .text(let text):
            code = bindText(text, at: position)
        case .blob(let bytes):
            code = bindBlob(bytes, at: position)
        }
        guard code == SQLITE_OK else { throw database.error(code, sql: sql) }
    }

    private func bindText(_ text: String, at position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                // A null pointer would bind NULL; an empty string must stay text.
                return pg_sqlite3_bind_text_transient(handle, position, "", 0)
            }
            guard let length = Int32(exactly: utf8.count) else { return SQLITE_TOOBIG }
            let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            return pg_sqlite3_bind_text_transient(handle, position, chars, length)
        }
    }

    private func bindBlob(_ bytes: [UInt8], at position: Int32) -> Int32 {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else {
                // A null pointer would bind NULL; an empty blob must stay a blob.
                return sqlite3_bind_zeroblob(handle, position, 0)
            }
            guard let length = Int32(exactly: raw.count) else { return SQLITE_TOOBIG }
            return pg_sqlite3_bind_blob_transient(handle, position, base, length)
        }
    }

    /// Advances to the next row: true when a row is available, false when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw database.error(code, sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Number of columns in the result.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Result column names (the `AS` name when given).
    public var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { index in
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
    }

    /// The value of column `index` (0-based) in the current row; `.null` when out of range.
    public func column(_ index: Int) -> SQLiteValue {
        guard index >= 0, index < columnCount else { return .null }
        let position = Int32(index)
        switch sqlite3_column_type(handle, position) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, position))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, position))
        case SQLITE_TEXT: return .text(columnString(index) ?? "")
        case SQLITE_BLOB: return .blob(columnBlob(index) ?? [])
        default: return .null
        }
    }

    /// Every column of the current row.
    public func row() -> [SQLiteValue] {
        (0..<columnCount).map(column)
    }

    /// Whether column `index` is NULL in the current row.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(clamping: index)) == SQLITE_NULL
    }

    /// Column `index` as an integer (SQLite's conversion rules; NULL reads as 0).
    public func columnInt(_ index: Int) -> Int {
        Int(sqlite3_column_int64(handle, Int32(clamping: index)))
    }

    /// Column `index` as a floating-point number (NULL reads as 0).
    public func columnDouble(_ index: Int) -> Double {
        sqlite3_column_double(handle, Int32(clamping: index))
    }

    /// Column `index` as text, or nil when it is NULL.
    public func columnString(_ index: Int) -> String? {
        let position = Int32(clamping: index)
        guard let text = sqlite3_column_text(handle, position) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, position))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Calls `body` with column `index`'s text bytes (nil when NULL), valid only inside it:
    /// for reading a large text without copying it into a String.
    public func withColumnBytes<T>(_ index: Int, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        let position = Int32(clamping: index)
        guard let text = sqlite3_column_text(handle, position) else { return body(nil) }
        let count = Int(sqlite3_column_bytes(handle, position))
        return body(UnsafeRawBufferPointer(start: text, count: count))
    }

    /// Column `index` as bytes, or nil when it is NULL.
    public func columnBlob(_ index: Int) -> [UInt8]? {
        let position = Int32(clamping: index)
        if sqlite3_column_type(handle, position) == SQLITE_NULL { return nil }
        let count = Int(sqlite3_column_bytes(handle, position))
        guard count > 0, let bytes = sqlite3_column_blob(handle, position) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
