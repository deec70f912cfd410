import Basics
import Conversation
import Foundation
import HTTPClient
import Templates

/// Any JSON endpoint: the body is a template, the output is picked by a JSON path.
///
/// The body template sees `messages` (a list of `{role, content}`, with `tool_calls`,
/// `tool_call_id` and `name` on turns that have them), `prompt` (the last user message),
/// `system` (the system messages joined by a blank line), `model`, `params`, and the prompt
/// version's `tools` (a list, empty without tools), `tool_choice` (empty text without one) and
/// `response_schema` (null without one). Values are inserted as text; write
/// `{{ prompt | json }}` to insert a JSON string. With `tool_calls:` (a JSON path), the reply's
/// calls are read there in the shape `[{id, name, arguments}]`.
public struct HTTPProvider: ModelProvider, ConnectedProvider {
    /// The variables a body template may use.
    public static let bodyVariables = [
        "messages", "prompt", "system", "model", "params", "tools", "tool_choice",
        "response_schema",
    ]

    private let connection: ProviderConnection
    private let template: Template?
    private let path: JSONPath
    private let toolCallsPath: JSONPath?
    public var name: String { connection.settings.name }
    public var config: ProviderConfig { connection.settings.config }

    /// Checks the URL, and parses the body template and the output path once.
    public init(_ settings: ProviderSettings, client: CurlClient) throws(ProviderError) {
        connection = ProviderConnection(settings, client: client)
        let (name, config) = (settings.name, settings.config)
        guard let url = config.url, ProviderConfig.isHTTPURL(url) else {
            throw .invalidRequest("provider '\(name)' (type http) needs an http(s) 'url'")
        }
        do {
            template = try config.body.map { source throws(TemplateError) in try Template(source) }
        } catch {
            throw .invalidRequest("provider '\(name)': body template: \(error.message)")
        }
        do {
            path = try JSONPath(config.output ?? "")
        } catch {
            throw .invalidRequest("provider '\(name)': output: \(error.description)")
        }
        do {
            toolCallsPath = try config.toolCalls.map { text throws(JSONPathError) in
                try JSONPath(text)
            }
        } catch {
            throw .invalidRequest("provider '\(name)': tool_calls: \(error.description)")
        }
    }

    /// The template variables of a request.
    static func variables(_ request: ModelRequest) -> [String: TemplateValue] {
        let messages = request.messages.map { GenericWire.templateValue(GenericWire.message($0)) }
        let prompt = request.messages.last { $0.role == "user" }?.content ?? ""
        let system = request.messages.filter { $0.role == "system" }.map(\.content)
        var params: [String: TemplateValue] = [:]
        let p = request.params
        if let t = p.temperature { params["temperature"] = .number(JSONText.number(t)) }
        if let m = p.maxTokens { params["max_tokens"] = .number(String(m)) }
        if let t = p.topP { params["top_p"] = .number(JSONText.number(t)) }
        if let s = p.seed { params["seed"] = .number(String(s)) }
        if let stop = p.stop { params["stop"] = .array(stop.map { .string($0) }) }
        if let format = p.responseFormat { params["response_format"] = format }
        return [
            "messages": .array(messages), "prompt": .string(prompt),
            "system": .string(system.joined(separator: "\n\n")), "model": .string(request.model),
            "params": .object(params),
            "tools": .array(request.tools.map { GenericWire.templateValue(GenericWire.tool($0)) }),
            "tool_choice": .string(request.toolChoice?.description ?? ""),
            "response_schema": request.responseSchema.map(GenericWire.templateValue) ?? .null,
        ]
    }

    /// The rendered body, checked to be JSON so a missing `| json` fails before sending.
    func body(_ request: ModelRequest) throws(ProviderError) -> [UInt8]? {
        guard let template else { return nil }
        let text: String
        do {
            text = try template.render(Self.variables(request))
        } catch {
            throw .invalidRequest("provider '\(name)': body template: \(error.message)")
        }
        let bytes = [UInt8](text.utf8)
        guard
            (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed))
                != nil
        else {
            throw .invalidRequest(
                "provider '\(name)': the body template rendered invalid JSON (insert text with '| json', e.g. {{ prompt | json }}): \(excerpt(bytes))"
            )
        }
        return bytes
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let header = config.apiKeyHeader ?? "Authorization"
        let prefix =
            config.apiKeyPrefix ?? (header.lowercased() == "authorization" ? "Bearer " : "")
        let response = try await connection.post(
            config.url ?? request.baseURL, body: try body(request),
            key: .init(name: header, prefix: prefix), method: config.method ?? "POST")
        return try Self.parse(response, path: path, toolCalls: toolCallsPath)
    }

    /// Picks the output at `path`; an error status, a non-JSON reply, a path that does not
    /// resolve or resolves to null are errors quoting the body.
    static func parse(_ response: HTTPResponse, path: JSONPath, toolCalls: JSONPath? = nil)
        throws(ProviderError) -> ModelResponse
    {
        try ProviderHTTP.checkStatus(response)
        let json = try? JSONSerialization.jsonObject(
            with: Data(response.body), options: .fragmentsAllowed)
        guard let json else {
            let reason = response.body.isEmpty ? "empty body" : "not JSON"
            throw .malformed(
                status: response.status, reason: reason, excerpt: excerpt(response.body))
        }
        var calls: [ToolCall] = []
        if let toolCalls, case .success(let found) = toolCalls.evaluate(json) {
            do {
                calls = try WireJSON.toolCalls(found, what: toolCalls.source)
            } catch {
                throw .malformed(
                    status: response.status, reason: error.reason, excerpt: excerpt(response.body))
            }
        }
        let value: Any
        switch path.evaluate(json) {
        case .success(let found): value = found
        case .failure where !calls.isEmpty: value = ""
        case .failure(let miss):
            throw .malformed(
                status: response.status, reason: miss.message, excerpt: excerpt(response.body))
        }
        // A reply that only calls tools may have no text.
        let text =
            value is NSNull && !calls.isEmpty
            ? "" : try text(of: value, path: path, response: response)
        return ModelResponse(
            text: text, finishReason: nil, promptTokens: nil, completionTokens: nil,
            latencyMs: response.elapsed * 1000, toolCalls: calls)
    }

    /// A string as it is; numbers, booleans, objects and arrays as compact JSON.
    static func text(of value: Any, path: JSONPath, response: HTTPResponse) throws(ProviderError)
        -> String
    {
        if let string = value as? String { return string }
        guard !(value is NSNull),
            let data = try? JSONSerialization.data(
                withJSONObject: value,
                options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
        else {
            throw .malformed(
                status: response.status, reason: "\(path.source) is null",
                excerpt: excerpt(response.body))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
