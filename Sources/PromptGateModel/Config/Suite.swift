import Assertions
import Basics
import Templates
import YAMLCoding

/// The header of `suites/<name>.yaml`; its cases are decoded one by one (see `SuiteLoader`)
/// so one bad case does not hide the problems of the others.
public struct SuiteHeader: Sendable, Decodable {
    public var suite: String
    public var prompt: Located<String>
    public var description: String?
    public var defaults: SuiteDefaults
    /// Gate settings for this suite's cases, over the project's `gate:`.
    public var gate: GatePolicy?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case suite, prompt, description, defaults, gate, cases
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        suite = try c.decode(String.self, forKey: .suite)
        prompt = try c.decode(Located<String>.self, forKey: .prompt)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        defaults = try c.decodeIfPresent(SuiteDefaults.self, forKey: .defaults) ?? SuiteDefaults()
        gate = try c.decodeIfPresent(GatePolicy.self, forKey: .gate)
        if !c.contains(.cases) {
            throw DecodingError.keyNotFound(
                CodingKeys.cases,
                .init(codingPath: c.codingPath, debugDescription: "missing required key 'cases'"))
        }
    }
}

/// `defaults:` of a suite: applied to every case.
public struct SuiteDefaults: Sendable, Decodable {
    public var assert: [AssertionSpec] = []
    public var vars: [String: TemplateValue] = [:]
    public var tags: [String] = []
    public var threshold: Double?
    /// A history every case without its own `messages:` gets.
    public var messages: [HistoryTurn]?
    /// Stubbed tools; a case's entries override these per tool name.
    public var toolResults: [String: ToolStub] = [:]
    public var maxSteps: Int?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case assert, vars, tags, threshold, messages
        case toolResults = "tool_results"
        case maxSteps = "max_steps"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assert = try c.decodeIfPresent([AssertionSpec].self, forKey: .assert) ?? []
        vars = try c.decodeIfPresent([String: TemplateValue].self, forKey: .vars) ?? [:]
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        threshold = try TestCase.decodeThreshold(c, .threshold)
        messages = try TestCase.decodeHistory(c, .messages)
        toolResults = try c.decodeIfPresent([String: ToolStub].self, forKey: .toolResults) ?? [:]
        maxSteps = try TestCase.decodeMaxSteps(c, .maxSteps)
    }
}

/// One test case of a suite.
public struct TestCase: Sendable, Decodable {
    public var id: String
    public var description: String?
    public var vars: [String: TemplateValue]
    public var tags: [String]
    public var source: CaseSource?
    public var assert: [AssertionSpec]
    public var threshold: Double?
    public var repeat_: Int?
    /// `messages:`: the conversation before the prompt's final user turn.
    public var messages: [HistoryTurn]?
    /// `tool_results:`: stubbed tools, which make the case an agent loop.
    public var toolResults: [String: ToolStub] = [:]
    /// `max_steps:`: replies with tool calls before the loop is an error.
    public var maxSteps: Int?
    public static let defaultMaxSteps = 8
    /// Position in the suite's `cases` list.
    public var index: Int
    /// Where the case's mapping starts and where its `id` is.
    public var mark: YAMLMark
    public var idMark: YAMLMark

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, description, vars, tags, source, assert, threshold, messages
        case repeat_ = "repeat"
        case toolResults = "tool_results"
        case maxSteps = "max_steps"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(Located<String>.self, forKey: .id)
        self.id = id.value
        idMark = id.mark
        mark = (decoder as? any YAMLNodeDecoder)?.node.mark ?? id.mark
        index = decoder.codingPath.last?.intValue ?? 0
        if id.value.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .id, in: c, debugDescription: "case id cannot be empty")
        }
        description = try c.decodeIfPresent(String.self, forKey: .description)
        vars = try c.decodeIfPresent([String: TemplateValue].self, forKey: .vars) ?? [:]
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        source = try c.decodeIfPresent(CaseSource.self, forKey: .source)
        assert = try c.decodeIfPresent([AssertionSpec].self, forKey: .assert) ?? []
        threshold = try Self.decodeThreshold(c, .threshold)
        repeat_ = try c.decodeIfPresent(Int.self, forKey: .repeat_)
        if let r = repeat_, r < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: .repeat_, in: c, debugDescription: "repeat must be at least 1, got \(r)")
        }
        messages = try Self.decodeHistory(c, .messages)
        toolResults = try c.decodeIfPresent([String: ToolStub].self, forKey: .toolResults) ?? [:]
        maxSteps = try Self.decodeMaxSteps(c, .maxSteps)
    }

    static func decodeHistory<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws
        -> [HistoryTurn]?
    {
        guard let turns = try c.decodeIfPresent([HistoryTurn].self, forKey: key) else {
            return nil
        }
        try HistoryTurn.checkHistory(turns, codingPath: c.codingPath + [key])
        return turns
    }

    static func decodeMaxSteps<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws
        -> Int?
    {
        guard let steps = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
        if !(1...100).contains(steps) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "max_steps is between 1 and 100, got \(steps)"
            )
        }
        return steps
    }

    static func decodeThreshold<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws
        -> Double?
    {
        guard let t = try c.decodeIfPresent(Double.self, forKey: key) else { return nil }
        if !(0...1).contains(t) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "threshold is a score between 0 and 1, got \(t)")
        }
        return t
    }
}

/// Where a case came from: the production feedback it was built from.
public struct CaseSource: Sendable, Hashable, Codable {
    public var feedbackID: String?
    public var promptVersion: String?
    public var model: String?
    public var response: String?
    public var correction: String?
    public var comment: String?
    public var signal: String?
    /// Where each turn of the case's `messages` came from (`feedback to-suite` builds the
    /// history from the session's earlier records), in the turns' order.
    public var history: [Turn]?

    /// The feedback record and field one history turn was taken from.
    public struct Turn: Sendable, Hashable, Codable {
        public var feedbackID: String
        public var createdAt: String?
        /// `user_input` or `response`.
        public var field: String

        public init(feedbackID: String, createdAt: String?, field: String) {
            self.feedbackID = feedbackID
            self.createdAt = createdAt
            self.field = field
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case feedbackID = "feedback_id"
            case createdAt = "created_at"
            case field
        }
    }

    public init(
        feedbackID: String? = nil, promptVersion: String? = nil, model: String? = nil,
        response: String? = nil, correction: String? = nil, comment: String? = nil,
        signal: String? = nil, history: [Turn]? = nil
    ) {
        self.history = history
        self.feedbackID = feedbackID
        self.promptVersion = promptVersion
        self.model = model
        self.response = response
        self.correction = correction
        self.comment = comment
        self.signal = signal
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case feedbackID = "feedback_id"
        case promptVersion = "prompt_version"
        case model, response, correction, comment, signal, history
    }
}
