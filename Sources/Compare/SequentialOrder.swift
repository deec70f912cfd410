import Basics
import PromptGateModel
import Store

/// The fixed pseudo-random order a `--sequential` compare sends cases in: by the SHA-256 of
/// `suite`, NUL, `case id`, so it is the same on both sides, on every machine and every run,
/// and unrelated to the order cases were written in.
public enum SequentialOrder {
    /// The sort key of a case: the first 8 bytes of its digest.
    public static func rank(suite: String, caseID: String) -> Int {
        let hex = Digest.sha256Hex(suite + "\u{0}" + caseID)
        let value = UInt64(hex.prefix(16), radix: 16) ?? 0
        return Int(truncatingIfNeeded: value >> 1)
    }

    /// The cases of `slots` (suite, id), in sequential order.
    public static func cases(of slots: [ResultSlot]) -> [CaseKey] {
        var seen: Set<CaseKey> = []
        var out: [CaseKey] = []
        for slot in slots {
            let key = CaseKey(suite: slot.suite, caseID: slot.caseID)
            if seen.insert(key).inserted { out.append(key) }
        }
        return out.sorted {
            let (a, b) = (
                rank(suite: $0.suite, caseID: $0.caseID), rank(suite: $1.suite, caseID: $1.caseID)
            )
            return a != b ? a < b : ($0.suite, $0.caseID) < ($1.suite, $1.caseID)
        }
    }

    /// A case of the suites.
    public struct CaseKey: Sendable, Hashable {
        public var suite: String
        public var caseID: String
    }
}

extension ExpectedSlots {
    /// What a side of a sequential compare that stopped after `cases` cases has to hold: the
    /// slots of the first `cases` in ``SequentialOrder`` (plan order kept).
    public func sequentialPrefix(cases: Int) -> ExpectedSlots {
        let kept = Set(SequentialOrder.cases(of: slots).prefix(cases))
        return ExpectedSlots(
            slots: slots.filter {
                kept.contains(SequentialOrder.CaseKey(suite: $0.suite, caseID: $0.caseID))
            },
            suites: suites)
    }
}
