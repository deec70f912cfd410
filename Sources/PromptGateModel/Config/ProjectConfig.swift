import Providers
import YAMLCoding

/// `promptgate.yaml`: providers, defaults, the judge, the gate policy.
public struct ProjectConfig: Sendable, Decodable {
    public var providers: [String: ProviderConfig]
    public var defaults: Defaults
    public var judge: JudgeConfig?
    /// The embedding model of `similar` (`embeddings:`).
    public var embeddings: EmbeddingsConfig?
    public var gate: GatePolicy?
    /// What counts as negative feedback (`feedback:`; see ``FeedbackConfig``).
    public var feedback: FeedbackConfig?
    /// USD per million tokens by model name (`prices:`), over the built-in defaults.
    public var prices: [String: ModelPrice]
    /// Where each provider is declared, for positioned errors.
    public var providerMarks: [String: YAMLMark]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case providers, defaults, judge, gate, feedback, embeddings, prices
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let located = try c.decode([String: Located<ProviderConfig>].self, forKey: .providers)
        providers = located.mapValues(\.value)
        providerMarks = located.mapValues(\.mark)
        defaults = try c.decodeIfPresent(Defaults.self, forKey: .defaults) ?? Defaults()
        judge = try c.decodeIfPresent(JudgeConfig.self, forKey: .judge)
        embeddings = try c.decodeIfPresent(EmbeddingsConfig.self, forKey: .embeddings)
        gate = try c.decodeIfPresent(GatePolicy.self, forKey: .gate)
        feedback = try c.decodeIfPresent(FeedbackConfig.self, forKey: .feedback)
        prices = try c.decodeIfPresent([String: ModelPrice].self, forKey: .prices) ?? [:]
    }

    /// The price table: `prices:` over the built-in defaults.
    public var priceTable: PriceTable { PriceTable(overrides: prices) }

    /// Project-wide defaults, each overridable by a flag.
    public struct Defaults: Sendable, Decodable {
        /// The provider used when a prompt version says `provider: default` or nothing.
        public var provider: String? { providerRef?.value }
        /// `provider` with its position, for errors about it.
        public var providerRef: Located<String>?
        public var repeat_: Int?
        public var concurrency: Int?
        /// Request timeout in seconds when a provider sets none (else 60); see
        /// ``ProviderSettings/timeout(of:defaultTimeout:)``.
        public var timeout: Double?

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case provider
            case repeat_ = "repeat"
            case concurrency, timeout
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            providerRef = try c.decodeIfPresent(Located<String>.self, forKey: .provider)
            repeat_ = try c.decodeIfPresent(Int.self, forKey: .repeat_)
            concurrency = try c.decodeIfPresent(Int.self, forKey: .concurrency)
            timeout = try c.decodeIfPresent(Double.self, forKey: .timeout)
            if let r = repeat_, r < 1 {
                throw DecodingError.dataCorruptedError(
                    forKey: .repeat_, in: c, debugDescription: "repeat must be at least 1, got \(r)"
                )
            }
            if let n = concurrency, n < 1 {
                throw DecodingError.dataCorruptedError(
                    forKey: .concurrency, in: c,
                    debugDescription: "concurrency must be at least 1, got \(n)")
            }
            if let t = timeout, !(t > 0) || !t.isFinite {
                throw DecodingError.dataCorruptedError(
                    forKey: .timeout, in: c,
                    debugDescription: "timeout must be a positive number of seconds")
            }
        }
    }

    /// The model that grades `llm-rubric` and other judged assertions.
    public struct JudgeConfig: Sendable, Decodable {
        public var provider: Located<String>
        public var model: String?
        public var params: ModelParams?
        /// `repeat: k`: ask the judge k times about each output and take the majority (a tie
        /// fails); reports show how often the judge agreed with itself. 1 when not set.
        public var repeats: Int?

        /// The most `repeat:` allows: each is a judge request per assertion and output.
        public static let maximumRepeats = 15

        enum CodingKeys: String, CodingKey, CaseIterable {
            case provider, model, params
            case repeats = "repeat"
        }

        public init(
            provider: Located<String>, model: String? = nil, params: ModelParams? = nil,
            repeats: Int? = nil
        ) {
            self.provider = provider
            self.model = model
            self.params = params
            self.repeats = repeats
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            provider = try c.decode(Located<String>.self, forKey: .provider)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            params = try c.decodeIfPresent(ModelParams.self, forKey: .params)
            repeats = try c.decodeIfPresent(Int.self, forKey: .repeats)
            if let k = repeats, !(1...Self.maximumRepeats).contains(k) {
                throw DecodingError.dataCorruptedError(
                    forKey: .repeats, in: c,
                    debugDescription:
                        "judge repeat must be between 1 and \(Self.maximumRepeats) (an odd number avoids ties), got \(k)"
                )
            }
        }
    }

    /// The embedding model that `similar` compares texts with: an openai-compatible provider
    /// (`POST {base_url}/embeddings`) and a model (default: the provider's `embedding_model`,
    /// else its `model`).
    public struct EmbeddingsConfig: Sendable, Decodable {
        public var provider: Located<String>
        public var model: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case provider, model
        }

        public init(provider: Located<String>, model: String? = nil) {
            self.provider = provider
            self.model = model
        }
    }
}
