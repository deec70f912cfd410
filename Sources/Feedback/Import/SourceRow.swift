import JSON

/// One row of an export: its columns by normalized name, and where it came from.
public struct SourceRow: Sendable {
    /// Where the row is, for error reports.
    public enum Location: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line of a JSONL or CSV file (a CSV record's first line).
        case line(Int)
        /// The `rowid` of a SQLite row.
        case rowid(Int64)
        /// 1-based position of a record in a request body (`feedback serve`).
        case record(Int)

        public var description: String {
            switch self {
            case .line(let n): "line \(n)"
            case .rowid(let n): "rowid \(n)"
            case .record(let n): "record \(n)"
            }
        }
    }

    public var location: Location
    public var columns: [String: JSONValue]

    public init(location: Location, columns: [String: JSONValue]) {
        self.location = location
        self.columns = columns
    }

    /// The value at a normalized column name, or at a dotted path into nested objects
    /// (`request.input`), or nil.
    public func value(at column: String) -> JSONValue? {
        if let direct = columns[FeedbackField.normalize(column)] { return direct }
        guard column.contains(".") else { return nil }
        var current = JSONValue.object(columns)
        for part in column.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let members) = current,
                let next = members[FeedbackField.normalize(String(part))]
            else { return nil }
            current = next
        }
        return current
    }
}

/// A row that could not be read or did not make a valid record.
public struct RowFailure: Error, Sendable, Hashable {
    public var location: SourceRow.Location
    public var message: String
    /// The lines this failure lost, from `location` on: more than one when a CSV quote that
    /// is never closed swallowed the rest of the file. Each counts as a rejected row.
    public var lines: Int
    /// The field at fault, when one is (`rating`, `user_input`): what the service's 400 names.
    public var field: String?

    public init(
        location: SourceRow.Location, message: String, lines: Int = 1, field: String? = nil
    ) {
        self.location = location
        self.message = message
        self.lines = lines
        self.field = field
    }
}
