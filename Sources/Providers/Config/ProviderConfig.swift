import Basics
import Templates
import YAMLCoding

/// One entry under `providers:` in `promptgate.yaml`.
///
/// Secrets never live here: `api_key_env` names the environment variable that holds the key.
/// Each type accepts only its own keys (see ``ProviderKind/keys``); a key of another type is an
/// error.
public struct ProviderConfig: Sendable, Hashable, Decodable {
    /// Wire protocols promptgate knows of (every ``ProviderKind``); `supportedTypes` are the
    /// ones this build can call (all of them).
    public static var knownTypes: [String] { ProviderKind.allCases.map(\.rawValue) }
    public static var supportedTypes: [String] { knownTypes }

    /// The `type:` as written; ``kind`` is what it names.
    public var type: String
    /// The kind `type` names, or nil for a type promptgate does not know (decoding refuses
    /// those; a config made in code may still hold one).
    public var kind: ProviderKind? { ProviderKind(type: type) }
    /// openai, anthropic, ollama: the API's base URL (each type has a default).
    public var baseURL: String?
    public var apiKeyEnv: String?
    public var model: String?
    public var params: ModelParams
    public var headers: [String: String]
    public var maxConcurrency: Int?
    /// Seconds for one request (or one `exec` command), end to end.
    public var timeout: Double?
    /// Retries per request for 429, 5xx, timeouts and dropped connections (default 3).
    public var retries: Int?
    /// Retries allowed for the whole run, across requests (default: 10% of requests, at least 10).
    public var retryBudget: Int?
    /// Requests per minute and tokens per minute this provider allows (token buckets).
    public var rpm: Double?
    public var tpm: Double?
    /// anthropic: the `anthropic-version` header (default 2023-06-01).
    public var anthropicVersion: String?
    /// openai: the model `/embeddings` uses (default: `model`).
    public var embeddingModel: String?
    /// http: the endpoint.
    public var url: String?
    /// http: GET, POST (default), PUT, PATCH or DELETE.
    public var method: String?
    /// http: the request body, a template over ``HTTPProvider/bodyVariables``.
    public var body: String?
    /// http: a JSON path to the output (`$.data.reply`); exec: `text` (default), `json`
    /// (`{"output": "..."}`) or a JSON path into the command's JSON output.
    public var output: String?
    /// http: a JSON path to the reply's tool calls (`$.tool_calls`), each `{id?, name,
    /// arguments}`; without it no calls are read.
    public var toolCalls: String?
    /// http: the header that carries the key from `api_key_env` (default `Authorization`).
    public var apiKeyHeader: String?
    /// http: text before the key in that header (default `Bearer ` for `Authorization`).
    public var apiKeyPrefix: String?
    /// exec: the program to run (relative paths resolve against the project root).
    public var command: String?
    /// exec: its arguments, passed as they are (no shell).
    public var args: [String]
    /// exec: the variables of promptgate's environment the command gets, by name, on top of
    /// ``ChildEnvironment/baseNames`` (it gets nothing else).
    public var env: [String]

    /// Every key some provider type accepts, as the decoder declares them (for the JSON Schemas).
    public static var keyNames: [String] { CodingKeys.allCases.map(\.stringValue) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case baseURL = "base_url"
        case apiKeyEnv = "api_key_env"
        case model, params, headers
        case maxConcurrency = "max_concurrency"
        case timeout, retries
        case retryBudget = "retry_budget"
        case rpm, tpm
        case anthropicVersion = "anthropic_version"
        case embeddingModel = "embedding_model"
        case url, method, body, output
        case toolCalls = "tool_calls"
        case apiKeyHeader = "api_key_header"
        case apiKeyPrefix = "api_key_prefix"
        case command, args, env
    }

