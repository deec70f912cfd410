import Basics
import JSON

/// One tool call a model made: its id (as the provider gave it, or `call_<n>` when it gave
/// none), the tool's name, and the arguments exactly as the model wrote them.
public struct ToolCall: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The arguments' text as sent by the model: usually a JSON object, but a model can write
    /// anything, so the raw text is what is kept, compared and hashed.
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// The arguments as JSON; nil when the model's text is not valid JSON.
    public var parsedArguments: JSONValue? { try? JSONParser.parse(arguments) }

    /// Why the arguments are not valid JSON, or nil when they are.
    public var argumentsError: String? {
        do {
            _ = try JSONParser.parse(arguments)
            return nil
        } catch {
            return error.description
        }
    }

    /// Compact JSON with sorted keys: `{"arguments":…,"id":…,"name":…}`.
    public var jsonText: String {
        JSONText.object([
            ("arguments", JSONText.string(arguments)), ("id", JSONText.string(id)),
            ("name", JSONText.string(name)),
        ])
    }

    /// The call from its ``jsonText`` form; `arguments` may also be a JSON value (written
    /// back as compact text).
    public init?(json: JSONValue) {
        guard case .object(let o) = json, case .string(let name)? = o["name"] else { return nil }
        self.name = name
        if case .string(let id)? = o["id"] { self.id = id } else { id = "" }
        switch o["arguments"] {
        case .string(let text)?: arguments = text
        case nil, .null?: arguments = "{}"
        case let value?: arguments = value.jsonText
        }
    }

    /// Ids for calls a provider gave none for (Ollama, some local servers): `call_1`, …,
    /// stable across runs so recordings and caches stay byte-identical.
    public static func assignMissingIDs(_ calls: [ToolCall], step: Int = 0) -> [ToolCall] {
        calls.enumerated().map { offset, call in
            guard call.id.isEmpty else { return call }
            var named = call
            named.id = step == 0 ? "call_\(offset + 1)" : "call_\(step + 1)_\(offset + 1)"
            return named
        }
    }
}
