import PromptGateModel

extension NegativePolicy {
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
