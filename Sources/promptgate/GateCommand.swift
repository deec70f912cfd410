import Basics
import Compare
import Foundation
import Gate
import ProjectValidation
import PromptGateModel
import Reports
import Store

/// `promptgate gate BASE CANDIDATE`: compare, apply the policy, record the evidence.
enum GateCommand {
    static let definition = CommandDefinition(
        name: "gate",
        abstract:
            "Compare two versions and decide, by the gate policy, whether the candidate may be promoted.",
        arguments: "BASE CANDIDATE",
        options: CompareCommand.options,
        discussion: """
            Runs or reuses the comparison, applies gate: from promptgate.yaml (and each suite's \
            gate: for its cases), prints PASS or BLOCKED with every reason, and writes a gate \
            record to the store and to .promptgate/gates/<id>.json with the SHA-256 of every \
            input that shaped the result. A gate never passes on incomplete evidence: a side \
            that was interrupted, stopped by --max-cost, is one shard, or lacks cases the suites \
            now hold blocks it. Exit 0 PASS, 1 BLOCKED, 2 usage or configuration error, 3 when \
            a side could not be run completely (blocked, incomplete evidence).
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "markdown", "html", "junit"], default: "text")
        let (comparison, project) = try await CompareCommand.compareWithProject(context)
        let root = try context.projectRoot()
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let outcome = try await GateSession.decide(comparison, project: project, store: store)
        let decision = outcome.decision
        let report = GateReport(
            id: outcome.id, path: outcome.recordPath, decision: decision, comparison: comparison)
        switch format {
        case "json":
            // Written a case at a time, as compare's JSON is.
            try ReportOutput.stream(context) { try report.writeJSON($0) }
        case "markdown": try context.emit(report.markdown())
        case "html":
            try ReportOutput.stream(context) { try comparison.writeHTML(text: $0, bytes: $1) }
        case "junit":
            try ReportOutput.stream(context) { try report.writeJUnit($0) }
        default: try context.emit(report.text(style: context.console.style))
        }
        if !comparison.isComplete || !comparison.cases(.error).isEmpty { return .infrastructure }
        return decision.passed ? .ok : .failed
    }
}
