import PromptGateModel
import Stats

/// How often a judge asked k times (`judge: { repeat: k }`) agreed with itself, over every
/// judged assertion of every result on both sides.
public struct JudgeAgreement: Sendable, Hashable {
    /// The number of verdicts per judged assertion (the most common k).
    public var repeats: Int
    /// Judged assertions (one per assertion, result and side) with k verdicts.
    public var subjects: Int
    /// Share of them where all k verdicts agree.
    public var unanimousShare: Double
    /// Fleiss' κ over the repeats (pass/fail as the categories); NaN when undefined.
    public var fleissKappa: Double
    /// Cases where the judge disagreed with itself on either side, in comparison order.
    public var disagreements: [CaseKey]

    /// A case by suite and id.
    public struct CaseKey: Sendable, Hashable {
        public var suite: String
        public var caseID: String
    }

    /// The agreement over `cases`; nil when no judged assertion has more than one verdict.
    public static func measure(_ cases: [CaseComparison]) -> JudgeAgreement? {
        let votes = cases.flatMap { c in
            [c.base, c.candidate].compactMap { $0 }.flatMap(\.repeats)
                .flatMap(\.assertions).compactMap(\.judgeVotes).filter { $0.count > 1 }
        }
        guard !votes.isEmpty else { return nil }
        var counts: [Int: Int] = [:]
        for v in votes { counts[v.count, default: 0] += 1 }
        let k =
            counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?
            .key ?? 2
        let same = votes.filter { $0.count == k }
        let table = same.map { v in [v.filter { $0 }.count, v.filter { !$0 }.count] }
        let unanimous = table.filter { $0[0] == 0 || $0[1] == 0 }.count
        return JudgeAgreement(
            repeats: k, subjects: same.count,
            unanimousShare: Double(unanimous) / Double(same.count),
            fleissKappa: Statistics.fleissKappa(table),
            disagreements: cases.filter(\.judgeDisagreed).map {
                CaseKey(suite: $0.suite, caseID: $0.caseID)
            })
    }
}

extension CaseSide {
    /// Some judged assertion of some repeat got verdicts that disagree.
    public var judgeDisagreed: Bool {
        repeats.contains { r in
            r.assertions.contains { a in
                guard let votes = a.judgeVotes else { return false }
                return votes.contains(true) && votes.contains(false)
            }
        }
    }
}

extension CaseComparison {
    /// The judge disagreed with itself about this case on either side: a regression here is
    /// flagged rather than counted by the gate unless `count_judge_disagreements: true`.
    public var judgeDisagreed: Bool {
        base?.judgeDisagreed == true || candidate?.judgeDisagreed == true
    }
}
