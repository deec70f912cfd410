import Basics
import Conversation

extension CanonicalJSON {
    /// The canonical JSON of a request, keys sorted: base_url, messages, model, params, and
    /// when set response_schema, settings, tool_choice, tools; then type. `tools` and
    /// `responseSchema` are already-encoded JSON.
    static func request(
        type: String, baseURL: String, model: String, messages: [ChatMessage], params: Any,
        settings: String? = nil, tools: String? = nil, toolChoice: String? = nil,
        responseSchema: String? = nil
    ) -> String {
        guard let params = serialized(params) else { return "" }
        let list = "[" + messages.map(\.jsonText).joined(separator: ",") + "]"
        var fields = [
            ("base_url", string(baseURL)), ("messages", list), ("model", string(model)),
            ("params", params),
        ]
        if let responseSchema { fields.append(("response_schema", responseSchema)) }
        if let settings { fields.append(("settings", string(settings))) }
        if let toolChoice { fields.append(("tool_choice", string(toolChoice))) }
        if let tools { fields.append(("tools", tools)) }
        fields.append(("type", string(type)))
        return object(fields)
    }
}
