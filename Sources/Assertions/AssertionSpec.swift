import JSON

/// One entry of a suite case's `assert:` list, validated at load time.
///
/// ```yaml
/// - { type: contains-any, value: ["refund", "credit"], weight: 2, metric: refunds }
/// ```
public struct AssertionSpec: Sendable, Hashable, Codable {
    /// What is checked.
    public var kind: AssertionKind
    /// Whether the type was written with a `not-` prefix: the check must fail for this to pass.
    public var negated: Bool
    /// The `value:` as given: a string, number or list of strings; `nil` when absent.
    public var value: AssertionValue?
    /// `min:`, e.g. the fewest words of `word-count`.
    public var min: Double?
    /// `max:`, e.g. the most words of `word-count` or the milliseconds of `latency`.
    public var max: Double?
    /// How much this assertion counts in the case score (≥ 0, default 1).
    public var weight: Double
    /// An optional name to aggregate this assertion's results under in reports.
    public var metric: String?
    /// The passing score for graded kinds; for `levenshtein` the largest distance that passes.
    public var threshold: Double?
    /// `n:` of `rouge-n`: 1 (unigrams, the default when nil) or 2 (bigrams).
    public var n: Int?
    /// The schema of `json-schema`: written inline under `value:` (then ``value`` is nil) or
    /// loaded at decode time from the `file://` path or JSON text in ``value``.
    public var schema: JSONSchema?
    /// The keys of judged, embedded, external and grouped kinds (`provider`, `model`,
    /// `rubric_prompt`, `map`, `timeout`, `assert`); nil for the other kinds.
    public var graded: GradedOptions?
    /// The keys of the tool kinds (`tool`, `times`, `strict`, and `tool-args`' subset).
    public var toolOptions: ToolOptions?

    /// Builds an assertion without validation; ``evaluate(_:)`` turns a missing or ill-typed
    /// value into a failing result rather than a crash.
    public init(
        kind: AssertionKind, negated: Bool = false, value: AssertionValue? = nil,
        min: Double? = nil, max: Double? = nil, weight: Double = 1, metric: String? = nil,
        threshold: Double? = nil, n: Int? = nil, schema: JSONSchema? = nil,
        graded: GradedOptions? = nil
    ) {
        self.kind = kind
        self.negated = negated
        self.value = value
        self.min = min
        self.max = max
        self.weight = weight
        self.metric = metric
        self.threshold = threshold
        self.n = n
        self.schema = schema
        self.graded = graded
    }

    /// The type as written in a suite: `contains` or `not-contains`.
    public var typeName: String {
        negated ? AssertionKind.negationPrefix + kind.rawValue : kind.rawValue
    }

    /// Parses a type name such as `not-contains`; `nil` when it is not one of
    /// ``allTypeNames``.
    public static func parseTypeName(_ name: String) -> (kind: AssertionKind, negated: Bool)? {
        if let kind = AssertionKind(rawValue: name) { return (kind, false) }
        guard name.hasPrefix(AssertionKind.negationPrefix),
            let kind = AssertionKind(
                rawValue: String(name.dropFirst(AssertionKind.negationPrefix.count)))
        else { return nil }
        return (kind, true)
    }
}
