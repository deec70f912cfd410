import Basics
import Conversation
import Foundation
import HTTPClient
import JSON
import Templates

/// A request to a model, as promptgate sees it before it goes on the wire.
public struct ModelRequest: Sendable, Hashable {
    /// The provider's name in promptgate.yaml (for messages only: not part of the key).
    public var providerName: String
    public var providerType: String
    public var baseURL: String
    public var model: String
    public var messages: [ChatMessage]
    public var params: ModelParams
    /// The provider type's own settings that shape the request (`ProviderConfig.requestSettings`):
    /// part of the key when set, so editing an `http` body template or an `exec` command makes
    /// new keys. Never holds a secret.
    public var settings: String?
    /// The prompt version's tools; empty when it declares none.
    public var tools: [ToolSpec]
    /// `tool_choice`; nil leaves it to the provider (`auto` when tools are given).
    public var toolChoice: ToolChoice?
    /// `response_format: { json_schema: … }`: the JSON Schema the answer must follow (sent as
    /// OpenAI's `response_format`, a forced tool for Anthropic, `format` for Ollama).
    public var responseSchema: JSONValue?

    public init(
        providerName: String, providerType: String, baseURL: String, model: String,
        messages: [ChatMessage], params: ModelParams, settings: String? = nil,
        tools: [ToolSpec] = [], toolChoice: ToolChoice? = nil, responseSchema: JSONValue? = nil
    ) {
        self.tools = tools
        self.toolChoice = toolChoice
        self.responseSchema = responseSchema
        self.providerName = providerName
        self.providerType = providerType
        self.baseURL = baseURL
        self.model = model
        self.messages = messages
        self.params = params
        self.settings = settings
    }

    /// Canonical JSON (sorted keys, no secrets): provider type, base URL, model, messages, params,
    /// and — only when set, so requests without them keep their keys — the type's settings,
    /// tools, tool choice and response schema.
    public var canonicalJSON: String {
        CanonicalJSON.request(
            type: providerType, baseURL: baseURL, model: model, messages: messages,
            params: params.canonicalJSON, settings: settings,
            tools: tools.isEmpty ? nil : "[" + tools.map(\.jsonText).joined(separator: ",") + "]",
            toolChoice: toolChoice?.description, responseSchema: responseSchema?.jsonText)
    }

    /// The canonical JSON as `JSONSerialization` writes it: the reference `canonicalJSON`
    /// must equal (tests compare the two).
    var referenceCanonicalJSON: String {
        var object: [String: Any] = [
            "type": providerType,
            "base_url": baseURL,
            "model": model,
            "messages": messages.map { ["role": $0.role, "content": $0.content] },
        ]
        object["params"] = params.jsonObject
        if let settings { object["settings"] = settings }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// SHA-256 of the canonical JSON: the key of recordings and the cache. Never includes a key.
    public var key: String { Digest.sha256Hex(Array(canonicalJSON.utf8)) }
}

/// Why a provider gave no usable output. Each becomes a case error, never a pass.
public enum ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    case http(status: Int, excerpt: String)
    /// 429 or 503 with the server's `Retry-After`, in seconds.
    case rateLimited(status: Int, retryAfter: Double?, excerpt: String)
    case apiError(status: Int, message: String)
    /// The request took longer than the provider's timeout.
    case timeout(String)
    /// The connection was reset or closed before a full reply.
    case connectionLost(String)
    /// No connection could be made: refused (or unreachable), DNS, TLS. Only `.connect` is
    /// retried; every kind counts towards declaring the provider down (``ProviderHealth``).
    case unreachable(Unreachable, String)
    /// Not sent: the provider failed to connect too many times in a row (``ProviderHealth``).
    case providerDown(String)
    /// The last error after retrying.
    indirect case afterRetries(ProviderError, retries: Int)
    /// The last error, not retried (again) because the run's retry budget is spent.
    indirect case retryBudgetExhausted(ProviderError, retries: Int)
    case malformed(status: Int, reason: String, excerpt: String)
    case emptyChoices(status: Int)
    case transport(String)
    case missingAPIKey(variable: String, provider: String)
    case noRecording(key: String)
    /// The request could not be built (e.g. an `http` body template that renders invalid JSON).
    case invalidRequest(String)
    /// An `exec` command failed: could not start, exited non-zero, timed out, bad output.
    case command(String)

    public var description: String {
        switch self {
        case .http(let status, let excerpt), .rateLimited(let status, _, let excerpt):
            return "HTTP \(status): \(excerpt)"
        case .timeout(let message), .connectionLost(let message), .unreachable(_, let message),
            .providerDown(let message):
            return message
        case .afterRetries(let last, let retries):
            return "\(last.description) (after \(retries) \(retries == 1 ? "retry" : "retries"))"
        case .retryBudgetExhausted(let last, let retries):
            guard retries > 0 else {
                return "\(last.description) (not retried: retry budget exhausted)"
            }
            return
                "\(last.description) (after \(retries) \(retries == 1 ? "retry" : "retries"); retry budget exhausted)"
        case .apiError(let status, let message):
            return "HTTP \(status): provider error: \(message)"
        case .malformed(let status, let reason, let excerpt):
            return "HTTP \(status): unusable response (\(reason)): \(excerpt)"
        case .emptyChoices(let status):
            return "HTTP \(status): the response had no choices"
        case .transport(let message):
            return message
        case .missingAPIKey(let variable, let provider):
            return
                "provider '\(provider)' needs an API key in the environment variable \(variable), which is not set"
        case .noRecording(let key):
            return "no recording for request \(key.prefix(12))…; re-run with --record"
        case .invalidRequest(let message), .command(let message):
            return message
        }
    }
}

