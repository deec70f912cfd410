import HTTPClient

/// What every provider is made from, resolved once from its config and the environment: the
/// key from `api_key_env` and the timeout. The providers' initialisers take it as it is.
public struct ProviderSettings: Sendable, CustomStringConvertible {
    /// The provider's name in promptgate.yaml.
    public let name: String
    /// Its entry under `providers:`.
    public let config: ProviderConfig
    /// Seconds for one request (or one `exec` command), end to end: the provider's `timeout`,
    /// else promptgate.yaml's `defaults.timeout`, else ``ProviderKind/defaultTimeout``.
    public let timeout: Double
    /// Never logged, stored, recorded or reported.
    let apiKey: String?
    /// promptgate's environment: `exec` passes on the variables its `env:` names.
    let environment: [String: String]

    /// Reads the key `config.apiKeyEnv` names from `environment` (an error when it is not
    /// set) and resolves the timeout; `defaultTimeout` is promptgate.yaml's
    /// `defaults.timeout`, nil when it sets none.
    public init(
        name: String, config: ProviderConfig, environment: [String: String],
        defaultTimeout: Double? = nil
    ) throws(ProviderError) {
        self.name = name
        self.config = config
        self.apiKey = try ProviderHTTP.apiKey(config, name: name, environment: environment)
        self.timeout = Self.timeout(of: config, defaultTimeout: defaultTimeout)
        self.environment = environment
    }

    /// The one rule for a provider's timeout: its own `timeout`, else `defaultTimeout`
    /// (`defaults.timeout`), else 60 s.
    public static func timeout(of config: ProviderConfig, defaultTimeout: Double?) -> Double {
        config.timeout ?? defaultTimeout ?? ProviderKind.defaultTimeout
    }

    /// Names the provider; never shows the key or the environment.
    public var description: String {
        "provider '\(name)' (type \(config.type), timeout \(timeout) s)"
    }
}

/// A provider that calls its API through the shared HTTP client, made from
/// ``ProviderSettings``.
public protocol ConnectedProvider: Sendable {
    /// The provider of `settings`, sending through `client`.
    init(_ settings: ProviderSettings, client: CurlClient) throws(ProviderError)
}

extension ConnectedProvider {
    /// The provider `name` configured by `config`, its key read from `environment`, with the
    /// built-in timeout when `config` sets none.
    public init(
        name: String, config: ProviderConfig, environment: [String: String], client: CurlClient
    ) throws(ProviderError) {
        try self.init(
            ProviderSettings(name: name, config: config, environment: environment),
            client: client)
    }
}

/// What every HTTP provider holds: its settings and the shared client. Sending through it
/// keeps the key out of every error message.
struct ProviderConnection: Sendable {
    let settings: ProviderSettings
    let client: CurlClient

    init(_ settings: ProviderSettings, client: CurlClient) {
        self.settings = settings
        self.client = client
    }

    /// Never logged, stored, recorded or reported.
    var apiKey: String? { settings.apiKey }
    /// Seconds for one request, end to end.
    var timeout: Double { settings.timeout }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await ProviderHTTP.send(request, client: client, secret: apiKey)
    }

    /// How a kind sends its key: the header's name and what comes before the key.
    struct KeyHeader {
        var name: String
        var prefix: String
        /// `Authorization: Bearer KEY`, as OpenAI-compatible APIs and Ollama take it.
        static let bearer = KeyHeader(name: "Authorization", prefix: "Bearer ")
    }

    /// Sends `body` to `url` with the provider's `headers:`, then `extra`, then the key (when
    /// there is one) in `key`, within the provider's timeout.
    func post(
        _ url: String, body: [UInt8]?, key: KeyHeader, extra: [HTTPHeader] = [],
        method: String = "POST"
    ) async throws -> HTTPResponse {
        var headers = ProviderHTTP.headers(settings.config) + extra
        if let apiKey { headers.append(HTTPHeader(name: key.name, value: key.prefix + apiKey)) }
        return try await send(
            HTTPRequest(url: url, method: method, headers: headers, body: body, timeout: timeout))
    }
}
