import Foundation

/// A two-sided group-sequential design: planned looks at information fractions, with
/// Lan–DeMets O'Brien–Fleming-type alpha spending, so the chance of crossing a boundary at
/// any look under the null is the design's α.
///
/// The boundaries are the exact ones of the canonical joint distribution (Z at look k is a
/// Brownian motion at time t_k over √t_k, independent increments), found look by look by
/// numerical integration of the continuation density (Armitage, McPherson and Rowe's
/// recursion; Jennison and Turnbull, *Group Sequential Methods*, ch. 19) and bisection.
public struct GroupSequentialDesign: Sendable, Hashable {
    /// Information fractions of the looks, increasing, the last 1.
    public let fractions: [Double]
    /// Overall two-sided α.
    public let alpha: Double
    /// Two-sided boundary of each look: stop when |Z| ≥ boundaries[k].
    public let boundaries: [Double]
    /// α spent up to and including each look, `α(t_k)`.
    public let cumulativeAlpha: [Double]

    /// The design with `looks` equally spaced looks (every 1/looks of the cases).
    public init(looks: Int, alpha: Double) {
        let k = max(1, looks)
        self.init(fractions: (1...k).map { Double($0) / Double(k) }, alpha: alpha)
    }

    /// The design with looks at `fractions` (increasing, in (0, 1]; the last is taken as 1).
    public init(fractions: [Double], alpha: Double) {
        var fractions = fractions.filter { $0 > 0 && $0 < 1 }
        fractions.append(1)
        self.fractions = fractions
        self.alpha = alpha
        let spent = fractions.map { Self.obrienFlemingSpending($0, alpha: alpha) }
        self.cumulativeAlpha = spent
        self.boundaries = Self.boundaries(fractions: fractions, cumulativeAlpha: spent)
    }

    /// The Lan–DeMets O'Brien–Fleming-type spending function for a two-sided α, in the
    /// convention of the published tables (Lan and DeMets, Biometrika 1983; DeMets and Lan,
    /// Stat Med 1994; R's ldbounds and gsDesign's sfLDOF): each side spends
    /// 2 − 2Φ(z_{1−α/4} / √t) of its α/2, so the total is twice that and reaches α at t = 1.
    public static func obrienFlemingSpending(_ t: Double, alpha: Double) -> Double {
        guard t > 0 else { return 0 }
        guard t < 1 else { return alpha }
        let z = -Statistics.normalQuantile(alpha / 4)
        return 4 * Statistics.normalSurvival(z / t.squareRoot())
    }

    /// Grid points over a continuation interval (odd, for Simpson's rule).
    static let gridPoints = 801

    /// Each look's two-sided boundary spending exactly its increment of α.
    static func boundaries(fractions: [Double], cumulativeAlpha: [Double]) -> [Double] {
        var out: [Double] = []
        // The sub-density of the Brownian motion B(t_k) = Z_k √t_k over the region where the
        // design has not stopped yet, on an evenly spaced grid.
        var grid: [Double] = []
        var density: [Double] = []
        var previousT = 0.0
        var previousSpent = 0.0
        for (k, t) in fractions.enumerated() {
            let increment = max(0, cumulativeAlpha[k] - previousSpent)
            let dt = t - previousT
            let sdt = dt.squareRoot()
            let st = t.squareRoot()
            let c: Double
            if k == 0 {
                c = -Statistics.normalQuantile(increment / 2)
            } else {
                let weights = simpsonWeights(grid)
                func exit(_ c: Double) -> Double {
                    var sum = 0.0
                    for i in grid.indices {
                        let s = grid[i]
                        let p =
                            Statistics.normalCDF((-c * st - s) / sdt)
                            + Statistics.normalSurvival((c * st - s) / sdt)
                        sum += weights[i] * density[i] * p
                    }
                    return sum
                }
                var lo = 0.0
                var hi = 40.0
                for _ in 0..<100 {
                    let mid = (lo + hi) / 2
                    if exit(mid) > increment { lo = mid } else { hi = mid }
                }
                c = (lo + hi) / 2
            }
            out.append(c)
            // The new continuation density: the old one convolved with N(0, dt), truncated.
            let half = c * st
            let step = 2 * half / Double(gridPoints - 1)
            let newGrid = (0..<gridPoints).map { -half + Double($0) * step }
            if k == 0 {
                density = newGrid.map { exp(-$0 * $0 / (2 * t)) / (2 * Double.pi * t).squareRoot() }
            } else {
                let weights = simpsonWeights(grid)
                density = newGrid.map { x in
                    var sum = 0.0
                    for i in grid.indices {
                        let u = (x - grid[i]) / sdt
                        sum += weights[i] * density[i] * exp(-u * u / 2)
                    }
                    return sum / (sdt * (2 * Double.pi).squareRoot())
                }
            }
            grid = newGrid
            previousT = t
            previousSpent = cumulativeAlpha[k]
        }
        return out
    }

