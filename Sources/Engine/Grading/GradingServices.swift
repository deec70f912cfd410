import Foundation
import Providers
import Store
import Synchronization

/// Where graded assertions send their requests: judge prompts and embeddings go through the
/// same response cache, in-flight dedupe and recordings as the run's own requests, so a graded
/// suite runs `--offline` from suites/recordings/ and `--record` writes its verdicts there.
///
/// Live sources are made on first use, one per provider (and embedding model), each limited
/// to its provider's `max_concurrency` by the run's ``ProviderBudgets``: the same budget as
/// the model's requests to that provider.
public final class GradingServices: Sendable {
    /// How the services answer.
    public enum Mode: Sendable {
        /// Call providers; `record` keeps every exchange for suites/recordings/.
        case live(record: Bool, cache: RunStore?)
        /// Answer only from these recordings.
        case offline(Recordings)
    }

    let mode: Mode
    let providers: [String: ProviderConfig]
    let environment: [String: String]
    let root: String
    /// The run's redactor: judge and embedding replies are redacted as the model's are.
    let redactor: SecretRedactor
    /// Each provider's `max_concurrency`, shared with the run's model requests.
    let budgets: ProviderBudgets
    /// promptgate.yaml's `defaults.timeout`, for providers that set no `timeout`.
    let defaultTimeout: Double?
    private let offlineSource: ResponseSource?
    private let sources = Mutex<[String: ResponseSource]>([:])

    /// `budgets` are the run's (``RunOptions/providerBudgets``), so judge and model requests
    /// to one provider count against one `max_concurrency`.
    public init(
        mode: Mode, providers: [String: ProviderConfig], environment: [String: String],
        root: String, redactor: SecretRedactor = .none,
        budgets: ProviderBudgets = ProviderBudgets(), defaultTimeout: Double? = nil
    ) {
        self.mode = mode
        self.providers = providers
        self.environment = environment
        self.root = root
        self.redactor = redactor
        self.budgets = budgets
        self.defaultTimeout = defaultTimeout
        if case .offline(let recordings) = mode {
            offlineSource = ResponseSource(
                .recordings(recordings), records: false, cache: nil, redactor: redactor)
        } else {
            offlineSource = nil
        }
    }

    /// Offline services that answer from the run's own recordings source.
    init(offline source: ResponseSource, providers: [String: ProviderConfig], root: String) {
        var recordings = Recordings()
        if case .recordings(let loaded) = source.kind { recordings = loaded }
        mode = .offline(recordings)
        self.providers = providers
        environment = [:]
        self.root = root
        redactor = source.redactor
        budgets = ProviderBudgets()
        defaultTimeout = nil
        offlineSource = source
    }

    /// Whether exchanges are kept for suites/recordings/.
    var records: Bool {
        if case .live(let record, _) = mode { return record }
        return false
    }

    /// Sends a judge (chat) request through provider `name`'s source.
    func chat(_ request: ModelRequest, provider name: String, repeatIndex: Int)
        async throws -> (ModelResponse, Recordings.Entry?)
    {
        let source = try source(key: "chat:\(name)", provider: name) {
            config throws(ProviderError) in
            let inner = try ProviderFactory.make(
                name: name, config: config, environment: environment, client: SharedHTTP.client,
                root: root, defaultTimeout: defaultTimeout)
            return ResilientProvider(
                inner: inner, maxRetries: config.retries ?? 3,
                budget: RetryBudget(config.retryBudget ?? 10),
                limiter: config.rpm != nil || config.tpm != nil
                    ? RateLimiter(rpm: config.rpm, tpm: config.tpm) : nil)
        }
        return try await send(request, repeatIndex: repeatIndex, through: source)
    }

    /// Embeds `request`'s one text through provider `name` with `model`.
    func embedding(_ request: ModelRequest, provider name: String, model: String)
        async throws -> (ModelResponse, Recordings.Entry?)
    {
        let source = try source(key: "embed:\(name):\(model)", provider: name) {
            config throws(ProviderError) in
            var config = config
            config.embeddingModel = model
            let embedder = try ProviderFactory.makeEmbedder(
                name: name, config: config, environment: environment, client: SharedHTTP.client,
                defaultTimeout: defaultTimeout)
            return ResilientProvider(
                inner: EmbeddingChatAdapter(embedder: embedder), maxRetries: config.retries ?? 3,
                budget: RetryBudget(config.retryBudget ?? 10), limiter: nil)
        }
        // Embeddings do not vary between repeats: one slot serves them all.
        return try await send(request, repeatIndex: 0, through: source)
    }

    private func send(_ request: ModelRequest, repeatIndex: Int, through source: ResponseSource)
        async throws -> (ModelResponse, Recordings.Entry?)
    {
        let response = try await source.respond(
            request, key: request.key, repeatIndex: repeatIndex
        ).0
        let entry =
            records
            ? Recordings.Entry(
                slot: .init(key: request.key, repeatIndex: repeatIndex),
                request: request.canonicalJSON, response: response) : nil
        return (response, entry)
    }

    /// The source for `key`, made once and sending within provider `name`'s budget; offline,
    /// always the recordings.
    private func source(
        key: String, provider name: String,
        make: (ProviderConfig) throws(ProviderError) -> any ModelProvider
    ) throws -> ResponseSource {
        if let offlineSource { return offlineSource }
        guard case .live(let record, let cache) = mode else {
            throw ProviderError.invalidRequest("no source for '\(name)'")
        }
        guard let config = providers[name] else {
            throw ProviderError.invalidRequest("provider '\(name)' is not configured")
        }
        return try sources.withLock { sources throws -> ResponseSource in
            if let made = sources[key] { return made }
            let provider = budgets.limit(
                try make(config), name: name, maxConcurrency: config.maxConcurrency)
            let made = ResponseSource(
                .provider(provider), records: record, cache: cache, redactor: redactor)
            sources[key] = made
            return made
        }
    }
}

/// Serves embeddings as responses, so they share the cache and recordings with chat: the
/// request's one message is the text, the response's text is the vector as a JSON array.
struct EmbeddingChatAdapter: ModelProvider {
    var embedder: any EmbeddingProvider

    func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let started = ContinuousClock.now
        let vectors = try await embedder.embed(request.messages.map(\.content))
        let elapsed = ContinuousClock.now - started
        let data = try JSONSerialization.data(withJSONObject: vectors.first ?? [])
        return ModelResponse(
            text: String(decoding: data, as: UTF8.self), finishReason: nil, promptTokens: nil,
            completionTokens: nil,
            latencyMs: Double(elapsed.components.seconds) * 1000
                + Double(elapsed.components.attoseconds) / 1e15)
    }
}
