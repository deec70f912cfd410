import Conversation
import PromptGateModel

/// Side of a comparison.
public enum ComparisonSide: Int, Sendable {
    case base = 0
    case candidate = 1
}

/// Pairs two runs' results case by case, one side at a time: each side's results are
/// grouped by case as they are added and then dropped, so pairing two 100,000-case runs
/// holds one side's reading at a time, and a summary per result after that.
public struct Pairing {
    struct Key: Hashable {
        var suite: String
        var caseID: String
    }

    /// One side of one case while the results come in.
    struct Gathered {
        var repeats: [RepeatSummary] = []
        /// Full results, for a run held in memory (in ``repeats``' order).
        var results: [CaseResult] = []
        var tags: [String] = []
        /// The first repeat's steps and its repeat index.
        var trajectory: [AgentStep] = []
        var firstRepeat = Int.max
    }

    private var order: [Key] = []
    private var positions: [Key: Int] = [:]
    private var gathered: [[Gathered?]] = [[], []]
    private var infos: [RunInfo?] = [nil, nil]
    private var coverage: [SideCoverage?] = [nil, nil]
    /// The slots each side should hold, kept until both sides are in (their unrun cases are
    /// listed too).
    private var expectedSlots: [ExpectedSlots?] = [nil, nil]

    public init() {}

    /// Adds a side's results held in memory, in plan order. `full` holds the same results
    /// whole or is nil. `expected` is the slots the suites hold now; nil measures the side
    /// against its own results.
    public mutating func add(
        side: ComparisonSide, _ info: RunInfo, results: consuming [SummarizedResult],
        full: [CaseResult]? = nil, expected: ExpectedSlots?
    ) {
        begin(side: side, info, expected: expected ?? .filled(by: results))
        add(side: side, results, full: full)
    }

    /// Starts a side: the run and the slots the suites hold now. Its results follow a page at
    /// a time (``add(side:_:full:)``).
    public mutating func begin(side: ComparisonSide, _ info: RunInfo, expected: ExpectedSlots) {
        infos[side.rawValue] = info
        expectedSlots[side.rawValue] = expected
    }

    /// Adds a page of a side's results, in plan order; `full` holds the same results whole
    /// (a run held in memory) or is nil (reports read them back).
    public mutating func add(
        side: ComparisonSide, _ results: [SummarizedResult], full: [CaseResult]? = nil
    ) {
        let index = side.rawValue
        for (i, r) in results.enumerated() {
            let key = Key(suite: r.suite, caseID: r.caseID)
            let position: Int
            if let known = positions[key] {
                position = known
            } else {
                position = order.count
                positions[key] = position
                order.append(key)
                gathered[0].append(nil)
                gathered[1].append(nil)
            }
            var entry = gathered[index][position] ?? Gathered()
            gathered[index][position] = nil
            entry.repeats.append(r.summary)
            if let full { entry.results.append(full[i]) }
            if r.summary.repeatIndex < entry.firstRepeat {
                entry.firstRepeat = r.summary.repeatIndex
                entry.tags = r.tags
                entry.trajectory = r.trajectory
            }
            gathered[index][position] = entry
        }
    }

    /// The comparison of the two sides added; the pairing is left empty (what it held is
    /// freed as the cases are built, not when the caller's copy goes).
    public mutating func finish(alpha: Double, nonInferiorityMargin: Double? = nil)
        -> Comparison
    {
        // Cases the suites hold that neither side has run yet are listed too (as not-run).
        // The candidate's first, then the base's.
        for slots in expectedSlots.reversed() {
            for slot in slots?.slots ?? [] {
                let key = Key(suite: slot.suite, caseID: slot.caseID)
                guard positions[key] == nil else { continue }
                positions[key] = order.count
                order.append(key)
                gathered[0].append(nil)
                gathered[1].append(nil)
            }
        }
        for index in 0..<2 {
            guard let info = infos[index], let slots = expectedSlots[index] else { continue }
            coverage[index] = ComparisonCoverage.measure(info, expected: slots) { slot in
                guard let position = positions[Key(suite: slot.suite, caseID: slot.caseID)]
                else { return false }
                return gathered[index][position]?.repeats.contains {
                    $0.repeatIndex == slot.repeatIndex
                } ?? false
            }
        }
        // Which cases each side should hold, by position.
        var expected = [[Bool]](repeating: [Bool](repeating: false, count: order.count), count: 2)
        for (index, slots) in expectedSlots.enumerated() {
            for slot in slots?.slots ?? [] {
                if let position = positions[Key(suite: slot.suite, caseID: slot.caseID)] {
                    expected[index][position] = true
                }
            }
        }
        expectedSlots = [nil, nil]
        positions = [:]
        // Sorted only when out of order: sorting copies the array its gathering still holds.
        func side(_ entry: Gathered?) -> CaseSide? {
            guard let entry else { return nil }
            if entry.results.isEmpty {
                let inOrder = zip(entry.repeats, entry.repeats.dropFirst()).allSatisfy {
                    $0.repeatIndex <= $1.repeatIndex
                }
                return CaseSide(
                    repeats: inOrder
                        ? entry.repeats : entry.repeats.sorted { $0.repeatIndex < $1.repeatIndex })
            }
            return CaseSide(results: entry.results.sorted { $0.repeatIndex < $1.repeatIndex })
        }
        var cases: [CaseComparison] = []
        cases.reserveCapacity(order.count)
        for (position, key) in order.enumerated() {
            let b = gathered[0][position]
            let c = gathered[1][position]
            gathered[0][position] = nil
            gathered[1][position] = nil
            var compared = Comparer.classify(
                suite: key.suite, caseID: key.caseID, tags: c?.tags ?? b?.tags ?? [],
                base: side(b), candidate: side(c),
                trajectories: (b?.trajectory ?? [], c?.trajectory ?? []))
            // A side that should hold the case but has no result for it has not run it: the
            // case is neither new nor removed, and it is no evidence either way.
            if (b == nil && expected[0][position]) || (c == nil && expected[1][position]) {
                compared.status = .notRun
                compared.withinFlakiness = false
            }
            cases.append(compared)
        }
        order = []
        gathered = [[], []]
        let statistics = Comparer.paired(
            cases, alpha: alpha, nonInferiorityMargin: nonInferiorityMargin)
        guard let baseInfo = infos[0], let candidateInfo = infos[1],
            let baseCoverage = coverage[0], let candidateCoverage = coverage[1]
        else { preconditionFailure("a comparison needs both sides added") }
        return Comparison(
            base: baseInfo, candidate: candidateInfo, cases: cases, statistics: statistics,
            tags: Comparer.tagStatistics(cases, alpha: alpha),
            suites: Comparer.suiteStatistics(cases, alpha: alpha),
            judgeAgreement: JudgeAgreement.measure(cases), notes: [],
            coverage: ComparisonCoverage(base: baseCoverage, candidate: candidateCoverage),
            sequential: nil)
    }
}
