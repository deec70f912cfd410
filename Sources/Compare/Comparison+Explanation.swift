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

    /// A p-value as the reports print it: four decimals, `< 0.0001` below that.
    package static func p(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return x < 0.0001 ? "< 0.0001" : String(format: "%.4f", x)
    }
}
