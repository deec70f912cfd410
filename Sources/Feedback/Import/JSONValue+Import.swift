import JSON

/// A column of an export row is a ``JSON/JSONValue``: JSON's types also cover CSV text
/// (`.string`) and SQLite's storage classes (`.integer`, `.number`, `.string`). Object keys
/// read from JSONL are normalized (``FeedbackField/normalize(_:)``) so lookups ignore case and
/// punctuation.
extension JSONValue {
    /// The type as import messages name it: "expected a number, got an object".
    var importTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
