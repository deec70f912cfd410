/// The keys only graded kinds take, kept together so ``AssertionSpec`` stays small.
///
/// ```yaml
/// - { type: llm-rubric, value: "Answers in Spanish", provider: openai, model: gpt-4o }
/// - { type: factuality, value: "Refunds take 5 days", map: { superset: fail } }
/// - { type: command, value: [python3, checks/tone.py], timeout: 10 }
/// - { type: assert-set, threshold: 0.5, weight: 2, assert: [ ... ] }
/// ```
public struct GradedOptions: Sendable, Hashable, Codable {
    /// `provider:`: the judge (or, for `similar`, the embeddings) provider instead of the
    /// project's `judge:` (`embeddings:`).
    public var provider: String?
    /// `model:`: the judge's (embedding) model instead of the configured one.
    public var model: String?
    /// `rubric_prompt:`: the template the judge receives instead of the kind's default.
    public var rubricPrompt: String?
    /// `map:` of `factuality`: category → pass (`true`) or fail, over the defaults.
    public var verdictMap: [FactualityCategory: Bool]
    /// `timeout:` of `command`, in seconds.
    public var timeout: Double?
    /// `assert:` of `assert-set`.
    public var children: [AssertionSpec]

    public init(
        provider: String? = nil, model: String? = nil, rubricPrompt: String? = nil,
        verdictMap: [FactualityCategory: Bool] = [:], timeout: Double? = nil,
        children: [AssertionSpec] = []
    ) {
        self.provider = provider
        self.model = model
        self.rubricPrompt = rubricPrompt
        self.verdictMap = verdictMap
        self.timeout = timeout
        self.children = children
    }

    /// Nothing set: the assertion needs no ``AssertionSpec/graded``.
    var isEmpty: Bool {
        provider == nil && model == nil && rubricPrompt == nil && verdictMap.isEmpty
            && timeout == nil && children.isEmpty
    }
}
