import PromptGateModel
import Stats

/// Pairs two runs case by case and computes the paired verdict.
public enum Comparer {
    /// Compares two runs. Results must hold every case (not only failing ones). `expected`
    /// says which slots the suites hold now for each side; without it each side is measured
    /// against its own results (so only an unfinished status makes it incomplete).
    /// `nonInferiorityMargin` (the policy's `non_inferiority_margin`) adds the test of "at
    /// most that much worse" to the overall statistics.
    /// The runs are consumed: their results move into the cases as they are grouped, so a
    /// comparison of two 100,000-case runs holds each result once, not three times.
    public static func compare(
        base: consuming RunReport, candidate: consuming RunReport, alpha: Double = 0.05,
        expected: (base: ExpectedSlots, candidate: ExpectedSlots)? = nil,
        nonInferiorityMargin: Double? = nil
    ) -> Comparison {
        struct Key: Hashable {
            var suite: String
            var caseID: String
        }
        let expectedBase = expected?.base ?? .filled(by: base.results)
        let expectedCandidate = expected?.candidate ?? .filled(by: candidate.results)
        let coverage = ComparisonCoverage(
            base: ComparisonCoverage.measure(
                base.info, results: base.results, expected: expectedBase),
            candidate: ComparisonCoverage.measure(
                candidate.info, results: candidate.results, expected: expectedCandidate))
        let baseExpects = Set(expectedBase.slots.map { Key(suite: $0.suite, caseID: $0.caseID) })
        let candidateExpects = Set(
            expectedCandidate.slots.map { Key(suite: $0.suite, caseID: $0.caseID) })
        var order: [Key] = []
        var baseSides: [Key: [CaseResult]] = [:]
        var candidateSides: [Key: [CaseResult]] = [:]
        for r in base.results {
            let key = Key(suite: r.suite, caseID: r.caseID)
            if baseSides[key] == nil { order.append(key) }
            baseSides[key, default: []].append(r)
        }
        base.results = []
        for r in candidate.results {
            let key = Key(suite: r.suite, caseID: r.caseID)
            if baseSides[key] == nil && candidateSides[key] == nil { order.append(key) }
            candidateSides[key, default: []].append(r)
        }
        candidate.results = []
        // Cases the suites hold that neither side has run yet are listed too (as not-run).
        var listed = Set(order)
        for slot in expectedCandidate.slots + expectedBase.slots {
            let key = Key(suite: slot.suite, caseID: slot.caseID)
            if listed.insert(key).inserted { order.append(key) }
        }
        // Each side's results move out of the dictionaries and are sorted in place.
        func side(_ results: [CaseResult]?) -> CaseSide? {
            guard var results else { return nil }
            results.sort { $0.repeatIndex < $1.repeatIndex }
            return CaseSide(results: results)
        }
        let cases = order.map { key -> CaseComparison in
            let b = side(baseSides.removeValue(forKey: key))
            let c = side(candidateSides.removeValue(forKey: key))
            var compared = classify(suite: key.suite, caseID: key.caseID, base: b, candidate: c)
            // A side that should hold the case but has no result for it has not run it: the
            // case is neither new nor removed, and it is no evidence either way.
            if (b == nil && baseExpects.contains(key))
                || (c == nil && candidateExpects.contains(key))
            {
                compared.status = .notRun
                compared.withinFlakiness = false
            }
            return compared
        }
        let statistics = paired(cases, alpha: alpha, nonInferiorityMargin: nonInferiorityMargin)
        return Comparison(
            base: base.info, candidate: candidate.info, cases: cases, statistics: statistics,
            tags: tagStatistics(cases, alpha: alpha), suites: suiteStatistics(cases, alpha: alpha),
            judgeAgreement: JudgeAgreement.measure(cases), notes: [], coverage: coverage,
            sequential: nil)
    }

    static func classify(suite: String, caseID: String, base: CaseSide?, candidate: CaseSide?)
        -> CaseComparison
    {
        let tags = (candidate?.first ?? base?.first)?.tags ?? []
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
            changed = b.results.map(\.output) != c.results.map(\.output)
        } else {
            changed = true
        }
        var comparison = CaseComparison(
            suite: suite, caseID: caseID, tags: tags, base: base, candidate: candidate,
            status: status, withinFlakiness: within, textChanged: changed)
        if let b = base?.first, let c = candidate?.first {
            comparison.toolChange = ToolChange(base: b.trajectory, candidate: c.trajectory)
        }
        return comparison
    }

    static func side(_ sides: [CaseSide]) -> SideSummary {
        let usable = sides.filter { !$0.errored && $0.gradedCount > 0 }
        let passed = usable.filter(\.passed).count
        let errors = sides.count - usable.count
        let failed = sides.count - passed - errors
        let graded = passed + failed
        let share = { (count: Int) in graded == 0 ? 0 : Double(count) / Double(graded) }
        return SideSummary(
            passed: passed, failed: failed, errors: errors, passRate: share(passed),
            interval: Statistics.wilson(successes: passed, trials: graded),
            repeats: usable.map(\.gradedCount).max() ?? 1,
            passHatK: share(usable.filter(\.passedAll).count),
            passAtK: share(usable.filter(\.passedAny).count))
    }

    /// McNemar on majority verdicts of the cases graded on both sides; with repeats, a
    /// permutation test on pass fractions as well.
    package static func paired(
        _ cases: [CaseComparison], alpha: Double, nonInferiorityMargin: Double? = nil
    ) -> PairedStatistics {
        let pairs = cases.filter {
            guard let b = $0.base, let c = $0.candidate else { return false }
            return !b.errored && !c.errored && b.gradedCount > 0 && c.gradedCount > 0
        }
        var a = 0
        var b = 0
        var c = 0
        var d = 0
        var differences: [Double] = []
        var repeated = false
        for p in pairs {
            guard let base = p.base, let candidate = p.candidate else { continue }
            switch (base.passed, candidate.passed) {
            case (true, true): a += 1
            case (true, false): b += 1
            case (false, true): c += 1
            case (false, false): d += 1
            }
            differences.append(candidate.passFraction - base.passFraction)
            if base.results.count > 1 || candidate.results.count > 1 { repeated = true }
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
        let baseSides =
            pairs.compactMap(\.base) + cases.filter { $0.status == .removed }.compactMap(\.base)
        let candidateSides =
            pairs.compactMap(\.candidate)
            + cases.filter { $0.status == .new }.compactMap(\.candidate)
        var baseline = side(baseSides)
        var candidate = side(candidateSides)
        baseline.errors = cases.filter { $0.status == .error && $0.base?.errored == true }.count
        candidate.errors =
            cases.filter { $0.status == .error && $0.candidate?.errored == true }.count
        return PairedStatistics(
            baseline: baseline, candidate: candidate, pairs: n, bothPass: a, regressions: b,
            improvements: c, bothFail: d, mcnemarP: p, permutationP: permutation,
            difference: difference, differenceInterval: interval, verdict: verdict,
            neededCases: needed, alpha: alpha, rawP: decisive,
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
