/// One A/B session outcome: which prompt version served it and how it ended.
public struct OutcomeRecord: Sendable, Hashable {
    public var sessionID: String
    public var promptVersion: String
    /// e.g. `resolved`, `escalated`, `abandoned` (lowercased).
    public var outcome: String?
    public var timeToOutcomeMs: Double?
    public var satisfied: Bool?

    public init(
        sessionID: String, promptVersion: String, outcome: String? = nil,
        timeToOutcomeMs: Double? = nil, satisfied: Bool? = nil
    ) {
        self.sessionID = sessionID
        self.promptVersion = promptVersion
        self.outcome = outcome
        self.timeToOutcomeMs = timeToOutcomeMs
        self.satisfied = satisfied
    }
}
