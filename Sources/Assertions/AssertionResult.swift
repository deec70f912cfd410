/// The outcome of one assertion on one output.
public struct AssertionResult: Sendable, Hashable, Codable {
    /// The assertion's type as written: `not-contains`.
    public var type: String
    /// Whether the assertion holds (always `false` when ``skipped``).
    public var passed: Bool
    /// The score in 0…1; binary (0 or 1) for the kinds evaluated in this module.
    public var score: Double
    /// One line saying why, quoting a short excerpt of the output where it helps.
    public var reason: String
    /// The assertion's weight in the case score.
    public var weight: Double
    /// The assertion's `metric:` name, if any.
    public var metric: String?
    /// `true` when this module could not evaluate the kind; such results do not count.
    public var skipped: Bool
    /// With `judge: { repeat: k }`: each of the k verdicts (after `not-`), in the order asked;
    /// ``passed`` is their majority. nil when the judge was asked once or not at all.
    public var judgeVotes: [Bool]?

    public init(
        type: String, passed: Bool, score: Double, reason: String, weight: Double = 1,
        metric: String? = nil, skipped: Bool = false, judgeVotes: [Bool]? = nil
    ) {
        self.judgeVotes = judgeVotes
        self.type = type
        self.passed = passed
        self.score = score
        self.reason = reason
        self.weight = weight
        self.metric = metric
        self.skipped = skipped
    }
}
