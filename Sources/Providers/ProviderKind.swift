import Foundation
import HTTPClient

/// The wire protocols promptgate speaks: one case per `type:` of a provider in promptgate.yaml.
///
/// Each kind owns what sets it apart from the others: the base URL it calls when `base_url` is
/// not set, the keys it accepts beyond ``ProviderConfig/commonKeys``, the checks of those keys,
/// the settings that shape its requests, and how its provider is made. Every switch over the
/// kinds is here and exhaustive, so a new kind is a new case the compiler walks through.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    /// OpenAI-compatible chat completions (and `/embeddings`).
    case openai
    /// Anthropic's Messages API.
    case anthropic
    /// Ollama's native `/api/chat`.
    case ollama
    /// Any JSON endpoint: a body template and a JSON path to the output.
    case http
    /// A local command: the request on stdin, the output on stdout.
    case exec

    /// Seconds for one request (or one `exec` command) when neither the provider's `timeout`
    /// nor promptgate.yaml's `defaults.timeout` sets one.
    public static let defaultTimeout: Double = 60

    /// The kind of a `type:` value, or nil for a type promptgate does not know.
    public init?(type: String) {
        self.init(rawValue: type)
    }

    /// The API's base URL when `base_url` is not set; nil for `http` and `exec`, which name
    /// their endpoint themselves (`url`, `command`).
    public var defaultBaseURL: String? {
        switch self {
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com"
        case .ollama: "http://localhost:11434"
        case .http, .exec: nil
        }
    }

    /// The keys this kind accepts beyond ``ProviderConfig/commonKeys``, in the order error
    /// messages list them.
    public var keys: [String] {
        switch self {
        case .openai: ["base_url", "api_key_env", "headers", "embedding_model"]
        case .anthropic: ["base_url", "api_key_env", "headers", "anthropic_version"]
        case .ollama: ["base_url", "api_key_env", "headers"]
        case .http:
            [
                "url", "method", "headers", "body", "output", "tool_calls", "api_key_env",
                "api_key_header", "api_key_prefix",
            ]
        case .exec: ["command", "args", "output", "env"]
        }
    }

    /// Whether the kind serves `/embeddings` (for `similar`): openai-compatible APIs only.
    public var servesEmbeddings: Bool { self == .openai }

    /// Where a request of `config` goes: the base URL (or the default) for API kinds, the
    /// URL for `http`, the command for `exec`.
    func endpoint(of config: ProviderConfig) -> String {
        switch self {
        case .openai, .anthropic, .ollama: config.baseURL ?? defaultBaseURL ?? ""
        case .http: config.url ?? ""
        case .exec: config.command ?? ""
        }
    }

    /// The kind's own settings of `config` that shape a request, or nil for kinds that have
    /// none (openai, ollama). Header names only, never values.
    func requestSettings(of config: ProviderConfig) -> [String: Any]? {
        var object: [String: Any] = [:]
        switch self {
        case .openai, .ollama:
            return nil
        case .anthropic:
            object["anthropic_version"] =
                config.anthropicVersion ?? AnthropicProvider.defaultVersion
        case .http:
            object["method"] = config.method ?? "POST"
            if let body = config.body { object["body"] = body }
            if let output = config.output { object["output"] = output }
            if let toolCalls = config.toolCalls { object["tool_calls"] = toolCalls }
            if !config.headers.isEmpty { object["headers"] = config.headers.keys.sorted() }
        case .exec:
            object["args"] = config.args
            object["output"] = config.output ?? "text"
        }
        return object
    }

    /// Checks the kind's own keys of a decoded `config`, each error at its key.
    func checkSettings(of config: ProviderConfig, _ c: ProviderConfig.Container) throws {
        switch self {
        case .openai, .ollama: break
        case .anthropic: try config.checkAnthropic(c)
        case .http: try config.checkHTTP(c)
        case .exec: try config.checkExec(c)
        }
    }

    /// The chat provider of this kind, from settings resolved once. `root` is the project
    /// root, against which an `exec` command's relative path resolves and in which it runs.
    func makeProvider(_ settings: ProviderSettings, client: CurlClient, root: String)
        throws(ProviderError) -> any ModelProvider
    {
        switch self {
        case .openai: OpenAIProvider(settings, client: client)
        case .anthropic: AnthropicProvider(settings, client: client)
        case .ollama: OllamaProvider(settings, client: client)
        case .http: try HTTPProvider(settings, client: client)
        case .exec: try ExecProvider(settings, root: root)
        }
    }
}
