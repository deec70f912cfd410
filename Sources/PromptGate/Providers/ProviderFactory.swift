import HTTPClient

/// Makes the provider of a configured type; the one place that knows every wire format.
public enum ProviderFactory {
    /// Types this build can call.
    public static var supportedTypes: [String] { ProviderConfig.supportedTypes }

    public static func make(
        name: String, config: ProviderConfig, environment: [String: String], client: CurlClient
    ) throws(ProviderError) -> any ModelProvider {
        switch config.type {
        case "openai":
            return try OpenAIProvider(
                name: name, config: config, environment: environment, client: client)
        default:
            throw .transport(
                "provider '\(name)' has type '\(config.type)', which this build cannot call")
        }
    }
}
