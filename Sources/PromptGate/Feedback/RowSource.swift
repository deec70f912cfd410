import Foundation

/// The kind of an export file.
public enum SourceKind: String, Sendable, CaseIterable {
    case jsonl, csv, sqlite

    /// From the extension, else from the first bytes (SQLite's header, a `{`); nil when unclear.
    public static func infer(path: String) -> SourceKind? {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        case "csv", "tsv": return .csv
        case "sqlite", "sqlite3", "db", "db3": return .sqlite
        default: break
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        if head.starts(with: Data("SQLite format 3\0".utf8)) { return .sqlite }
        if head.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) })
            == UInt8(ascii: "{")
        {
            return .jsonl
        }
        return nil
    }
}

/// Rows of an export, one at a time.
public protocol RowSource: AnyObject {
    /// Column names when the source declares them up front (CSV header, SQLite table).
    var columns: [String]? { get }
    /// The next row, a failure for a row that cannot be read, or nil at the end.
    func next() -> Result<SourceRow, RowFailure>?
    /// Set when reading stopped on an I/O error rather than at the end.
    var readError: String? { get }
}

/// A JSONL file as a ``RowSource``.
public final class JSONLRowSource: RowSource {
    private let byteReader: ByteReader
    private let reader: JSONLReader
    public var columns: [String]? { nil }
    public var readError: String? { byteReader.readError }

    public init(_ byteReader: ByteReader) {
        self.byteReader = byteReader
        reader = JSONLReader(byteReader)
    }

    public func next() -> Result<SourceRow, RowFailure>? { reader.next() }
}

/// A CSV file with a header row as a ``RowSource``.
public final class CSVRowSource: RowSource {
    private let byteReader: ByteReader
    private let reader: CSVReader
    public let columns: [String]?
    private let keys: [String]
    public var readError: String? { byteReader.readError }

    /// Reads the header; an unreadable header is a usage error.
    public init(_ byteReader: ByteReader, name: String, delimiter: UInt8) throws(PromptGateError) {
        self.byteReader = byteReader
        reader = CSVReader(byteReader, delimiter: delimiter)
        switch reader.next() {
        case nil:
            columns = []
        case .failure(let failure)?:
            throw .usage("\(name):\(failure.line): header row: \(failure.message)")
        case .success(let header)?:
            columns = header.fields.enumerated().map { index, name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? "column_\(index + 1)" : trimmed
            }
        }
        keys = (columns ?? []).map(FeedbackField.normalize)
    }

    public func next() -> Result<SourceRow, RowFailure>? {
        guard let result = reader.next() else { return nil }
        switch result {
        case .failure(let failure):
            return .failure(RowFailure(location: .line(failure.line), message: failure.message))
        case .success(let record):
            let location = SourceRow.Location.line(record.line)
            if record.fields.count > keys.count,
                record.fields[keys.count...].contains(where: { !$0.isEmpty })
            {
                return .failure(
                    RowFailure(
                        location: location,
                        message:
                            "\(record.fields.count) fields but the header has \(keys.count) columns"
                    ))
            }
            var columns: [String: FieldValue] = [:]
            for (key, text) in zip(keys, record.fields)
            where columns[key] == nil && !text.isEmpty {
                columns[key] = .string(text)
            }
            return .success(SourceRow(location: location, columns: columns))
        }
    }
}

/// One table of a SQLite database as a ``RowSource``; rows are reported by `rowid`.
public final class SQLiteRowSource: RowSource {
    private let database: SQLiteDatabase
    private let statement: SQLiteStatement
    private let hasRowID: Bool
    private let keys: [String]
    private var ordinal: Int64 = 0
    public let table: String
    public let columns: [String]?
    public private(set) var readError: String?

    /// Opens `path` read-only and picks the table: `table` when given, else `preferred`,
    /// else the only table. Anything else is a usage error listing the tables.
    public init(path: String, name: String, table: String?, preferred: String)
        throws(PromptGateError)
    {
        do {
            database = try SQLiteDatabase(readOnlyPath: path)
            let tables = try database.tableNames()
            let list =
                tables.isEmpty ? "it has no tables" : "tables: \(tables.joined(separator: ", "))"
            if let table {
                guard tables.contains(table) else {
                    let hint = suggestion(for: table, among: tables).map {
                        "did you mean '\($0)'? "
                    }
                    throw PromptGateError.usage(
                        "--table \(table): no such table in \(name)", hint: "\(hint ?? "")\(list)")
                }
                self.table = table
            } else if tables.contains(preferred) {
                self.table = preferred
            } else if tables.count == 1 {
                self.table = tables[0]
            } else {
                throw PromptGateError.usage(
                    "\(name): which table? \(list)", hint: "choose one with --table NAME")
            }
            let quoted = "\"" + self.table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            // WITHOUT ROWID tables have no rowid: rows are then numbered in order.
            if let withRowID = try? database.prepare(
                "SELECT rowid AS \"__promptgate_rowid\", * FROM \(quoted)")
            {
                statement = withRowID
                hasRowID = true
            } else {
                statement = try database.prepare("SELECT * FROM \(quoted)")
                hasRowID = false
            }
            let names = statement.columnNames
            let declared = hasRowID ? Array(names.dropFirst()) : names
            columns = declared
            keys = declared.map(FeedbackField.normalize)
        } catch let error as PromptGateError {
            throw error
        } catch {
            let reason = (error as? SQLiteError)?.message ?? "\(error)"
            throw .usage("\(name) is not a readable SQLite database: \(reason)")
        }
    }

    public func next() -> Result<SourceRow, RowFailure>? {
        guard readError == nil else { return nil }
        do {
            guard try statement.step() else { return nil }
        } catch {
            readError = "\(error)"
            return nil
        }
        ordinal += 1
        let offset = hasRowID ? 1 : 0
        let rowid = hasRowID ? statement.column(0).intValue ?? ordinal : ordinal
        var columns: [String: FieldValue] = [:]
        for (index, key) in keys.enumerated() where columns[key] == nil {
            switch statement.column(index + offset) {
            case .null: continue
            case .integer(let n): columns[key] = .int(n)
            case .real(let d): columns[key] = .double(d)
            case .text(let s): columns[key] = .string(s)
            case .blob(let bytes): columns[key] = .string(String(decoding: bytes, as: UTF8.self))
            }
        }
        return .success(SourceRow(location: .rowid(rowid), columns: columns))
    }
}
