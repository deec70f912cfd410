import JSON
import YAMLCoding

/// The API's OpenAPI 3.1 document (docs/feedback-api.yaml, embedded by
/// scripts/embed-feedback-api.sh) and its JSON form for `GET /openapi.json`.
public enum FeedbackAPISpec {
    /// The document as JSON text, converted once.
    public static let json: [UInt8] = Array((document ?? .object([:])).jsonText.utf8)

    /// The document as a JSON value: plain scalars resolved by the YAML 1.2 core schema.
    public static let document: JSONValue? = {
        guard let node = try? YAMLParser.parse(Array(yaml.utf8), file: "feedback-api.yaml")
        else { return nil }
        return jsonValue(node)
    }()

    /// A YAML node as JSON: plain untagged scalars typed (null, booleans, numbers), the rest text.
    public static func jsonValue(_ node: YAMLNode) -> JSONValue {
        switch node {
        case .scalar(let scalar, _):
            guard scalar.style == .plain, scalar.tag == nil else { return .string(scalar.value) }
            switch scalar.value {
            case "null", "~", "": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                if let n = Int64(scalar.value) { return .integer(n) }
                if scalar.value.first?.isNumber == true || scalar.value.first == "-",
                    let d = Double(scalar.value)
                {
                    return .number(d)
                }
                return .string(scalar.value)
            }
        case .sequence(let items, _):
            return .array(items.map(jsonValue))
        case .mapping(let entries, _):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key.scalarValue ?? ""] = jsonValue(entry.value) }
            return .object(object)
        }
    }
}
