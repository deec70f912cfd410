import Foundation

/// How long a model reply takes: fixed, or drawn from a distribution (`--latency-dist`).
enum LatencyModel: Sendable, Equatable {
    case fixed(Double)
    /// Mean and standard deviation in ms; negative draws are clamped to 0.
    case normal(mean: Double, deviation: Double)
    /// Uniform in `low...high` ms.
    case uniform(low: Double, high: Double)

    /// Parses `normal:MEAN:SD`, `uniform:LOW:HIGH` or `fixed:MS`; nil when malformed.
    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let numbers = parts.dropFirst().compactMap(Double.init)
        guard numbers.count == parts.count - 1, numbers.allSatisfy({ $0 >= 0 && $0.isFinite })
        else { return nil }
        switch (parts.first, numbers.count) {
        case ("fixed", 1): self = .fixed(numbers[0])
        case ("normal", 2): self = .normal(mean: numbers[0], deviation: numbers[1])
        case ("uniform", 2) where numbers[0] <= numbers[1]:
            self = .uniform(low: numbers[0], high: numbers[1])
        default: return nil
        }
    }

    /// A delay in ms from two independent uniform draws in [0, 1).
    func milliseconds(_ u1: Double, _ u2: Double) -> Double {
        switch self {
        case .fixed(let ms):
            return ms
        case .uniform(let low, let high):
            return low + (high - low) * u1
        case .normal(let mean, let deviation):
            // Box–Muller; 1 - u1 is in (0, 1], so the logarithm is finite.
            let z = (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
            return max(0, mean + deviation * z)
        }
    }
}
