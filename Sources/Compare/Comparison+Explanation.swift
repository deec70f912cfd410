import Foundation

extension Comparison {
    /// One sentence that says why the verdict is what it is.
    public static func explain(_ s: PairedStatistics) -> String {
        let discord =
            "the candidate fails \(s.regressions) case\(s.regressions == 1 ? "" : "s") the base passed and passes \(s.improvements) it failed"
        let alpha = String(format: "%.2f", s.alpha)
        switch s.verdict {
        case .better, .worse:
            // Only a sequential compare's boundary decides against the fixed test.
            if !(min(s.mcnemarP, s.permutationP ?? 1) < s.alpha) {
                return
                    "\(discord); the sequential boundary was crossed (McNemar exact p = \(p(s.mcnemarP)))"
            }
            return "\(discord); McNemar exact p = \(p(s.mcnemarP)) < \(alpha)"
        case .noSignificantDifference:
            if s.regressions == s.improvements {
                return "\(discord): no difference to test"
            }
            if s.mcnemarP < s.alpha {
                return
                    "\(discord); p = \(p(s.mcnemarP)) < \(alpha), but the sequential boundary was not crossed"
            }
            return "\(discord); p = \(p(s.mcnemarP)) ≥ \(alpha)"
        case .inconclusive:
            if s.pairs == 0 { return "no case was graded on both sides" }
            let needed =
                s.neededCases.map {
                    "; about \($0) cases would be needed to detect a difference this size with 80% power at α = \(alpha)"
                } ?? ""
            return
                "\(discord); p = \(p(s.mcnemarP)), but \(s.pairs) paired cases are too few\(needed)"
        }
    }

    /// One sentence on the non-inferiority test: the bound against the margin and, when it
    /// does not hold, the cases needed to show it at the observed rates.
    public static func explainNonInferiority(_ s: PairedStatistics) -> String {
        guard let ni = s.nonInferiority else { return "no non-inferiority margin is set" }
        let confidence = String(format: "%g", (1 - s.alpha) * 100)
        let bound =
            "the candidate may be up to \(points(ni.upperBound)) worse (upper end of the \(confidence)% paired interval for base − candidate over \(s.pairs) cases)"
        let margin = "the margin \(points(ni.margin))"
        if ni.holds { return "\(bound), within \(margin)" }
        let needed =
            ni.neededCases.map {
                "; about \($0) paired cases would be needed to show non-inferiority at the observed rates (80% power)"
            }
            ?? "; at the observed rates no number of cases would show it (the observed drop is at or above the margin)"
        return "\(bound), not below \(margin)\(needed)"
    }

    /// A pass-rate difference in percentage points: `2.6 points`.
    package static func points(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return String(format: "%.1f points", x * 100)
    }

    /// A p-value as the reports print it: four decimals, `< 0.0001` below that.
    package static func p(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return x < 0.0001 ? "< 0.0001" : String(format: "%.4f", x)
    }
}
