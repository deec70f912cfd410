/// A value read from one column of an export row: JSON's types, which also cover CSV text and
/// SQLite's storage classes.
public indirect enum FieldValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([FieldValue])
    /// Keys are normalized (``FeedbackField/normalize(_:)``) so lookups ignore case and
    /// punctuation.
    case object([String: FieldValue])

    /// The JSON type name, for messages like "expected a number, got an object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Whether the value says nothing: null, or text that is empty or only whitespace.
    public var isBlank: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.allSatisfy(\.isWhitespace)
        default: return false
        }
    }
}

/// One row of an export: its columns by normalized name, and where it came from.
public struct SourceRow: Sendable {
    /// Where the row is, for error reports.
    public enum Location: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line of a JSONL or CSV file (a CSV record's first line).
        case line(Int)
        /// The `rowid` of a SQLite row.
        case rowid(Int64)

        public var description: String {
            switch self {
            case .line(let n): "line \(n)"
            case .rowid(let n): "rowid \(n)"
            }
        }
    }

    public var location: Location
    public var columns: [String: FieldValue]

    public init(location: Location, columns: [String: FieldValue]) {
        self.location = location
        self.columns = columns
    }

    /// The value at a normalized column name, or at a dotted path into nested objects
    /// (`request.input`), or nil.
    public func value(at column: String) -> FieldValue? {
        if let direct = columns[FeedbackField.normalize(column)] { return direct }
        guard column.contains(".") else { return nil }
        var current = FieldValue.object(columns)
        for part in column.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let members) = current,
                let next = members[FeedbackField.normalize(String(part))]
            else { return nil }
            current = next
        }
        return current
    }
}