    public init(
        type: String, baseURL: String? = nil, apiKeyEnv: String? = nil, model: String? = nil,
        params: ModelParams = ModelParams(), headers: [String: String] = [:],
        maxConcurrency: Int? = nil, timeout: Double? = nil, anthropicVersion: String? = nil,
        embeddingModel: String? = nil, url: String? = nil, method: String? = nil,
        body: String? = nil, output: String? = nil, apiKeyHeader: String? = nil,
        apiKeyPrefix: String? = nil, command: String? = nil, args: [String] = [],
        env: [String] = []
    ) {
        self.type = type
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.model = model
        self.params = params
        self.headers = headers
        self.maxConcurrency = maxConcurrency
        self.timeout = timeout
        self.anthropicVersion = anthropicVersion
        self.embeddingModel = embeddingModel
        self.url = url
        self.method = method
        self.body = body
        self.output = output
        self.apiKeyHeader = apiKeyHeader
        self.apiKeyPrefix = apiKeyPrefix
        self.command = command
        self.args = args
        self.env = env
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        guard let kind = ProviderKind(type: type) else {
            let hint = suggestion(for: type, among: Self.knownTypes).map {
                "; did you mean '\($0)'?"
            }
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription: "unknown provider type '\(type)'"
                    + (hint ?? " (known: \(Self.knownTypes.joined(separator: ", ")))"))
        }
        try Self.checkKeys(c, kind: kind)
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL)
        apiKeyEnv = try c.decodeIfPresent(String.self, forKey: .apiKeyEnv)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        params = try c.decodeIfPresent(ModelParams.self, forKey: .params) ?? ModelParams()
        headers = try c.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        maxConcurrency = try c.decodeIfPresent(Int.self, forKey: .maxConcurrency)
        timeout = try c.decodeIfPresent(Double.self, forKey: .timeout)
        retries = try c.decodeIfPresent(Int.self, forKey: .retries)
        retryBudget = try c.decodeIfPresent(Int.self, forKey: .retryBudget)
        rpm = try c.decodeIfPresent(Double.self, forKey: .rpm)
        tpm = try c.decodeIfPresent(Double.self, forKey: .tpm)
        if let n = retries, !(0...20).contains(n) {
            throw DecodingError.dataCorruptedError(
                forKey: .retries, in: c,
                debugDescription: "retries must be between 0 and 20, got \(n)")
        }
        if let n = retryBudget, n < 0 {
            throw DecodingError.dataCorruptedError(
                forKey: .retryBudget, in: c, debugDescription: "retry_budget cannot be negative")
        }
        for (key, value) in [(CodingKeys.rpm, rpm), (.tpm, tpm)] {
            if let v = value, !(v > 0) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c,
                    debugDescription: "\(key.rawValue) must be a positive number per minute")
            }
        }
        anthropicVersion = try c.decodeIfPresent(String.self, forKey: .anthropicVersion)
        embeddingModel = try c.decodeIfPresent(String.self, forKey: .embeddingModel)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        method = try c.decodeIfPresent(String.self, forKey: .method)?.uppercased()
        body = try c.decodeIfPresent(String.self, forKey: .body)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        toolCalls = try c.decodeIfPresent(String.self, forKey: .toolCalls)
        apiKeyHeader = try c.decodeIfPresent(String.self, forKey: .apiKeyHeader)
        apiKeyPrefix = try c.decodeIfPresent(String.self, forKey: .apiKeyPrefix)
        command = try c.decodeIfPresent(String.self, forKey: .command)
        args = try c.decodeIfPresent([String].self, forKey: .args) ?? []
        env = try Self.decodeEnv(c)
        try checkCommon(c)
        try kind.checkSettings(of: self, c)
    }
}

/// Sampling parameters shared by providers, prompt versions and the judge.
public struct ModelParams: Sendable, Hashable, Decodable {
    public var temperature: Double?
    public var maxTokens: Int?
    public var topP: Double?
    public var seed: Int?
    public var stop: [String]?
    /// Passed through to the provider as JSON, e.g. `{type: json_object}`.
    public var responseFormat: TemplateValue?

    public init(
        temperature: Double? = nil, maxTokens: Int? = nil, topP: Double? = nil, seed: Int? = nil,
        stop: [String]? = nil, responseFormat: TemplateValue? = nil
    ) {
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.topP = topP
        self.seed = seed
        self.stop = stop
        self.responseFormat = responseFormat
    }

    /// The keys a `params:` mapping accepts, as the decoder checks them (for the JSON Schemas).
    public static var keyNames: [String] { CodingKeys.allCases.map(\.stringValue) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case temperature
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case seed, stop
        case responseFormat = "response_format"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(container: c)
    }

    package init<K: CodingKey>(
        container c: KeyedDecodingContainer<K>, keys: (K, K, K, K, K, K)
    ) throws {
        temperature = try c.decodeIfPresent(Double.self, forKey: keys.0)
        maxTokens = try c.decodeIfPresent(Int.self, forKey: keys.1)
        topP = try c.decodeIfPresent(Double.self, forKey: keys.2)
        seed = try c.decodeIfPresent(Int.self, forKey: keys.3)
        if let one = try? c.decodeIfPresent(String.self, forKey: keys.4) {
            stop = [one]
        } else {
            stop = try c.decodeIfPresent([String].self, forKey: keys.4)
        }
        responseFormat = try c.decodeIfPresent(TemplateValue.self, forKey: keys.5)
        if let t = temperature, !(0...2).contains(t) {
            throw DecodingError.dataCorruptedError(
                forKey: keys.0, in: c,
                debugDescription: "temperature must be between 0 and 2, got \(t)")
        }
        if let m = maxTokens, m < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: keys.1, in: c, debugDescription: "max_tokens must be at least 1, got \(m)")
        }
        if let p = topP, !(0...1).contains(p) {
            throw DecodingError.dataCorruptedError(
                forKey: keys.2, in: c, debugDescription: "top_p must be between 0 and 1, got \(p)")
        }
    }

    init(container c: KeyedDecodingContainer<CodingKeys>) throws {
        try self.init(
            container: c,
            keys: (.temperature, .maxTokens, .topP, .seed, .stop, .responseFormat))
    }

    /// Values set here win over `base`.
    public func overriding(_ base: ModelParams) -> ModelParams {
        ModelParams(
            temperature: temperature ?? base.temperature, maxTokens: maxTokens ?? base.maxTokens,
            topP: topP ?? base.topP, seed: seed ?? base.seed, stop: stop ?? base.stop,
            responseFormat: responseFormat ?? base.responseFormat)
    }
}
