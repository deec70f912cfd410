/// Monte Carlo check of a sequential paired design: seeded paired data sets, each looked at
/// with ``GroupSequentialDesign/decide(look:pairs:margin:)`` as a `--sequential` compare
/// does, for the type-I error under the null and the expected number of cases under a drop.
public struct SequentialSimulation: Sendable {
    /// Cases per data set (the fixed design's size).
    public var cases: Int
    /// Chance a case passes only on the base (b) and only on the candidate (c).
    public var onlyBase: Double
    public var onlyCandidate: Double
    public var design: GroupSequentialDesign
    public var margin: Double?

    public init(
        cases: Int, onlyBase: Double, onlyCandidate: Double, design: GroupSequentialDesign,
        margin: Double? = nil
    ) {
        self.cases = cases
        self.onlyBase = onlyBase
        self.onlyCandidate = onlyCandidate
        self.design = design
        self.margin = margin
    }

    /// What the data sets showed.
    public struct Figures: Sendable, Hashable {
        public var dataSets: Int
        /// Share that stopped for harm or benefit (at any look, the last included).
        public var rejected: Double
        /// Share that stopped for harm.
        public var harm: Double
        /// Share that stopped for non-inferiority.
        public var nonInferior: Double
        /// Mean cases run before the design stopped (``cases`` when it ran to the end).
        public var expectedCases: Double
    }

    /// Runs `dataSets` data sets from `seed`.
    public func run(dataSets: Int, seed: UInt64) -> Figures {
        var rng = SplitMix64(seed: seed)
        let ends = design.fractions.map { Int(($0 * Double(cases)).rounded(.up)) }
        var rejected = 0
        var harm = 0
        var nonInferior = 0
        var totalCases = 0
        for _ in 0..<dataSets {
            var pairs = DiscordantPairs(pairs: 0, regressions: 0, improvements: 0)
            var stoppedAt = cases
            for (look, end) in ends.enumerated() {
                while pairs.pairs < end {
                    let u = Double(rng.next() >> 11) / Double(1 << 53)
                    if u < onlyBase {
                        pairs.regressions += 1
                    } else if u < onlyBase + onlyCandidate {
                        pairs.improvements += 1
                    }
                    pairs.pairs += 1
                }
                if let decision = design.decide(look: look, pairs: pairs, margin: margin) {
                    switch decision {
                    case .harm:
                        harm += 1
                        rejected += 1
                    case .benefit: rejected += 1
                    case .nonInferior: nonInferior += 1
                    }
                    stoppedAt = end
                    break
                }
            }
            totalCases += stoppedAt
        }
        let n = Double(max(1, dataSets))
        return Figures(
            dataSets: dataSets, rejected: Double(rejected) / n, harm: Double(harm) / n,
            nonInferior: Double(nonInferior) / n, expectedCases: Double(totalCases) / n)
    }
}
