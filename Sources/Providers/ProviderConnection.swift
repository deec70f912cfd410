import HTTPClient

/// What every HTTP provider holds: the key read once from `api_key_env`, the shared client,
/// and the request timeout. Sending through it keeps the key out of every error message.
struct ProviderConnection: Sendable {
    /// Never logged, stored, recorded or reported.
    let apiKey: String?
    let client: CurlClient
    /// Seconds for one request, end to end.
    let timeout: Double

    init(
        _ config: ProviderConfig, name: String, environment: [String: String], client: CurlClient,
        defaultTimeout: Double
    ) throws(ProviderError) {
        self.apiKey = try ProviderHTTP.apiKey(config, name: name, environment: environment)
        self.client = client
        self.timeout = config.timeout ?? defaultTimeout
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await ProviderHTTP.send(request, client: client, secret: apiKey)
    }
}
