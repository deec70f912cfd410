import Conversation
import PromptGateModel

/// Side of a comparison.
public enum ComparisonSide: Int, Sendable {
    case base = 0
    case candidate = 1
}

/// Pairs two runs' results case by case, one side at a time: each side's results are
/// grouped by case as they are added, a page at a time, straight into the comparison's
/// cases, so pairing two 100,000-case runs holds a summary per result and a page, never a
/// run's texts nor a second copy of the cases.
public struct Pairing {
    struct Key: Hashable {
        var suite: String
        var caseID: String
    }

    /// The cases in order of first appearance, classified once both sides are in.
    private var cases: [CaseComparison] = []
    /// Each case's position by its key's hash (an eighth of a dictionary of the keys); the
    /// case holds the key, and a key whose hash another took is in ``collided``.
    private var positions: [Int: Int32] = [:]
    private var collided: [Key: Int] = [:]
    /// The lowest repeat's tool-calling steps, by position × 2 + side, where there are any.
    private var steps: [Int: [AgentStep]] = [:]
    /// Full results of a run held in memory, by position × 2 + side, in the order added.
    private var fullResults: [Int: [CaseResult]] = [:]
    private var infos: [RunInfo?] = [nil, nil]
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
        // Room for the cases at once: growing by doubling would hold two copies for a while.
        let room = cases.count + expected.slots.count / max(1, info.repeatCount)
        if cases.isEmpty, room > cases.capacity { cases.reserveCapacity(room) }
    }

    private func known(_ key: Key) -> Int? {
        guard let position = positions[key.hashValue].map(Int.init) else { return nil }
        let c = cases[position]
        return c.suite == key.suite && c.caseID == key.caseID ? position : collided[key]
    }

    private mutating func position(of key: Key) -> Int {
        if let known = known(key) { return known }
        let position = cases.count
        if positions[key.hashValue] == nil {
            positions[key.hashValue] = Int32(position)
        } else {
            collided[key] = position
        }
        cases.append(
            CaseComparison(
                suite: key.suite, caseID: key.caseID, tags: [], base: nil, candidate: nil,
                status: .notRun, withinFlakiness: false, textChanged: false))
        return position
    }

    /// Adds a page of a side's results, in plan order; `full` holds the same results whole
    /// (a run held in memory) or is nil (reports read them back).
    public mutating func add(
        side: ComparisonSide, _ results: [SummarizedResult], full: [CaseResult]? = nil
    ) {
        for (i, r) in results.enumerated() {
            let position = position(of: Key(suite: r.suite, caseID: r.caseID))
            let key = position * 2 + side.rawValue
            let old = side == .base ? cases[position].base : cases[position].candidate
            let lowest = old?.repeats.lazy.map(\.repeatIndex).min() ?? .max
            if r.summary.repeatIndex < lowest {
                steps[key] = r.trajectory.isEmpty ? nil : r.trajectory
                // The candidate's tags are the case's; the base's until it has some.
                if side == .candidate || cases[position].candidate == nil {
                    cases[position].tags = r.tags
                }
            }
            // The common first (and only) repeat builds no array.
            let repeats =
                old.map { RepeatList(Array($0.repeats) + [r.summary]) }
                ?? RepeatList(one: r.summary)
            if side == .base {
                cases[position].base = CaseSide(repeats: repeats)
            } else {
                cases[position].candidate = CaseSide(repeats: repeats)
            }
            if let full { fullResults[key, default: []].append(full[i]) }
        }
    }

    /// The comparison of the two sides added; the pairing is left empty (what it held is
    /// freed here, not when the caller's copy goes).
    public mutating func finish(alpha: Double, nonInferiorityMargin: Double? = nil)
        -> Comparison
    {
        // Cases the suites hold that neither side has run yet are listed too (as not-run):
        // the candidate's first, then the base's.
        for slots in expectedSlots.reversed() {
            for slot in slots?.slots ?? [] {
                _ = position(of: Key(suite: slot.suite, caseID: slot.caseID))
            }
        }
        var coverage: [SideCoverage?] = [nil, nil]
        var expected = [[Bool]](repeating: [Bool](repeating: false, count: cases.count), count: 2)
        for index in 0..<2 {
            guard let info = infos[index], let slots = expectedSlots[index] else { continue }
            coverage[index] = ComparisonCoverage.measure(info, expected: slots) { slot in
                guard let position = known(Key(suite: slot.suite, caseID: slot.caseID)),
                    let side = index == 0
                        ? self.cases[position].base : self.cases[position].candidate
                else { return false }
                return side.repeats.contains { $0.repeatIndex == slot.repeatIndex }
            }
            for slot in slots.slots {
                if let position = known(Key(suite: slot.suite, caseID: slot.caseID)) {
                    expected[index][position] = true
                }
            }
        }
        expectedSlots = [nil, nil]
        positions = [:]
        collided = [:]
        func ordered(_ side: CaseSide?, _ key: Int) -> CaseSide? {
            guard let side else { return nil }
            if let results = fullResults.removeValue(forKey: key) {
                return CaseSide(results: results.sorted { $0.repeatIndex < $1.repeatIndex })
            }
            guard side.repeats.count > 1 else { return side }
            return CaseSide(
                repeats: RepeatList(side.repeats.sorted { $0.repeatIndex < $1.repeatIndex }))
        }
        // Classified in place: the cases are never copied.
        for position in cases.indices {
            let c = cases[position]
            let base = ordered(c.base, position * 2)
            let candidate = ordered(c.candidate, position * 2 + 1)
            var compared = Comparer.classify(
                suite: c.suite, caseID: c.caseID, tags: c.tags, base: base, candidate: candidate,
                trajectories: (steps[position * 2] ?? [], steps[position * 2 + 1] ?? []))
            // A side that should hold the case but has no result for it has not run it: the
            // case is neither new nor removed, and it is no evidence either way.
            if (base == nil && expected[0][position]) || (candidate == nil && expected[1][position])
            {
                compared.status = .notRun
                compared.withinFlakiness = false
            }
            cases[position] = compared
        }
        steps = [:]
        let all = cases
        cases = []
        let statistics = Comparer.paired(
            all, alpha: alpha, nonInferiorityMargin: nonInferiorityMargin)
        guard let baseInfo = infos[0], let candidateInfo = infos[1],
            let baseCoverage = coverage[0], let candidateCoverage = coverage[1]
        else { preconditionFailure("a comparison needs both sides added") }
        return Comparison(
            base: baseInfo, candidate: candidateInfo, cases: all, statistics: statistics,
            tags: Comparer.tagStatistics(all, alpha: alpha),
            suites: Comparer.suiteStatistics(all, alpha: alpha),
            judgeAgreement: JudgeAgreement.measure(all), notes: [],
            coverage: ComparisonCoverage(base: baseCoverage, candidate: candidateCoverage),
            sequential: nil)
    }
}
