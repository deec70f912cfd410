import HTTPClient

/// Makes the provider of a configured type; the one place that knows every wire format.
public enum ProviderFactory {
    /// Types this build can call.
    public static var supportedTypes: [String] { ProviderConfig.supportedTypes }

    /// The chat provider of `config`. `root` is the project root, against which an `exec`
    /// command's relative path resolves and in which it runs.
    public static func make(
        name: String, config: ProviderConfig, environment: [String: String], client: CurlClient,
        root: String
    ) throws(ProviderError) -> any ModelProvider {
        switch config.type {
        case "openai":
            return try OpenAIProvider(
                name: name, config: config, environment: environment, client: client)
        case "anthropic":
            return try AnthropicProvider(
                name: name, config: config, environment: environment, client: client)
        case "ollama":
            return try OllamaProvider(
                name: name, config: config, environment: environment, client: client)
        case "http":
            return try HTTPProvider(
                name: name, config: config, environment: environment, client: client)
        case "exec":
            return try ExecProvider(
                name: name, config: config, environment: environment, root: root)
        default:
            throw .transport(
                "provider '\(name)' has type '\(config.type)', which this build cannot call")
        }
    }

    /// The embedding provider of `config`: openai-compatible endpoints only.
    public static func makeEmbedder(
        name: String, config: ProviderConfig, environment: [String: String], client: CurlClient
    ) throws(ProviderError) -> any EmbeddingProvider {
        guard config.type == "openai" else {
            throw .invalidRequest(
                "provider '\(name)' has type '\(config.type)'; embeddings need an openai-compatible provider"
            )
        }
        return try OpenAIEmbeddingProvider(
            name: name, config: config, environment: environment, client: client)
    }
}
