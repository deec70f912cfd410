import Conversation
import Foundation
import HTTPClient

/// Anthropic's Messages API: `POST {base_url}/v1/messages`, the system prompt in its own
/// `system` field, the key in `x-api-key`, and `max_tokens` always set.
public struct AnthropicProvider: ModelProvider, ConnectedProvider {
    public static let defaultVersion = "2023-06-01"
    /// The API requires `max_tokens`; this is sent when neither prompt nor provider sets it.
    public static let defaultMaxTokens = 1024

    private let connection: ProviderConnection
    public var name: String { connection.settings.name }
    public var config: ProviderConfig { connection.settings.config }

    public init(_ settings: ProviderSettings, client: CurlClient) {
        connection = ProviderConnection(settings, client: client)
    }

    /// `{base}/v1/messages`; a base that already ends in `/v1` is not doubled.
    static func endpoint(_ baseURL: String) -> String {
        let base = ProviderHTTP.trimmed(baseURL)
        return base.hasSuffix("/v1") ? base + "/messages" : base + "/v1/messages"
    }

    /// The request body: system messages joined into `system`, the rest as `messages`, tools
    /// and a response schema as ``AnthropicWire`` writes them. `seed` and the raw
    /// `response_format` param have no Messages API equivalent and are not sent.
    static func body(_ request: ModelRequest) -> [String: Any] {
        var body: [String: Any] = [
            "model": request.model,
            "max_tokens": request.params.maxTokens ?? defaultMaxTokens,
            "messages": AnthropicWire.messages(request.messages),
        ]
        let (tools, choice) = AnthropicWire.tools(request)
        if !tools.isEmpty { body["tools"] = tools }
        if let choice { body["tool_choice"] = choice }
        let system = request.messages.filter { $0.role == "system" }.map(\.content)
        if !system.isEmpty { body["system"] = system.joined(separator: "\n\n") }
        if let temperature = request.params.temperature { body["temperature"] = temperature }
        if let topP = request.params.topP { body["top_p"] = topP }
        if let stop = request.params.stop { body["stop_sequences"] = stop }
        return body
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let version = HTTPHeader(
            name: "anthropic-version", value: config.anthropicVersion ?? Self.defaultVersion)
        let response = try await connection.post(
            Self.endpoint(request.baseURL), body: try ProviderHTTP.encode(Self.body(request)),
            key: .init(name: "x-api-key", prefix: ""), extra: [version])
        return try Self.parse(response, schema: request.responseSchema != nil)
    }

    /// Turns a Messages API reply into a response or a precise error.
    static func parse(_ response: HTTPResponse, schema: Bool = false) throws(ProviderError)
        -> ModelResponse
    {
        let status = response.status
        let json = try? JSONSerialization.jsonObject(with: Data(response.body))
        // {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
        if let object = json as? [String: Any], let error = object["error"] as? [String: Any] {
            let message = error["message"] as? String ?? excerpt(response.body)
            let kind = error["type"] as? String
            throw .apiError(
                status: status,
                message: String(((kind.map { "\($0): " } ?? "") + message).prefix(300)))
        }
        try ProviderHTTP.checkStatus(response)
        let object = try ProviderHTTP.object(response)
        guard let content = object["content"] as? [Any] else {
            throw .malformed(
                status: status, reason: "no 'content'", excerpt: excerpt(response.body))
        }
        let text: String
        let calls: [ToolCall]
        do {
            (text, calls) = try AnthropicWire.content(content, schema: schema)
        } catch {
            throw .malformed(status: status, reason: error.reason, excerpt: excerpt(response.body))
        }
        let usage = object["usage"] as? [String: Any]
        return ModelResponse(
            text: text, finishReason: object["stop_reason"] as? String,
            promptTokens: usage?["input_tokens"] as? Int,
            completionTokens: usage?["output_tokens"] as? Int,
            latencyMs: response.elapsed * 1000, toolCalls: calls)
    }
}
