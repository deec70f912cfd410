import PromptGateModel
import Stats

/// How one case changed between the base and the candidate.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Passed in the base, fails in the candidate (by majority over repeats).
    case regression
    /// Failed in the base, passes in the candidate.
    case improvement
    case stillPassing = "still-passing"
    case stillFailing = "still-failing"
    /// Same majority verdict, but a side's repeats disagree.
    case flaky
    /// Only the candidate has the case.
    case new
    /// Only the base has the case.
    case removed
    /// A side errored: neither a pass nor a fail.
    case error
    /// The suites hold the case, but a side's run has no result for it yet (interrupted,
    /// one shard, or the case was added after the run): never counted as new or removed.
    case notRun = "not-run"
}

/// One side of a case: its repeats summarized.
///
/// A comparison read from the store holds only the summaries (``repeats``); its reports see
/// each side with its full ``results`` as well, read back a few cases at a time
/// (``Comparison/forEachCase(_:_:)``). A side built from results in memory holds both.
public struct CaseSide: Sendable, Hashable {
    /// Every repeat's full result, in repeat order; empty in a side that holds only
    /// summaries.
    public let results: [CaseResult]
    /// Every repeat, summarized, in repeat order: what statistics and gates read.
    public let repeats: RepeatList
    // Counted from the repeats when asked (usually one): a comparison holds two sides per
    // case, so nothing is stored twice.
    /// A repeat errored.
    public var errored: Bool { repeats.verdicts.errored > 0 }
    /// The mean score of the graded repeats (0 with none).
    public var meanScore: Double {
        let graded = gradedCount
        return graded == 0 ? 0 : repeats.gradedScore / Double(graded)
    }
    /// Repeats that were graded (no error)…
    public var gradedCount: Int { repeats.verdicts.graded }
    /// …and of those, how many passed.
    public var passCount: Int { repeats.verdicts.passed }

    /// A side of these results (in repeat order), summarized.
    public init(results: [CaseResult]) {
        self.init(repeats: RepeatList(results.map { RepeatSummary($0) }), results: results)
    }

    /// A side of these summaries (in repeat order), without the full results.
    public init(repeats: RepeatList) {
        self.init(repeats: repeats, results: [])
    }

    private init(repeats: RepeatList, results: [CaseResult]) {
        self.results = results
        self.repeats = repeats
    }

    /// This side with its full results (read back for a report), in repeat order.
    func with(results: [CaseResult]) -> CaseSide {
        CaseSide(repeats: repeats, results: results)
    }

    /// Full results of graded repeats (empty in a side that holds only summaries).
    public var gradedResults: [CaseResult] { results.filter { $0.error == nil } }
    /// Share of graded repeats that passed.
    public var passFraction: Double { repeats.verdicts.passFraction }
    /// The majority verdict: more than half of the graded repeats passed.
    public var passed: Bool { repeats.verdicts.majorityPassed }
    /// Repeats disagree.
    public var isFlaky: Bool { passCount > 0 && passCount < gradedCount }
    public var first: CaseResult? { results.first }
    /// The output shown for the side (the first repeat's).
    public var output: String? { results.first?.output }
    /// pass^k with k the graded repeats: every repeat passed.
    public var passedAll: Bool { repeats.verdicts.passedAll }
    /// pass@k with k the graded repeats: at least one repeat passed.
    public var passedAny: Bool { repeats.verdicts.passedAny }
}

/// A case paired across the two runs by suite and case id.
public struct CaseComparison: Sendable, Hashable {
    // Declared widest first, so the small fields share the sides' padding (184 bytes).
    public var suite: String
    public var caseID: String
    public var tags: [String]
    // Rarely set: an empty array costs a word where an optional would cost the whole value.
    private var toolChanges: [ToolChange] = []
    public var base: CaseSide?
    public var candidate: CaseSide?
    public var status: CaseStatus
    /// A regression or improvement whose difference lies within the case's own flakiness.
    public var withinFlakiness: Bool
    /// Whether the output text changed (separately from whether the verdict did).
    public var textChanged: Bool
    /// How the tool calls changed (first repeats), nil when both sides made the same calls.
    public var toolChange: ToolChange? {
        get { toolChanges.first }
        set { toolChanges = newValue.map { [$0] } ?? [] }
    }

    public init(
        suite: String, caseID: String, tags: [String], base: CaseSide?, candidate: CaseSide?,
        status: CaseStatus, withinFlakiness: Bool, textChanged: Bool,
        toolChange: ToolChange? = nil
    ) {
        self.suite = suite
        self.caseID = caseID
        self.tags = tags
        self.base = base
        self.candidate = candidate
        self.status = status
        self.withinFlakiness = withinFlakiness
        self.textChanged = textChanged
        self.toolChange = toolChange
    }
    /// Whether the tool calls changed, apart from the text and the verdict.
    public var toolsChanged: Bool { toolChange != nil }

