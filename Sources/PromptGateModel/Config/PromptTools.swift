import Assertions
import Basics
import Foundation
import JSON
import Providers
import YAMLCoding

/// One entry of a prompt version's `tools:`: what the model may call. Checked when decoded,
/// so `validate` reports a bad name or schema at its place in the file.
struct ToolDeclaration: Decodable {
    /// The names every provider accepts (OpenAI's rule is the strictest).
    static let namePattern = "^[A-Za-z0-9_-]{1,64}$"

    var spec: ToolSpec
    var mark: YAMLMark

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, parameters
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(Located<String>.self, forKey: .name)
        mark = name.mark
        if name.value.range(of: Self.namePattern, options: .regularExpression) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: c,
                debugDescription:
                    "tool name '\(name.value)' must be 1 to 64 letters, digits, '_' or '-' (e.g. lookup_order)"
            )
        }
        let description = try c.decodeIfPresent(String.self, forKey: .description)
        let parameters =
            try c.decodeIfPresent(JSONValue.self, forKey: .parameters) ?? ["type": "object"]
        try Self.checkSchema(
            parameters, what: "parameters of tool '\(name.value)'", needsObject: true
        ) {
            DecodingError.dataCorruptedError(forKey: .parameters, in: c, debugDescription: $0)
        }
        spec = ToolSpec(name: name.value, description: description, parameters: parameters)
    }

    /// A schema must compile (supported keywords, well-formed); a tool's parameters must
    /// describe an object, which is what every provider sends as arguments.
    static func checkSchema(
        _ root: JSONValue, what: String, needsObject: Bool,
        fail: (String) -> DecodingError
    ) throws {
        do {
            _ = try JSONSchema(root)
        } catch {
            throw fail("\(what): \(error)")
        }
        guard needsObject else { return }
        guard case .object(let o) = root else {
            throw fail("\(what) must be a JSON Schema object, e.g. { type: object, properties: … }")
        }
        if let type = o["type"], type != .string("object") {
            throw fail(
                "\(what) must have type: object (tool arguments are an object), got \(type.jsonText)"
            )
        }
    }
}

/// `response_format:` of a prompt version: the JSON Schema the answer must follow, inline or
/// `file://path` relative to the project root (JSON, or YAML by its extension).
struct ResponseFormat: Decodable {
    var schema: JSONValue

    enum CodingKeys: String, CodingKey, CaseIterable {
        case jsonSchema = "json_schema"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func fail(_ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: .jsonSchema, in: c, debugDescription: message)
        }
        let given = try c.decode(JSONValue.self, forKey: .jsonSchema)
        if case .string(let text) = given {
            guard text.hasPrefix("file://") else {
                throw fail(
                    "json_schema is a schema (a mapping) or file://path, got the text '\(text)'")
            }
            schema = try Self.load(String(text.dropFirst(7)), decoder: decoder, fail: fail)
        } else {
            schema = given
        }
        try ToolDeclaration.checkSchema(
            schema, what: "response_format.json_schema", needsObject: false, fail: fail)
    }

    private static func load(
        _ path: String, decoder: any Decoder, fail: (String) -> DecodingError
    ) throws -> JSONValue {
        guard !path.isEmpty else { throw fail("'file://' names no file") }
        var absolute = path
        if !path.hasPrefix("/") {
            let root =
                decoder.userInfo[AssertionSpec.projectRootKey] as? String
                ?? FileManager.default.currentDirectoryPath
            absolute = (root as NSString).appendingPathComponent(path)
        }
        return try SchemaFile.read(
            absolute: absolute, shown: path, relativeTo: "the project root", fail: fail)
    }
}

extension PromptVersion {
    /// `tools:`, `tool_choice:` and `response_format:`; a choice must name a declared tool.
    mutating func decodeTools(_ c: KeyedDecodingContainer<CodingKeys>) throws {
        let declared = try c.decodeIfPresent([ToolDeclaration].self, forKey: .tools) ?? []
        var seen: Set<String> = []
        for declaration in declared where !seen.insert(declaration.spec.name).inserted {
            throw DecodingError.dataCorruptedError(
                forKey: .tools, in: c,
                debugDescription:
                    "tool '\(declaration.spec.name)' is declared twice (line \(declaration.mark.line)); tool names must be unique"
            )
        }
        tools = declared.map(\.spec)
        if let choice = try c.decodeIfPresent(String.self, forKey: .toolChoice) {
            let parsed = ToolChoice(choice)
            if case .tool(let name) = parsed, !seen.contains(name) {
                let names = tools.map(\.name)
                let hint = suggestion(for: name, among: names).map { "; did you mean '\($0)'?" }
                throw DecodingError.dataCorruptedError(
                    forKey: .toolChoice, in: c,
                    debugDescription:
                        "tool_choice '\(name)' is not a declared tool"
                        + (hint
                            ?? " (use auto, none, required or one of: \(names.isEmpty ? "no tools declared" : names.joined(separator: ", ")))")
                )
            }
            if tools.isEmpty {
                throw DecodingError.dataCorruptedError(
                    forKey: .toolChoice, in: c,
                    debugDescription:
                        "tool_choice needs tools: declare the tools the model may call"
                )
            }
            toolChoice = parsed
        }
        responseSchema = try c.decodeIfPresent(ResponseFormat.self, forKey: .responseFormat)?
            .schema
    }
}
