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

    /// Whether `record` is negative feedback under this policy.
    public func isNegative(_ record: FeedbackRecord) -> Bool {
        if thumbsDown, record.rating == -1 { return true }
        if let stars = record.stars, stars <= maxStars { return true }
        if let signal = record.signal, signals.contains(signal) { return true }
        if correction, record.correction != nil { return true }
        return false
    }

    /// Whether `record` is positive: not negative, and a thumbs-up, stars above
    /// `max_stars` and at least 4, or a copied response. Feedback that is neither (three
    /// stars, a comment alone) is neutral.
    public func isPositive(_ record: FeedbackRecord) -> Bool {
        guard !isNegative(record) else { return false }
        if record.rating == 1 { return true }
        if let stars = record.stars, stars >= max(4, maxStars + 1) { return true }
        return record.signal == .copied
    }
}

extension NegativePolicy {
    /// The policy as an SQL condition over the `feedback` table's columns, so the stored
    /// `is_negative` flags can be brought up to date in one statement.
    var sqlCondition: String {
        var parts: [String] = []
        if thumbsDown { parts.append("rating = -1") }
        if maxStars > 0 { parts.append("(stars IS NOT NULL AND stars <= \(maxStars))") }
        if !signals.isEmpty {
            let list = signals.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            parts.append("signal IN (\(list))")
        }
        if correction { parts.append("correction IS NOT NULL") }
        return parts.isEmpty ? "0" : parts.joined(separator: " OR ")
    }
}