extension ProviderError {
    /// How a connection could not be made.
    public enum Unreachable: String, Sendable, Hashable {
        /// Refused, or no route to the host.
        case connect
        case dns
        case tls
    }

    /// Worth trying again: rate limits, server errors, timeouts, dropped connections, refused
    /// connections.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .timeout, .connectionLost, .unreachable(.connect, _): return true
        case .http(let status, _), .apiError(let status, _): return status == 429 || status >= 500
        case .malformed(let status, _, _): return status >= 500
        default: return false
        }
    }

    /// What the server asked for with `Retry-After`.
    public var retryAfter: Double? {
        if case .rateLimited(_, let seconds, _) = self { return seconds }
        return nil
    }

    /// Maps a transport failure; `secret` (the API key) is removed from the message.
    public static func from(_ error: HTTPClientError, redacting secret: String?) -> ProviderError {
        func clean(_ s: String) -> String {
            guard let secret, !secret.isEmpty else { return s }
            return s.replacingOccurrences(of: secret, with: SecretRedactor.replacement)
        }
        switch error {
        case .timeout: return .timeout(clean(error.description))
        case .connectionClosed: return .connectionLost(clean(error.description))
        case .connect: return .unreachable(.connect, clean(error.description))
        case .dns: return .unreachable(.dns, clean(error.description))
        case .tls: return .unreachable(.tls, clean(error.description))
        default: return .transport(clean(error.description))
        }
    }

    /// No connection could be made (refused, DNS, TLS), or not sent because of that: the
    /// request never reached the provider, so a resumed run sends it again.
    public var isUnreachable: Bool {
        switch self {
        case .unreachable, .providerDown: return true
        case .afterRetries(let last, _), .retryBudgetExhausted(let last, _):
            return last.isUnreachable
        default: return false
        }
    }

    /// The provider answered with something (an error status, an error object, a bad body).
    var reachedProvider: Bool {
        switch self {
        case .http, .rateLimited, .apiError, .malformed, .emptyChoices: return true
        default: return false
        }
    }

    /// Retries it took before this error.
    public var retries: Int {
        switch self {
        case .afterRetries(_, let n), .retryBudgetExhausted(_, let n): return n
        default: return 0
        }
    }

    /// The error with every secret in its messages replaced (``SecretRedactor``).
    public func redacted(by redactor: SecretRedactor) -> ProviderError {
        guard !redactor.isEmpty else { return self }
        let r: (String) -> String = { redactor.redact($0) }
        switch self {
        case .http(let status, let excerpt): return .http(status: status, excerpt: r(excerpt))
        case .rateLimited(let status, let after, let excerpt):
            return .rateLimited(status: status, retryAfter: after, excerpt: r(excerpt))
        case .apiError(let status, let message):
            return .apiError(status: status, message: r(message))
        case .timeout(let m): return .timeout(r(m))
        case .connectionLost(let m): return .connectionLost(r(m))
        case .unreachable(let kind, let m): return .unreachable(kind, r(m))
        case .providerDown(let m): return .providerDown(r(m))
        case .afterRetries(let last, let n):
            return .afterRetries(last.redacted(by: redactor), retries: n)
        case .retryBudgetExhausted(let last, let n):
            return .retryBudgetExhausted(last.redacted(by: redactor), retries: n)
        case .malformed(let status, let reason, let excerpt):
            return .malformed(status: status, reason: r(reason), excerpt: r(excerpt))
        case .emptyChoices, .missingAPIKey, .noRecording: return self
        case .transport(let m): return .transport(r(m))
        case .invalidRequest(let m): return .invalidRequest(r(m))
        case .command(let m): return .command(r(m))
        }
    }

    /// Parses `Retry-After`: delta-seconds or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return nil
        }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// Anything that answers chat requests.
public protocol ModelProvider: Sendable {
    func complete(_ request: ModelRequest) async throws -> ModelResponse
}

extension ModelParams {
    /// The parameters as a JSON object, only those that are set.
    package var jsonObject: [String: Any] {
        var out: [String: Any] = [:]
        if let temperature { out["temperature"] = temperature }
        if let maxTokens { out["max_tokens"] = maxTokens }
        if let topP { out["top_p"] = topP }
        if let seed { out["seed"] = seed }
        if let stop { out["stop"] = stop }
        if let responseFormat { out["response_format"] = responseFormat.jsonObject }
        return out
    }
}

extension TemplateValue {
    /// The value as a JSONSerialization object; numbers keep their written text's value.
    package var jsonObject: Any {
        switch self {
        case .string(let s): return s
        case .number(let text):
            if let i = Int(text) { return i }
            return Double(text) ?? text
        case .bool(let b): return b
        case .null: return NSNull()
        case .array(let items): return items.map(\.jsonObject)
        case .object(let fields): return fields.mapValues(\.jsonObject)
        }
    }
}

/// A short, single-line excerpt of a response body for error messages.
package func excerpt(_ bytes: [UInt8], limit: Int = 200) -> String {
    let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
    let oneLine = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(
        of: "\r", with: "")
    if bytes.isEmpty { return "(empty body)" }
    return oneLine.count > limit ? String(oneLine.prefix(limit)) + "…" : oneLine
}
