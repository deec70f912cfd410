import PromptGateModel
import Store

/// Paces a run from outside: the order its cases are sent in, when each may be sent, and
/// whether the run stopped because the pacer decided (a `--sequential` compare's looks).
/// Runners that share one (both sides of a compare) each get their side's view.
public protocol RunPacer: Sendable {
    /// Sort key of a case: cases are sent in increasing order (ties in plan order).
    func rank(suite: String, caseID: String) -> Int
    /// Waits (without blocking a thread) until the slot may be sent; false: never send it.
    func admit(_ slot: ResultSlot) async -> Bool
    /// A result of the side arrived (stored, or an error the run keeps).
    func record(_ result: CaseResult) async
    /// The side's runner sends nothing more, whatever the reason.
    func finished() async
    /// Set when the pacer stopped the run at a decision: the run is then `stopped-early`.
    func stop() async -> SequentialStop?
}

extension Runner {
    /// `indices` in the pacer's order (ties in plan order); as they are without a pacer.
    func paced(_ indices: [Int]) -> [Int] {
        guard let pacer = options.pacer else { return indices }
        let ranks = indices.map { index in
            let item = plan.items[index]
            return pacer.rank(
                suite: plan.suites[item.suiteIndex].name, caseID: plan.caseID(item))
        }
        return zip(ranks, indices).sorted { $0 < $1 }.map(\.1)
    }
}

extension RunPlan {
    /// The result slot of plan item `index`.
    func slot(_ index: Int) -> ResultSlot {
        let item = items[index]
        return ResultSlot(
            suite: suites[item.suiteIndex].name, caseID: caseID(item),
            repeatIndex: item.repeatIndex)
    }
}
