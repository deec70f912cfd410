import PromptGateModel
import Stats

extension Comparer {
    /// Per-tag statistics, tags sorted, with Holm-adjusted p-values over the tags: testing 18
    /// tags at α each would call some tag "worse" by chance in most large compares.
    static func tagStatistics(_ cases: [CaseComparison], alpha: Double)
        -> [(tag: String, statistics: PairedStatistics)]
    {
        var names: [String] = []
        for c in cases {
            for tag in c.tags where !names.contains(tag) { names.append(tag) }
        }
        let family = names.sorted().map { tag in
            (tag, paired(cases, alpha: alpha, where: { $0.tags.contains(tag) }))
        }
        return zip(family.map(\.0), adjusted(family.map(\.1))).map { (tag: $0, statistics: $1) }
    }

    /// Per-suite statistics in the order the suites appear, Holm-adjusted over the suites;
    /// empty when all the cases come from one suite (the overall verdict says it).
    static func suiteStatistics(_ cases: [CaseComparison], alpha: Double)
        -> [(suite: String, statistics: PairedStatistics)]
    {
        var names: [String] = []
        for c in cases where !names.contains(c.suite) { names.append(c.suite) }
        guard names.count > 1 else { return [] }
        let family = names.map { suite in
            (suite, paired(cases, alpha: alpha, where: { $0.suite == suite }))
        }
        return zip(family.map(\.0), adjusted(family.map(\.1))).map { (suite: $0, statistics: $1) }
    }

    /// The family with Holm-adjusted p-values, each verdict decided by its adjusted p. The
    /// cases needed (when not significant) are for the strictest Holm step, α/m: a tag all
    /// of whose 6 cases regressed is "inconclusive, about 8 needed" among 10 tags, not
    /// "no significant difference".
    package static func adjusted(_ family: [PairedStatistics]) -> [PairedStatistics] {
        let adjustedP = Statistics.holmAdjusted(family.map(\.rawP))
        let m = Double(max(1, adjustedP.filter { !$0.isNaN }.count))
        return zip(family, adjustedP).map { statistics, p in
            var out = statistics
            out.pAdjusted = p
            (out.verdict, out.neededCases) = verdict(
                p: p, regressions: out.regressions, improvements: out.improvements,
                pairs: out.pairs, alpha: out.alpha, sizeAlpha: out.alpha / m)
            return out
        }
    }
}

extension PairedStatistics {
    /// These statistics with the non-inferiority test at `margin` (kept when already there).
    public func withNonInferiority(margin: Double) -> PairedStatistics {
        if nonInferiority?.margin == margin { return self }
        var out = self
        out.nonInferiority = Statistics.nonInferiority(
            a: bothPass, b: regressions, c: improvements, d: bothFail, margin: margin,
            alpha: alpha)
        return out
    }
}
