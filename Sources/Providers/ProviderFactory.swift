import HTTPClient

/// Makes the provider of a configured type: resolves its ``ProviderKind`` and its
/// ``ProviderSettings`` once, and lets the kind construct it.
public enum ProviderFactory {
    /// Types this build can call.
    public static var supportedTypes: [String] { ProviderConfig.supportedTypes }

    /// The chat provider of `config`. `root` is the project root, against which an `exec`
    /// command's relative path resolves and in which it runs; `defaultTimeout` is
    /// promptgate.yaml's `defaults.timeout` (nil when it sets none).
    public static func make(
        name: String, config: ProviderConfig, environment: [String: String], client: CurlClient,
        root: String, defaultTimeout: Double? = nil
    ) throws(ProviderError) -> any ModelProvider {
        guard let kind = config.kind else {
            throw .transport(
                "provider '\(name)' has type '\(config.type)', which this build cannot call")
        }
        let settings = try ProviderSettings(
            name: name, config: config, environment: environment, defaultTimeout: defaultTimeout)
        return try kind.makeProvider(settings, client: client, root: root)
    }

    /// The embedding provider of `config`: openai-compatible endpoints only.
    public static func makeEmbedder(
        name: String, config: ProviderConfig, environment: [String: String], client: CurlClient,
        defaultTimeout: Double? = nil
    ) throws(ProviderError) -> any EmbeddingProvider {
        guard config.kind?.servesEmbeddings == true else {
            throw .invalidRequest(
                "provider '\(name)' has type '\(config.type)'; embeddings need an openai-compatible provider"
            )
        }
        return try OpenAIEmbeddingProvider(
            ProviderSettings(
                name: name, config: config, environment: environment,
                defaultTimeout: defaultTimeout),
            client: client)
    }
}
