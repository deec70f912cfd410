import Conversation
import Foundation
import JSON

/// Conversions between promptgate's JSON values and the `JSONSerialization` objects the
/// providers put on (and read off) the wire.
enum WireJSON {
    /// Compact JSON text with sorted keys of a `JSONSerialization` object (tool arguments a
    /// provider sent as an object); nil when it cannot be encoded.
    static func text(_ object: Any) -> String? {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object,
                options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // Re-written by promptgate's own writer, so numbers read the same in every provider.
        return (try? JSONParser.parse(text))?.jsonText ?? text
    }

    /// The JSON value a `JSONSerialization` object stands for.
    static func value(_ object: Any) -> JSONValue? {
        text(object).flatMap { try? JSONParser.parse($0) }
    }

    /// Tool calls from a reply's list. Each item has an optional string `id`; its name and
    /// arguments sit in the item itself or, with `inner` (OpenAI's and Ollama's `function`), in
    /// that object. Arguments are kept as sent when they are text (even when not JSON) and
    /// written as compact JSON otherwise. `what` names the list in errors, e.g. "'tool_calls'".
    /// Missing ids become `call_<n>`.
    static func toolCalls(
        _ value: Any?, what: String, inner: String? = nil, argumentsKey: String = "arguments"
    ) throws(WireError) -> [ToolCall] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw WireError("\(what) is not an array") }
        let prefix = inner.map { "\($0)." } ?? ""
        var calls: [ToolCall] = []
        for (index, item) in list.enumerated() {
            let position = "\(what) item \(index + 1)"
            guard let call = item as? [String: Any] else {
                throw WireError("\(position) is not an object")
            }
            let fields: [String: Any]
            if let inner {
                guard let object = call[inner] as? [String: Any] else {
                    throw WireError("\(position) has no '\(inner)' object")
                }
                fields = object
            } else {
                fields = call
            }
            guard let name = fields["name"] as? String, !name.isEmpty else {
                throw WireError("\(position) has no '\(prefix)name' string")
            }
            let id: String
            switch call["id"] {
            case nil, is NSNull: id = ""
            case let text as String: id = text
            default: throw WireError("\(position): 'id' is not a string")
            }
            guard let arguments = argumentsText(fields[argumentsKey]) else {
                throw WireError("\(position): '\(prefix)\(argumentsKey)' is not JSON")
            }
            calls.append(ToolCall(id: id, name: name, arguments: arguments))
        }
        return ToolCall.assignMissingIDs(calls)
    }

    /// A call's arguments as a JSON object, for the formats that want one (Anthropic's
    /// `input`, Ollama's `arguments`): `{}` when the model's text was not an object.
    static func argumentsObject(_ call: ToolCall) -> Any {
        if case .object(let members)? = call.parsedArguments {
            return JSONValue.object(members).foundationObject
        }
        return [String: Any]()
    }

    /// Arguments as the model wrote them: a string as is, an object (or other JSON value) as
    /// compact JSON, absent or null as `{}`.
    static func argumentsText(_ value: Any?) -> String? {
        switch value {
        case nil, is NSNull: "{}"
        case let text as String: text
        case let other?: text(other)
        }
    }
}

/// Why part of a provider's reply is unusable (becomes `ProviderError.malformed`).
struct WireError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
