import Basics
import Compare
import Engine
import Foundation
import PromptGateModel
import Store

/// Checks a gate record against the files as they are now.
public enum GateEvidence {
    /// The policy in force now for the suites a record covered.
    public static func evaluator(project: Project, suites: [String]) -> GateEvaluator {
        var overrides: [String: GatePolicy] = [:]
        for name in suites {
            if let suite = project.suite(named: name), let gate = suite.header.gate {
                overrides[suite.name] = gate
            }
        }
        return GateEvaluator(
            global: project.config?.gate ?? GatePolicy(), suiteOverrides: overrides)
    }

    /// The names of the suites the record covered that the project still has.
    static func suiteNames(_ record: GateRecord, project: Project) -> [String] {
        record.suitePaths.compactMap { path in
            project.suites.first { $0.file.path == path }?.name
        }
    }

    /// Every way the record no longer describes the project; empty when it still does.
    public static func differences(_ record: GateRecord, project: Project) -> [String] {
        var out: [String] = []
        let gate = "gate \(record.id)"
        for (path, recorded) in record.inputs {
            let absolute = (project.root as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: absolute) else {
                out.append(
                    "\(path) no longer exists (it had sha256 \(recorded.prefix(8))… when \(gate) passed); re-run the gate"
                )
                continue
            }
            let now = Digest.sha256Hex(data)
            if now != recorded {
                out.append(
                    "\(path) changed since \(gate) passed: sha256 \(recorded.prefix(8))… now \(now.prefix(8))…; re-run the gate"
                )
            }
        }
        let suites = suiteNames(record, project: project)
        let policyNow = Digest.sha256Hex(
            Array(evaluator(project: project, suites: suites).canonicalJSON.utf8))
        if policyNow != record.policySHA256 {
            out.append(
                "the gate policy changed since \(gate) passed (gate: in promptgate.yaml or in a suite); re-run the gate"
            )
        }
        if let candidate = record.object["candidate"] as? [String: Any],
            let provider = candidate["provider"] as? [String: Any],
            let name = provider["name"] as? String, let recorded = provider["sha256"] as? String,
            let (id, version) = record.candidatePrompt
        {
            if let config = project.config?.providers[name] {
                let model =
                    project.prompt(id, version: version)?.version.model.model ?? config.model ?? ""
                let now = ProviderFingerprint.sha256(config, model: model)
                if now != recorded {
                    out.append(
                        "provider '\(name)' changed in promptgate.yaml since \(gate) passed; re-run the gate"
                    )
                }
            } else {
                out.append(
                    "provider '\(name)' that \(gate) ran on is no longer configured; re-run the gate"
                )
            }
        }
        return out
    }

    /// Every way the record's evidence falls short of the suites as they are now: decided on
    /// incomplete runs, a suite of the prompt it did not cover, or (when the store holds the
    /// runs it names) a run unfinished or missing a case the suites now hold.
    public static func coverageProblems(
        _ record: GateRecord, project: Project, store: RunStore
    ) async throws(PromptGateError) -> [String] {
        let gate = "gate \(record.id)"
        guard record.complete else {
            let why = record.reasons.first { $0.hasPrefix("incomplete") }
            return [
                "\(gate) was not decided on complete evidence\(why.map { " (\($0))" } ?? " (the record says nothing of coverage: written by an older promptgate)"); finish the runs and gate again"
            ]
        }
        guard let (promptID, _) = record.candidatePrompt else { return [] }
        var out: [String] = []
        let covered = Set(record.suitePaths)
        for suite in project.suites
        where suite.header.prompt.value == promptID && !covered.contains(suite.file.path) {
            out.append(
                "suite '\(suite.name)' (\(suite.file.path)) tests \(promptID) but \(gate) did not cover it (added after the gate, or left out with --suite); re-run the gate on every suite"
            )
        }
        let suiteNames = suiteNames(record, project: project)
        for side in ["candidate", "base"] {
            guard let runID = record.runID(side), let info = try await store.run(runID),
                let recorded = record.object[side] as? [String: Any],
                info.promptRef == recorded["ref"] as? String,
                info.prompt.sha256 == (recorded["prompt"] as? [String: Any])?["sha256"] as? String
            else { continue }  // Not this store's run (evidence from CI): the digests decide.
            let label = "run \(runID) (the \(side == "base" ? "baseline" : side) of \(gate))"
            // The one exception to "completed": a side a sequential compare stopped at a look.
            let stop = info.summary?.sequential.flatMap { $0.stoppedEarly ? $0 : nil }
            if !info.status.isComplete && !(info.status == .stoppedEarly && stop != nil) {
                out.append("\(label) is \(info.status.rawValue), not completed; re-run the gate")
                continue
            }
            var expected = ExpectedSlots.of(
                project: project, promptID: info.promptID, suiteFilter: suiteNames,
                repeatCount: info.repeatCount)
            if let stop, info.status == .stoppedEarly {
                expected = expected.sequentialPrefix(cases: stop.stoppedAtCases)
            }
            let have = try await store.completedSlots(runID: runID)
            var missing: [String] = []
            for slot in expected.slots where !have.contains(slot) {
                let name = "\(slot.suite)/\(slot.caseID)"
                if missing.last != name { missing.append(name) }
            }
            if !missing.isEmpty {
                let shown = missing.prefix(8).joined(separator: ", ")
                let more = missing.count > 8 ? " and \(missing.count - 8) more" : ""
                out.append(
                    "\(label) has no result for \(missing.count == 1 ? "case" : "cases") \(shown)\(more) that the suites hold now (added after the gate?); re-run the gate"
                )
            }
        }
        return out
    }
}
