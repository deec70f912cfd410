import Basics

extension CanonicalJSON {
    /// The canonical JSON of a request: base_url, messages (content, role), model, params,
    /// settings (only when the type has any), type.
    static func request(
        type: String, baseURL: String, model: String, messages: [ChatMessage], params: Any,
        settings: String? = nil
    ) -> String {
        guard let params = serialized(params) else { return "" }
        let list =
            "["
            + messages.map { object([("content", string($0.content)), ("role", string($0.role))]) }
            .joined(separator: ",") + "]"
        var fields = [
            ("base_url", string(baseURL)), ("messages", list), ("model", string(model)),
            ("params", params),
        ]
        if let settings { fields.append(("settings", string(settings))) }
        fields.append(("type", string(type)))
        return object(fields)
    }
}
