import Foundation
import Stats

/// An A/B comparison of one success rate between a control and a treatment
/// (`promptgate feedback abtest`).
///
/// Significance is claimed only when the two-proportion z-test and Fisher's exact test both
/// reject at `alpha`, both variants have enough samples, and the sample-ratio-mismatch check
/// passes: a split that differs from the configured one means the assignment is broken and
/// no difference can be trusted.
public struct ABTest: Sendable {
    /// The counts of one variant.
    public struct Variant: Sendable, Hashable {
        public var name: String
        /// Sessions with a value for the metric.
        public var trials: Int
        public var successes: Int
        /// Sessions assigned to the variant (for the sample-ratio check; at least `trials`).
        public var sessions: Int

        public init(name: String, successes: Int, trials: Int, sessions: Int? = nil) {
            self.name = name
            self.successes = successes
            self.trials = trials
            self.sessions = sessions ?? trials
        }

        /// `successes / trials`; NaN without trials.
        public var rate: Double { trials > 0 ? Double(successes) / Double(trials) : .nan }
    }

    public enum Verdict: String, Sendable, Hashable {
        case significant
        case notSignificant = "not-significant"
        case tooFewSamples = "too-few-samples"
    }

    public var control: Variant
    public var treatment: Variant
    /// The expected share of sessions of control and treatment (rescaled to sum to 1).
    public var split: [Double]
    public var alpha: Double
    /// Fewer trials than this in either variant: too few samples for a verdict.
    public var minimumTrials: Int
    /// The sample-ratio check fails below this p-value (strict: it guards the whole test).
    public var srmAlpha: Double

    public init(
        control: Variant, treatment: Variant, split: [Double] = [50, 50], alpha: Double = 0.05,
        minimumTrials: Int = 30, srmAlpha: Double = 0.001
    ) {
        self.control = control
        self.treatment = treatment
        self.split = split
        self.alpha = alpha
        self.minimumTrials = minimumTrials
        self.srmAlpha = srmAlpha
    }

    /// The statistics and the verdict.
    public struct Result: Sendable {
        public var controlInterval: Interval
        public var treatmentInterval: Interval
        /// Two-sided p-values; NaN when a test cannot be computed.
        public var zTestP: Double
        public var fisherP: Double
        /// Treatment rate − control rate, with Newcombe's 95% interval.
        public var difference: Double
        public var differenceInterval: Interval
        /// Per-variant sample size for 80% power at the observed rates; nil when they are equal.
        public var neededPerVariant: Int?
        public var srmP: Double
        public var verdict: Verdict
        /// Whether the sample-ratio check passed (false: the verdict cannot be trusted).
        public var srmPassed: Bool
        /// Why the verdict is what it is, in sentences.
        public var reasons: [String]
    }

    public func run() -> Result {
        let c = control
        let t = treatment
        let z = Statistics.twoProportionZTest(
            successes1: c.successes, trials1: c.trials, successes2: t.successes, trials2: t.trials)
        let fisher = Statistics.fisherExact(
            a: c.successes, b: c.trials - c.successes, c: t.successes, d: t.trials - t.successes)
        let srm = Statistics.chiSquareGoodnessOfFit(
            observed: [c.sessions, t.sessions], expectedProportions: split)
        var result = Result(
            controlInterval: Statistics.wilson(successes: c.successes, trials: c.trials),
            treatmentInterval: Statistics.wilson(successes: t.successes, trials: t.trials),
            zTestP: z.p, fisherP: fisher, difference: t.rate - c.rate,
            differenceInterval: Statistics.differenceInterval(
                successes1: c.successes, trials1: c.trials, successes2: t.successes,
                trials2: t.trials),
            neededPerVariant: c.trials > 0 && t.trials > 0
                ? Statistics.twoProportionSampleSize(p1: c.rate, p2: t.rate) : nil,
            srmP: srm.p, verdict: .notSignificant, srmPassed: !(srm.p < srmAlpha),
            reasons: [])
        let level = String(format: "%g", alpha)
        let zRejects = z.p < alpha
        let fisherRejects = fisher < alpha
        if srm.p.isNaN {
            result.srmPassed = false
            result.reasons.append("the sample-ratio check could not be computed (check --split)")
        } else if !result.srmPassed {
            result.reasons.append(
                "sample ratio mismatch: \(c.sessions) vs \(t.sessions) sessions is not the "
                    + "configured split (p = \(Self.format(srm.p))); the assignment is broken, "
                    + "so no difference can be trusted")
        }
        if min(c.trials, t.trials) < minimumTrials {
            result.verdict = .tooFewSamples
            result.reasons.append(
                "fewer than \(minimumTrials) sessions with a value in a variant "
                    + "(\(c.trials) and \(t.trials))")
        } else if z.p.isNaN || fisher.isNaN {
            result.reasons.append("the tests could not be computed from these counts")
        } else if zRejects && fisherRejects {
            if result.srmPassed {
                result.verdict = .significant
                result.reasons.append(
                    "both tests agree at α = \(level): z-test p = \(Self.format(z.p)), "
                        + "Fisher's exact p = \(Self.format(fisher))")
            } else {
                result.reasons.append(
                    "both tests reject at α = \(level), but not called significant because of "
                        + "the sample ratio mismatch")
            }
        } else if zRejects || fisherRejects {
            result.reasons.append(
                "the tests disagree at α = \(level) (z-test p = \(Self.format(z.p)), Fisher's "
                    + "exact p = \(Self.format(fisher))), so the result is not called significant")
        } else {
            result.reasons.append(
                "neither test finds a difference at α = \(level) (z-test p = "
                    + "\(Self.format(z.p)), Fisher's exact p = \(Self.format(fisher)))")
            if let needed = result.neededPerVariant, needed > min(c.trials, t.trials) {
                result.reasons.append(
                    "an effect this size needs about \(needed) sessions per variant for 80% power")
            }
        }
        return result
    }

    /// A p-value for text: `0.031`, `< 0.0001`, `n/a`.
    package static func format(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        if p < 0.0001 { return "< 0.0001" }
        return String(format: p < 0.01 ? "%.4f" : "%.3f", p)
    }
}

/// Which outcome an A/B test compares.
public enum ABMetric: String, Sendable, Hashable, CaseIterable {
    /// `satisfied` is true; sessions without a satisfaction value do not count.
    case satisfied
    /// The outcome is a resolution (`resolved`, `resolution`…); sessions without an outcome
    /// do not count.
    case resolved

    /// The counts of `version` among `outcomes`.
    public func variant(_ version: String, in outcomes: [OutcomeRecord]) -> ABTest.Variant {
        var successes = 0
        var trials = 0
        var sessions = 0
        for outcome in outcomes where outcome.promptVersion == version {
            sessions += 1
            switch self {
            case .satisfied:
                guard let satisfied = outcome.satisfied else { continue }
                trials += 1
                if satisfied { successes += 1 }
            case .resolved:
                guard let value = outcome.outcome else { continue }
                trials += 1
                if OutcomeKind.isResolution(value) { successes += 1 }
            }
        }
        return ABTest.Variant(
            name: version, successes: successes, trials: trials, sessions: sessions)
    }
}

/// How outcome values are read: words starting `resol` are resolutions, `escalat`
/// escalations (exports say `resolved`, `Resolution`, `escalated_to_human`…).
enum OutcomeKind {
    static func isResolution(_ value: String) -> Bool { value.lowercased().hasPrefix("resol") }
    static func isEscalation(_ value: String) -> Bool { value.lowercased().hasPrefix("escalat") }
}
