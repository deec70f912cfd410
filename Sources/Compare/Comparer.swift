import Conversation
import PromptGateModel
import Stats

/// Pairs two runs case by case and computes the paired verdict.
public enum Comparer {
    /// Compares two runs held in memory; the cases keep their full results. `expected`
    /// says which slots the suites hold now for each side; without it each side is measured
    /// against its own results (so only an unfinished status makes it incomplete).
    /// `nonInferiorityMargin` (the policy's `non_inferiority_margin`) adds the test of "at
    /// most that much worse" to the overall statistics.
    public static func compare(
        base: consuming RunReport, candidate: consuming RunReport, alpha: Double = 0.05,
        expected: (base: ExpectedSlots, candidate: ExpectedSlots)? = nil,
        nonInferiorityMargin: Double? = nil
    ) -> Comparison {
        var pairing = Pairing()
        pairing.add(
            side: .base, base.info, results: base.results.map { SummarizedResult($0) },
            full: base.results, expected: expected?.base)
        base.results = []
        pairing.add(
            side: .candidate, candidate.info,
            results: candidate.results.map { SummarizedResult($0) }, full: candidate.results,
            expected: expected?.candidate)
        candidate.results = []
        return pairing.finish(alpha: alpha, nonInferiorityMargin: nonInferiorityMargin)
    }

    static func classify(
        suite: String, caseID: String, tags: [String], base: CaseSide?, candidate: CaseSide?,
        trajectories: (base: [AgentStep], candidate: [AgentStep])
    ) -> CaseComparison {
        var status: CaseStatus
        var within = false
        switch (base, candidate) {
        case (nil, nil): status = .notRun
        case (nil, _): status = .new
        case (_, nil): status = .removed
        case (let b?, let c?):
            if b.errored || c.errored || b.gradedCount == 0 || c.gradedCount == 0 {
                status = .error
            } else if b.passed && !c.passed {
                status = .regression
                within = b.isFlaky || c.isFlaky
            } else if !b.passed && c.passed {
                status = .improvement
                within = b.isFlaky || c.isFlaky
            } else if b.isFlaky || c.isFlaky {
                status = .flaky
            } else {
                status = b.passed ? .stillPassing : .stillFailing
            }
        }
        let changed: Bool
        if let b = base, let c = candidate {
            changed = !b.repeats.elementsEqual(c.repeats) { $0.outputDigest == $1.outputDigest }
        } else {
            changed = true
        }
        var comparison = CaseComparison(
            suite: suite, caseID: caseID, tags: tags, base: base, candidate: candidate,
            status: status, withinFlakiness: within, textChanged: changed)
        if base != nil, candidate != nil {
            comparison.toolChange = ToolChange(
                base: trajectories.base, candidate: trajectories.candidate)
        }
        return comparison
    }

    /// One side's pass rate, counted a case at a time.
    struct SideTally {
        var passed = 0
        var failed = 0
        var errors = 0
        var repeats = 0
        var passedAll = 0
        var passedAny = 0

        mutating func add(_ side: RepeatVerdicts) {
            guard side.errored == 0, side.graded > 0 else {
                errors += 1
                return
            }
            if side.majorityPassed { passed += 1 } else { failed += 1 }
            repeats = max(repeats, side.graded)
            if side.passedAll { passedAll += 1 }
            if side.passedAny { passedAny += 1 }
        }

        var summary: SideSummary {
            let graded = passed + failed
            let share = { (count: Int) in graded == 0 ? 0 : Double(count) / Double(graded) }
            return SideSummary(
                passed: passed, failed: failed, errors: errors, passRate: share(passed),
                interval: Statistics.wilson(successes: passed, trials: graded),
                repeats: graded == 0 ? 1 : repeats, passHatK: share(passedAll),
                passAtK: share(passedAny))
        }
    }