    /// The user input of the case (the last user message), for reports (from full results).
    public var input: String? {
        (candidate?.first ?? base?.first)?.messages.last { $0.role == "user" }?.content
    }
}

/// Pass rate of one side with its Wilson 95% interval.
public struct SideSummary: Sendable, Hashable {
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var passRate: Double
    public var interval: Interval
    /// The most repeats a graded case of this side has (1 without `--repeat`).
    public var repeats: Int = 1
    /// Share of graded cases whose every repeat passed (pass^k, k = ``repeats``).
    public var passHatK: Double = 0
    /// Share of graded cases where at least one repeat passed (pass@k).
    public var passAtK: Double = 0
}

/// The paired statistics of a set of cases (the whole comparison, or one tag).
public struct PairedStatistics: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        case better, worse
        case noSignificantDifference = "no-significant-difference"
        case inconclusive
    }

    public var baseline: SideSummary
    public var candidate: SideSummary
    /// Paired cases graded on both sides.
    public var pairs: Int
    /// Both pass / base only / candidate only / neither.
    public var bothPass: Int
    public var regressions: Int
    public var improvements: Int
    public var bothFail: Int
    /// Exact McNemar p-value on the discordant pairs.
    public var mcnemarP: Double
    /// With repeats: sign-flip permutation test on per-case pass fractions.
    public var permutationP: Double?
    /// Candidate pass rate minus base pass rate, with a 95% interval for paired proportions.
    public var difference: Double
    public var differenceInterval: Interval
    public var verdict: Verdict
    /// Cases needed for 80% power at α = 0.05 to detect the observed difference (when inconclusive).
    public var neededCases: Int?
    public var alpha: Double
    /// The p-value behind the verdict before any adjustment: McNemar's, or with repeats the
    /// smaller of McNemar's and the permutation test's.
    public var rawP: Double = .nan
    /// Holm-adjusted p-value within its family (the tags, or the suites) when this is one of
    /// several verdicts; the verdict then follows it. nil for the overall verdict.
    public var pAdjusted: Double?
    /// The test of "at most `margin` worse", when the policy sets `non_inferiority_margin`.
    public var nonInferiority: Statistics.NonInferiority?
}

/// How a family of per-tag or per-suite verdicts is corrected for multiple comparisons.
public enum MultipleComparisons {
    /// The method's name, as every report states it.
    public static let method = "holm"
    /// One line for reports.
    public static let description =
        "per-tag and per-suite verdicts use Holm-adjusted p-values, which hold the family-wise α"
}

/// Everything `compare` reports: the pairing, the statistics, overall and per tag.
public struct Comparison: Sendable {
    public var base: RunInfo
    public var candidate: RunInfo
    public var cases: [CaseComparison]
    public var statistics: PairedStatistics
    /// Per tag, with Holm-adjusted p-values over the tags.
    public var tags: [(tag: String, statistics: PairedStatistics)]
    /// Per suite, with Holm-adjusted p-values over the suites (empty with one suite).
    public var suites: [(suite: String, statistics: PairedStatistics)] = []
    /// With `judge: { repeat: k }`: how often the judge agreed with itself.
    public var judgeAgreement: JudgeAgreement?
    /// Lines such as "reused run 12 for support@1.2 (same prompt, suites and provider)".
    public var notes: [String]
    /// How much of the suites' cases each side holds: incomplete evidence decides nothing.
    public var coverage: ComparisonCoverage
    /// How a `--sequential` compare ended (the look, the reason), or the stop of a stored
    /// `stopped-early` run it was given; nil for a fixed-design comparison.
    public var sequential: SequentialStop?
    /// The two prompt versions' messages, settings and changelogs, when both files exist.
    public var promptChange: PromptChange?
    /// Where the full results of sides that hold only summaries are read back from (the
    /// store); nil when every side holds its results.
    public var source: (any ResultSource)? = nil

    /// Both sides hold every case × repeat of the suites, from runs that finished whole.
    /// A side that is `stopped-early` counts only through its sequential stop (see
    /// ``SideCoverage/complete``).
    public var isComplete: Bool { coverage.complete }

    public func cases(_ status: CaseStatus) -> [CaseComparison] {
        cases.filter { $0.status == status }
    }

    /// How many cases have `status` (without copying them out).
    public func count(_ status: CaseStatus) -> Int {
        cases.reduce(0) { $0 + ($1.status == status ? 1 : 0) }
    }

    /// How many cases `predicate` accepts (without copying them out).
    public func count(where predicate: (CaseComparison) -> Bool) -> Int {
        cases.reduce(0) { $0 + (predicate($1) ? 1 : 0) }
    }
}
