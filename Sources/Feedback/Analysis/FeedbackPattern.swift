/// A group of negative feedback sharing one trait, with how much of the negatives it covers
/// and how over-represented it is compared with positive feedback.
public struct FeedbackPattern: Sendable, Hashable {
    /// What the records share.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case version, model, language
        case nonEnglish = "non-english"
        case code, length
        case feedbackType = "feedback-type"
        case theme, cluster
    }

    /// One record shown as an example of the pattern.
    public struct Example: Sendable, Hashable {
        /// The feedback id, or the store's key when the export had none.
        public var id: String
        public var userInput: String
    }

    public var kind: Kind
    /// The version, model, language code, code language (`any` for all code), length band,
    /// feedback type, theme name or cluster number.
    public var value: String
    /// A one-line description: `input in German`, `cluster 3: password, reset, senha`.
    public var label: String
    /// Negative records with the trait.
    public var count: Int
    /// Positive records with the trait.
    public var positiveCount: Int
    /// `count` ÷ all negatives.
    public var share: Double
    /// Share among negatives ÷ share among positives; when no positive record has the trait,
    /// its share among positives is taken as half a record (the Haldane–Anscombe correction)
    /// so the lift stays finite and grows with the evidence. Nil when there is no positive
    /// feedback at all.
    public var lift: Double?
    /// Fisher's exact test of the trait against negative/positive; nil without positives.
    public var pValue: Double?
    /// Lift above 1 with `pValue` < 0.05, and a trait of the request rather than of how the
    /// feedback was given (feedback type is never: it is what makes feedback negative).
    public var overRepresented: Bool
    public var examples: [Example]
}

/// The result of `promptgate feedback analyze`.
public struct FeedbackAnalysis: Sendable {
    /// Negative records analysed (after `--since` and `--version`).
    public var negatives: Int
    /// Positive records they are compared with.
    public var positives: Int
    /// Records that were neither (three stars, a comment alone, copied and edited…).
    public var neutral: Int
    /// Records left out by `--since` / `--version`.
    public var filteredOut: Int
    /// Over-represented patterns by share, then the rest by share.
    public var patterns: [FeedbackPattern]
}