    /// McNemar on majority verdicts of the cases graded on both sides; with repeats, a
    /// permutation test on pass fractions as well. Only the cases `include` accepts count
    /// (a tag's, a suite's), read in place rather than copied out.
    package static func paired(
        _ cases: [CaseComparison], alpha: Double, nonInferiorityMargin: Double? = nil,
        where include: (CaseComparison) -> Bool = { _ in true }
    ) -> PairedStatistics {
        var a = 0
        var b = 0
        var c = 0
        var d = 0
        var differences: [Double] = []
        var repeated = false
        var baseline = SideTally()
        var candidate = SideTally()
        var baseErrors = 0
        var candidateErrors = 0
        // Through the buffer and counted verdicts: copying a case (or a side) out retains
        // each of its strings and arrays, for every case of every tag and suite.
        cases.withUnsafeBufferPointer { cases in
            for i in cases.indices where include(cases[i]) {
                let status = cases[i].status
                let base = cases[i].base?.repeats.verdicts
                let other = cases[i].candidate?.repeats.verdicts
                if status == .error {
                    if let base, base.errored > 0 { baseErrors += 1 }
                    if let other, other.errored > 0 { candidateErrors += 1 }
                }
                guard let base, let other, base.errored == 0, other.errored == 0,
                    base.graded > 0, other.graded > 0
                else {
                    if status == .removed, let base { baseline.add(base) }
                    if status == .new, let other { candidate.add(other) }
                    continue
                }
                baseline.add(base)
                candidate.add(other)
                switch (base.majorityPassed, other.majorityPassed) {
                case (true, true): a += 1
                case (true, false): b += 1
                case (false, true): c += 1
                case (false, false): d += 1
                }
                differences.append(other.passFraction - base.passFraction)
                if base.count > 1 || other.count > 1 { repeated = true }
            }
        }
        let n = a + b + c + d
        let p = Statistics.mcnemarExact(b: b, c: c)
        let permutation =
            repeated ? Statistics.pairedPermutationTest(differences: differences) : nil
        let difference = n == 0 ? 0 : Double(c - b) / Double(n)
        let interval = Statistics.pairedDifferenceInterval(a: a, b: b, c: c, d: d)
        // With repeats the permutation test uses the finer per-case fractions; the verdict
        // follows whichever test the data supports.
        let decisive = permutation.map { min($0, p) } ?? p
        let (verdict, needed) = verdict(
            p: decisive, regressions: b, improvements: c, pairs: n, alpha: alpha)
        var baseSummary = baseline.summary
        var candidateSummary = candidate.summary
        baseSummary.errors = baseErrors
        candidateSummary.errors = candidateErrors
        return PairedStatistics(
            baseline: baseSummary, candidate: candidateSummary, pairs: n, bothPass: a,
            regressions: b, improvements: c, bothFail: d, mcnemarP: p,
            permutationP: permutation, difference: difference, differenceInterval: interval,
            verdict: verdict, neededCases: needed, alpha: alpha, rawP: decisive,
            nonInferiority: nonInferiorityMargin.flatMap {
                Statistics.nonInferiority(a: a, b: b, c: c, d: d, margin: $0, alpha: alpha)
            })
    }

    /// The verdict of `pairs` paired cases from the p-value behind it, and when it is not
    /// significant, the cases needed to detect the observed difference (inconclusive when
    /// that is more than there are). `sizeAlpha` is the level the size is computed for (α
    /// itself unless a family is corrected).
    static func verdict(
        p: Double, regressions b: Int, improvements c: Int, pairs n: Int, alpha: Double,
        sizeAlpha: Double? = nil
    ) -> (PairedStatistics.Verdict, Int?) {
        if n > 0, p < alpha, b != c { return (c > b ? .better : .worse, nil) }
        if n == 0 { return (.inconclusive, nil) }
        if b == c { return (.noSignificantDifference, nil) }
        let needed = Statistics.mcnemarSampleSize(
            p10: Double(b) / Double(n), p01: Double(c) / Double(n), alpha: sizeAlpha ?? alpha,
            power: 0.8)
        if let needed, needed > n { return (.inconclusive, needed) }
        return (.noSignificantDifference, nil)
    }
}