    /// Simpson's weights over an evenly spaced grid with an odd number of points.
    static func simpsonWeights(_ grid: [Double]) -> [Double] {
        let n = grid.count
        guard n >= 3 else { return Array(repeating: 0, count: n) }
        let h = (grid[n - 1] - grid[0]) / Double(n - 1)
        return (0..<n).map { i in
            let w: Double = (i == 0 || i == n - 1) ? 1 : (i % 2 == 1 ? 4 : 2)
            return w * h / 3
        }
    }
}

/// The paired look statistic over discordant pairs: McNemar's z = (b − c) / √(b + c), with
/// b the cases only the base passes and c those only the candidate passes (positive: the
/// candidate is worse).
public struct DiscordantPairs: Sendable, Hashable {
    /// Paired cases graded on both sides.
    public var pairs: Int
    /// Base passes, candidate fails.
    public var regressions: Int
    /// Base fails, candidate passes.
    public var improvements: Int

    public init(pairs: Int, regressions: Int, improvements: Int) {
        self.pairs = pairs
        self.regressions = regressions
        self.improvements = improvements
    }

    /// McNemar's z; 0 with no discordant pair.
    public var z: Double {
        let d = regressions + improvements
        guard d > 0 else { return 0 }
        return Double(regressions - improvements) / Double(d).squareRoot()
    }

    /// Base pass rate minus candidate pass rate.
    public var difference: Double {
        pairs == 0 ? 0 : Double(regressions - improvements) / Double(pairs)
    }

    /// The upper end of the two-sided interval for base − candidate at critical value `z`
    /// (Wald, with the paired variance (b + c − (b − c)²/n)/n²; repeated confidence interval
    /// when `z` is a group-sequential boundary). Infinite with no pair.
    public func upperBound(z critical: Double) -> Double {
        guard pairs > 0 else { return .infinity }
        let n = Double(pairs)
        let b = Double(regressions)
        let c = Double(improvements)
        let variance = max(0, (b + c) - (b - c) * (b - c) / n) / (n * n)
        return difference + critical * variance.squareRoot()
    }
}

/// What a look of a sequential paired comparison decides.
public enum SequentialDecision: String, Sendable, Hashable {
    /// Significantly worse: z ≥ the look's boundary.
    case harm
    /// Significantly better: z ≤ −boundary.
    case benefit
    /// The repeated interval's upper bound for base − candidate is below the margin.
    case nonInferior = "non-inferior"
}

extension GroupSequentialDesign {
    /// The decision at look `look` (0-based) on the paired data so far, nil to go on. Harm
    /// and benefit use McNemar's z against the look's boundary; with a `margin`,
    /// non-inferiority holds when the interval at the same boundary lies below it.
    public func decide(look: Int, pairs: DiscordantPairs, margin: Double?) -> SequentialDecision? {
        guard boundaries.indices.contains(look), pairs.pairs > 0 else { return nil }
        let c = boundaries[look]
        let z = pairs.z
        if z >= c { return .harm }
        if z <= -c { return .benefit }
        if let margin, margin > 0, pairs.upperBound(z: c) < margin { return .nonInferior }
        return nil
    }
}
