import Basics
import Compare
import Foundation
import PromptGateModel
import Store

/// A gate's decision and where its evidence was recorded.
public struct GateOutcome: Sendable {
    /// The gate's id in the store.
    public var id: Int64
    /// The record's path relative to the project root: `.promptgate/gates/<id>.json`.
    public var recordPath: String
    public var decision: GateDecision
}

/// The workflow behind `gate` after the comparison: applies the policy and records the
/// evidence (in the store and as a JSON file) before anyone sees the decision.
public enum GateSession {
    /// Decides on `comparison` by the gate policy of `project` (and of the suites both sides
    /// covered) and writes the gate record.
    public static func decide(
        _ comparison: Comparison, project: Project, store: RunStore
    ) async throws(PromptGateError) -> GateOutcome {
        let evaluator = GateEvidence.evaluator(
            project: project, suites: comparison.candidate.suiteNames + comparison.base.suiteNames)
        let decision = evaluator.evaluate(comparison)
        let now = Timestamp.now()
        let id = try await store.reserveGate(
            promptID: comparison.candidate.promptID,
            candidateVersion: comparison.candidate.promptVersion,
            baseRef: comparison.base.promptRef, createdAt: now)
        // A regraded side's outputs came from another run: its digests are evidence too.
        var sources: [Int64: RunInfo] = [:]
        for info in [comparison.base, comparison.candidate] {
            if let from = info.regradedFrom, let source = try await store.run(from) {
                sources[info.id] = source
            }
        }
        let record = GateRecord.make(
            id: id, comparison: comparison, decision: decision, evaluator: evaluator,
            createdAt: now, regradedSources: sources)
        let text = record.serialized()
        try await store.saveGate(
            id: id, decision: decision.passed ? "pass" : "blocked", record: text)
        let relative = ".promptgate/gates/\(id).json"
        let absolute = (project.root as NSString).appendingPathComponent(relative)
        try AtomicFile.write(text, to: absolute, shown: relative, what: "the gate record")
        return GateOutcome(id: id, recordPath: relative, decision: decision)
    }
}
