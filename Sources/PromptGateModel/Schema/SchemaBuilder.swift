import JSON

/// Builds the JSON Schemas of the project's files from the key lists the decoders check.
///
/// Each object's `properties` are exactly the keys its decoder accepts (its `CodingKeys`);
/// the builder only adds a type and a description to each. A key without a description, or
/// a description for a key the decoder does not accept, is recorded in ``problems`` (a test
/// keeps it empty), so a new key cannot reach the decoder without reaching the schema.
final class SchemaBuilder {
    private(set) var problems: [String] = []
    private(set) var definitions: [String: JSONValue] = [:]

    /// A closed object: `keys` from the decoder, `fields` their schemas by key.
    func object(
        _ name: String, keys: [String], required: [String] = [], description: String,
        _ fields: [String: JSONValue]
    ) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for key in keys {
            if let field = fields[key] {
                properties[key] = field
            } else {
                problems.append("\(name).\(key): accepted by the decoder but not described")
                properties[key] = .object([:])
            }
        }
        for key in fields.keys where !keys.contains(key) {
            problems.append("\(name).\(key): described but not accepted by the decoder")
        }
        var out: [String: JSONValue] = [
            "type": "object", "description": .string(description),
            "properties": .object(properties), "additionalProperties": false,
        ]
        if !required.isEmpty { out["required"] = .array(required.map { .string($0) }) }
        return .object(out)
    }

    /// Registers `schema` under `$defs/name` and returns a reference to it.
    func define(_ name: String, _ schema: JSONValue) -> JSONValue {
        definitions[name] = schema
        return Self.ref(name)
    }

    static func ref(_ name: String, _ description: String? = nil) -> JSONValue {
        var out: [String: JSONValue] = ["$ref": .string("#/$defs/\(name)")]
        if let description { out["description"] = .string(description) }
        return .object(out)
    }

    /// The document: a draft 2020-12 schema with its `$defs`.
    func document(title: String, description: String, root: JSONValue) -> JSONValue {
        guard case .object(var members) = root else { return root }
        members["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        members["title"] = .string(title)
        members["description"] = .string(description)
        if !definitions.isEmpty { members["$defs"] = .object(definitions) }
        return .object(members)
    }
}

/// Field schemas: a type, a description, and the bounds the decoder enforces.
enum Field {
    static func text(_ description: String) -> JSONValue {
        ["type": "string", "description": .string(description)]
    }

    /// A scalar YAML reads as text: `version: 1.3` and `version: "1.3"` are the same.
    static func scalar(_ description: String) -> JSONValue {
        ["type": ["string", "number"], "description": .string(description)]
    }

    static func bool(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }

    static func number(_ description: String, min: Double? = nil, max: Double? = nil)
        -> JSONValue
    {
        bounded("number", description, min: min, max: max)
    }

    static func integer(_ description: String, min: Double? = nil, max: Double? = nil)
        -> JSONValue
    {
        bounded("integer", description, min: min, max: max)
    }

    /// A number strictly above 0 (timeouts, rates).
    static func positive(_ description: String) -> JSONValue {
        ["type": "number", "exclusiveMinimum": 0, "description": .string(description)]
    }

    static func oneOf(_ values: [String], _ description: String) -> JSONValue {
        [
            "type": "string", "enum": .array(values.map { .string($0) }),
            "description": .string(description),
        ]
    }

    static func list(_ items: JSONValue, _ description: String) -> JSONValue {
        ["type": "array", "items": items, "description": .string(description)]
    }

    /// One item or a list of them (`stop: "\n"` or `stop: ["\n", "END"]`).
    static func oneOrList(_ item: JSONValue, _ description: String) -> JSONValue {
        [
            "anyOf": [item, ["type": "array", "items": item]],
            "description": .string(description),
        ]
    }

    static func map(_ values: JSONValue, _ description: String) -> JSONValue {
        ["type": "object", "additionalProperties": values, "description": .string(description)]
    }

    /// Anything YAML can hold (template variables, a response format).
    static func any(_ description: String) -> JSONValue {
        ["description": .string(description)]
    }

    private static func bounded(_ type: String, _ description: String, min: Double?, max: Double?)
        -> JSONValue
    {
        var out: [String: JSONValue] = [
            "type": .string(type), "description": .string(description),
        ]
        if let min { out["minimum"] = .number(min) }
        if let max { out["maximum"] = .number(max) }
        return .object(out)
    }
}
