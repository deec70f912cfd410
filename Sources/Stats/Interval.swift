/// A closed interval `[low, high]` on the real line, such as a confidence interval.
///
/// Intervals returned by ``Statistics`` have `low <= high`, except that both ends are NaN when
/// the input was invalid (negative counts, a confidence outside (0, 1)).
public struct Interval: Sendable, Hashable, Codable {
    /// The lower end.
    public var low: Double
    /// The upper end.
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// `high - low`.
    public var width: Double { high - low }

    /// Whether `value` lies in `[low, high]`.
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }

    /// Whether the interval lies entirely above zero or entirely below it.
    public var excludesZero: Bool { low > 0 || high < 0 }

    /// The interval with NaN ends that the statistics return for invalid input.
    static let invalid = Interval(low: .nan, high: .nan)
}
