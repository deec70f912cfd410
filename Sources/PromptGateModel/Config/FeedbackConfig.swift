/// The `feedback:` section of `promptgate.yaml`.
///
/// ```yaml
/// feedback:
///   negative: { thumbs_down: true, max_stars: 2, signals: [regenerated, follow_up, edited], correction: true }
/// ```
public struct FeedbackConfig: Sendable, Hashable, Decodable {
    /// What counts as negative feedback.
    public var negative: NegativePolicy

    public init(negative: NegativePolicy = NegativePolicy()) {
        self.negative = negative
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case negative
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        negative = try c.decodeIfPresent(NegativePolicy.self, forKey: .negative) ?? NegativePolicy()
    }
}

/// Which feedback is negative: thumbs down, few stars, certain implicit signals, or a
/// correction. Each part can be switched off or tuned in `feedback.negative`.
public struct NegativePolicy: Sendable, Hashable, Decodable {
    /// A thumbs-down (`rating: -1`) is negative.
    public var thumbsDown: Bool
    /// Stars at or below this are negative (0 turns stars off).
    public var maxStars: Int
    /// Implicit signals that are negative.
    public var signals: [ImplicitSignal]
    /// A correction present is negative (the answer needed fixing).
    public var correction: Bool

    public init(
        thumbsDown: Bool = true, maxStars: Int = 2,
        signals: [ImplicitSignal] = [.regenerated, .followUp, .edited], correction: Bool = true
    ) {
        self.thumbsDown = thumbsDown
        self.maxStars = maxStars
        self.signals = signals
        self.correction = correction
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case thumbsDown = "thumbs_down"
        case maxStars = "max_stars"
        case signals, correction
    }

    public init(from decoder: any Decoder) throws {
        let defaults = NegativePolicy()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        thumbsDown = try c.decodeIfPresent(Bool.self, forKey: .thumbsDown) ?? defaults.thumbsDown
        maxStars = try c.decodeIfPresent(Int.self, forKey: .maxStars) ?? defaults.maxStars
        signals = try c.decodeIfPresent([ImplicitSignal].self, forKey: .signals) ?? defaults.signals
        correction = try c.decodeIfPresent(Bool.self, forKey: .correction) ?? defaults.correction
        guard (0...5).contains(maxStars) else {
            throw DecodingError.dataCorruptedError(
                forKey: .maxStars, in: c,
                debugDescription: "max_stars is 0 (stars never negative) to 5, got \(maxStars)")
        }
    }
}

/// What the user did with a response.
public enum ImplicitSignal: String, Sendable, Hashable, CaseIterable, Decodable {
    case copied, edited, regenerated
    case followUp = "follow_up"
}
