import Conversation
import Foundation
import HTTPClient

/// Ollama's native chat API: `POST {base_url}/api/chat` without streaming, sampling
/// parameters under `options`.
public struct OllamaProvider: ModelProvider, ConnectedProvider {
    private let connection: ProviderConnection
    public var name: String { connection.settings.name }
    public var config: ProviderConfig { connection.settings.config }

    public init(_ settings: ProviderSettings, client: CurlClient) {
        connection = ProviderConnection(settings, client: client)
    }

    static func endpoint(_ baseURL: String) -> String {
        ProviderHTTP.trimmed(baseURL) + "/api/chat"
    }

    /// The request body; `max_tokens` becomes `num_predict`, a response schema (or the raw
    /// `response_format` param's `json_object` / `json_schema`) becomes `format`, and tools go
    /// as ``OllamaWire`` writes them.
    static func body(_ request: ModelRequest) -> [String: Any] {
        var body: [String: Any] = [
            "model": request.model,
            "messages": request.messages.map(OllamaWire.message),
            "stream": false,
        ]
        let params = request.params
        var options: [String: Any] = [:]
        if let temperature = params.temperature { options["temperature"] = temperature }
        if let maxTokens = params.maxTokens { options["num_predict"] = maxTokens }
        if let topP = params.topP { options["top_p"] = topP }
        if let seed = params.seed { options["seed"] = seed }
        if let stop = params.stop { options["stop"] = stop }
        if !options.isEmpty { body["options"] = options }
        if case .object(let format) = params.responseFormat {
            if format["type"] == .string("json_object") {
                body["format"] = "json"
            } else if case .object(let spec) = format["json_schema"], let schema = spec["schema"] {
                body["format"] = schema.jsonObject
            }
        }
        // The prompt version's response schema wins over a raw `response_format` param.
        if let schema = request.responseSchema { body["format"] = schema.foundationObject }
        let tools = OllamaWire.tools(request)
        if !tools.isEmpty { body["tools"] = tools }
        return body
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let response = try await connection.post(
            Self.endpoint(request.baseURL), body: try ProviderHTTP.encode(Self.body(request)),
            key: .bearer)
        return try Self.parse(response)
    }

    /// Turns an `/api/chat` reply into a response or a precise error.
    static func parse(_ response: HTTPResponse) throws(ProviderError) -> ModelResponse {
        let status = response.status
        let json = try? JSONSerialization.jsonObject(with: Data(response.body))
        // {"error": "model 'x' not found"}
        if let object = json as? [String: Any], let error = object["error"] {
            let message = error as? String ?? excerpt(response.body)
            throw .apiError(status: status, message: String(message.prefix(300)))
        }
        try ProviderHTTP.checkStatus(response)
        let object = try ProviderHTTP.object(response)
        guard let message = object["message"] as? [String: Any] else {
            throw .malformed(
                status: status, reason: "no 'message'", excerpt: excerpt(response.body))
        }
        guard let text = message["content"] as? String else {
            throw .malformed(
                status: status, reason: "'message.content' is not text",
                excerpt: excerpt(response.body))
        }
        let calls: [ToolCall]
        do {
            calls = try OpenAIWire.toolCalls(message["tool_calls"])
        } catch {
            throw .malformed(status: status, reason: error.reason, excerpt: excerpt(response.body))
        }
        return ModelResponse(
            text: text, finishReason: object["done_reason"] as? String,
            promptTokens: object["prompt_eval_count"] as? Int,
            completionTokens: object["eval_count"] as? Int,
            latencyMs: response.elapsed * 1000, toolCalls: calls)
    }
}
