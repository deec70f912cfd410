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
}
