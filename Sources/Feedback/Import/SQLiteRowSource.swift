import Basics
import Foundation
import JSON
import SQLite

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
        var columns: [String: JSONValue] = [:]
        for (index, key) in keys.enumerated() where columns[key] == nil {
            switch statement.column(index + offset) {
            case .null: continue
            case .integer(let n): columns[key] = .integer(n)
            case .real(let d): columns[key] = .number(d)
            case .text(let s): columns[key] = .string(s)
            case .blob(let bytes): columns[key] = .string(String(decoding: bytes, as: UTF8.self))
            }
        }
        return .success(SourceRow(location: .rowid(rowid), columns: columns))
    }
}
