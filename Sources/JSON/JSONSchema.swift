import Basics
import Foundation

/// A JSON Schema (draft 2020-12 subset) checked up front, ready to validate instances.
///
/// Supported: `type`, `properties`, `required`, `additionalProperties`, `items`, `prefixItems`,
/// `enum`, `const`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`,
/// `maxLength` (in Unicode code points), `pattern` (ICU syntax as in NSRegularExpression, unanchored),
/// `minItems`, `maxItems`, `uniqueItems`, `allOf`, `anyOf`, `oneOf`, `not`, `$defs` and local
/// `$ref` (`#`, `#/$defs/x`), plus boolean schemas. Annotations (``annotationKeywords``) are
/// accepted and have no effect. Any other keyword is a ``JSONSchemaError`` rather than being
/// silently ignored, so a schema never checks less than its author thinks. `$id` does not
/// change how `$ref` resolves: references are pointers into this document.
public struct JSONSchema: Sendable, Hashable {
    /// The schema document as written.
    public let root: JSONValue

    /// Keywords that constrain instances.
    public static let supportedKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "enum",
        "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
        "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "allOf", "anyOf", "oneOf",
        "not", "$ref", "$defs",
    ]

    /// Keywords accepted without effect: metadata, and `format`, an annotation in 2020-12.
    public static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly", "format", "contentEncoding", "contentMediaType",
    ]

    static let typeNames: Set<String> = [
        "null", "boolean", "object", "array", "number", "string", "integer",
    ]

    /// Checks every keyword of `root` and its subschemas; throws on the first problem.
    public init(_ root: JSONValue) throws(JSONSchemaError) {
        self.root = root
        try check(root, at: "#")
    }

    /// Parses JSON text and checks it as a schema; a syntax error is ``JSONSchemaError/Kind/invalid``.
    public init(jsonText: String) throws(JSONSchemaError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(jsonText)
        } catch {
            throw JSONSchemaError(.invalid, at: "#", "schema is not valid JSON: \(error)")
        }
        try self.init(value)
    }

    /// Resolves a local reference (`#`, `#/$defs/x`), or nil.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#"),
            let tokens = JSONPointer.tokens(String(reference.dropFirst()), percentEncoded: true)
        else { return nil }
        return JSONPointer.resolve(tokens, in: root)
    }

    private func check(_ schema: JSONValue, at location: String) throws(JSONSchemaError) {
        guard case .object(let members) = schema else {
            if case .bool = schema { return }
            throw JSONSchemaError(
                .invalid, at: location,
                "a schema must be an object or a boolean, got \(schema.typeName)")
        }
        for (keyword, value) in members.sorted(by: { $0.key < $1.key }) {
            let here = location + "/" + JSONPointer.escape(keyword)
            if Self.annotationKeywords.contains(keyword) { continue }
            guard Self.supportedKeywords.contains(keyword) else {
                throw JSONSchemaError(
                    .unsupportedKeyword, at: location,
                    "unsupported JSON Schema keyword '\(keyword)'; supported: "
                        + Self.supportedKeywords.sorted().joined(separator: ", "))
            }
            try checkKeyword(keyword, value, at: here)
        }
    }

    private func checkKeyword(
        _ keyword: String, _ value: JSONValue, at here: String
    ) throws(JSONSchemaError) {
        let invalid = { (expected: String) -> JSONSchemaError in
            JSONSchemaError(.invalid, at: here, "'\(keyword)' must be \(expected)")
        }
        switch keyword {
        case "type":
            let names: [JSONValue]
            if case .array(let list) = value { names = list } else { names = [value] }
            let allowed = names.compactMap { name -> String? in
                if case .string(let text) = name, Self.typeNames.contains(text) { return text }
                return nil
            }
            if names.isEmpty || allowed.count != names.count || Set(allowed).count != names.count {
                throw invalid("a type name or a list of distinct ones: \(Self.typeNames.sorted())")
            }
        case "properties", "$defs":
            guard case .object(let members) = value else { throw invalid("an object of schemas") }
            for (name, subschema) in members.sorted(by: { $0.key < $1.key }) {
                try check(subschema, at: here + "/" + JSONPointer.escape(name))
            }
        case "additionalProperties", "items", "not":
            try check(value, at: here)
        case "prefixItems", "allOf", "anyOf", "oneOf":
            guard case .array(let list) = value, !list.isEmpty else {
                throw invalid("a non-empty list of schemas")
            }
            for (index, subschema) in list.enumerated() {
                try check(subschema, at: here + "/\(index)")
            }
        case "required":
            guard case .array(let list) = value,
                list.allSatisfy({ if case .string = $0 { true } else { false } })
            else { throw invalid("a list of property names") }
        case "enum":
            guard case .array = value else { throw invalid("a list of values") }
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
            guard value.numberValue != nil else { throw invalid("a number") }
        case "minLength", "maxLength", "minItems", "maxItems":
            guard value.isInteger, let number = value.numberValue, number >= 0 else {
                throw invalid("a whole number ≥ 0")
            }
        case "uniqueItems":
            guard case .bool = value else { throw invalid("true or false") }
        case "pattern":
            guard case .string(let pattern) = value else { throw invalid("a regular expression") }
            if case .failure(let error) = CompiledRegex.compile(pattern) {
                throw JSONSchemaError(
                    .invalid, at: here, "invalid pattern '\(pattern)': \(error.reason)")
            }
        case "$ref":
            try checkReference(value, at: here)
        default:  // const: any value
            break
        }
    }

    private func checkReference(_ value: JSONValue, at here: String) throws(JSONSchemaError) {
        guard case .string(let reference) = value else {
            throw JSONSchemaError(.invalid, at: here, "'$ref' must be a string")
        }
        guard reference == "#" || reference.hasPrefix("#/") else {
            throw JSONSchemaError(
                .unsupportedReference, at: here,
                "unsupported $ref '\(reference)': only references inside the schema "
                    + "('#', '#/$defs/name') are supported")
        }
        guard let target = resolve(reference) else {
            throw JSONSchemaError(.invalid, at: here, "$ref '\(reference)' points at nothing")
        }
        switch target {
        case .bool, .object: break
        default:
            throw JSONSchemaError(
                .invalid, at: here,
                "$ref '\(reference)' points at a \(target.typeName), not a schema")
        }
    }
}
