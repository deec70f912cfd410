import Conversation
import Foundation
import HTTPClient
import JSON

/// OpenAI-compatible chat completions: OpenAI, vLLM, llama.cpp's server, Ollama's /v1,
/// LM Studio, OpenRouter.
public struct OpenAIProvider: ModelProvider, ConnectedProvider {
    private let connection: ProviderConnection
    public var name: String { connection.settings.name }
    public var config: ProviderConfig { connection.settings.config }

    public init(_ settings: ProviderSettings, client: CurlClient) {
        connection = ProviderConnection(settings, client: client)
    }

    /// `{base_url}/chat/completions`.
    static func endpoint(_ baseURL: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/chat/completions"
    }

    /// The request body: params, model, messages (with tool calls and results), `tools` and
    /// `tool_choice` (only with tools: the API rejects a choice without them), and
    /// `responseSchema` as a `json_schema` `response_format`, which replaces the raw
    /// `response_format` param.
    static func body(_ request: ModelRequest) -> [String: Any] {
        var body: [String: Any] = request.params.jsonObject
        body["model"] = request.model
        body["messages"] = request.messages.map(OpenAIWire.message)
        if !request.tools.isEmpty {
            body["tools"] = OpenAIWire.tools(request.tools)
            if let choice = request.toolChoice {
                body["tool_choice"] = OpenAIWire.toolChoice(choice)
            }
        }
        if let schema = request.responseSchema {
            body["response_format"] = OpenAIWire.responseFormat(schema)
        }
        return body
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        return try Self.parse(
            try await connection.post(
                Self.endpoint(request.baseURL), body: try ProviderHTTP.encode(Self.body(request)),
                key: .bearer))
    }

    /// Turns a chat-completions reply into a response or a precise error.
    static func parse(_ response: HTTPResponse) throws(ProviderError) -> ModelResponse {
        let status = response.status
        if status == 429 || status == 503 {
            throw .rateLimited(
                status: status,
                retryAfter: ProviderError.parseRetryAfter(response.header("Retry-After")),
                excerpt: excerpt(response.body))
        }
        let json = try? JSONParser.parse(response.body)
        if let error = json?["error"] {
            let message =
                error["message"]?.stringValue ?? error.stringValue ?? excerpt(response.body)
            throw .apiError(status: status, message: String(message.prefix(300)))
        }
        guard (200..<300).contains(status) else {
            throw .http(status: status, excerpt: excerpt(response.body))
        }
        guard let object = json, case .object = object else {
            let reason = response.body.isEmpty ? "empty body" : "not JSON"
            throw .malformed(status: status, reason: reason, excerpt: excerpt(response.body))
        }
        guard let choices = object["choices"]?.arrayValue else {
            throw .malformed(
                status: status, reason: "no 'choices'", excerpt: excerpt(response.body))
        }
        guard let first = choices.first, case .object = first else {
            throw .emptyChoices(status: status)
        }
        guard let message = first["message"], case .object = message else {
            throw .malformed(
                status: status, reason: "choice without 'message'", excerpt: excerpt(response.body))
        }
        let text: String
        switch message["content"] {
        case .string(let content): text = content
        case .null, nil: text = ""
        default:
            throw .malformed(
                status: status, reason: "'content' is not text", excerpt: excerpt(response.body))
        }
        let calls: [ToolCall]
        do {
            // Rare enough to go through the objects the wire code reads.
            calls = try OpenAIWire.toolCalls(message["tool_calls"]?.foundationObject)
        } catch {
            throw .malformed(status: status, reason: error.reason, excerpt: excerpt(response.body))
        }
        let usage = object["usage"]
        return ModelResponse(
            text: text, finishReason: first["finish_reason"]?.stringValue,
            promptTokens: usage?["prompt_tokens"]?.intValue,
            completionTokens: usage?["completion_tokens"]?.intValue,
            latencyMs: response.elapsed * 1000, toolCalls: calls)
    }
}
