import Basics
import Conversation
import Foundation

extension CanonicalJSON {
    /// The canonical JSON of a request, keys sorted: base_url, messages, model, params, and
    /// when set response_schema, settings, tool_choice, tools; then type. `tools` and
    /// `responseSchema` are already-encoded JSON.
    static func request(
        type: String, baseURL: String, model: String, messages: [ChatMessage], params: String?,
        settings: String? = nil, tools: String? = nil, toolChoice: String? = nil,
        responseSchema: String? = nil
    ) -> String {
        guard let params else { return "" }
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

extension ModelParams {
    /// The parameters' canonical JSON (``CanonicalJSON/serialized(_:)`` of ``jsonObject``),
    /// serialized once per distinct value: a run's requests share one or two, and
    /// `JSONSerialization` per request was a sixth of a cached run's CPU.
    package var canonicalJSON: String? { ParamsJSON.shared.text(for: self) }
}

/// The memo behind ``ModelParams/canonicalJSON``.
private final class ParamsJSON: @unchecked Sendable {
    static let shared = ParamsJSON()
    private let lock = NSLock()
    private var texts: [ModelParams: String?] = [:]

    func text(for params: ModelParams) -> String? {
        if let known = lock.withLock({ texts[params] }) { return known }
        let text = CanonicalJSON.serialized(params.jsonObject)
        lock.withLock {
            // A process sees a handful; bounded all the same.
            if texts.count >= 256 { texts.removeAll() }
            texts[params] = text
        }
        return text
    }
}
