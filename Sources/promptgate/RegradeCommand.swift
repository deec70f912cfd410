import Basics
import Engine
import Foundation
import ProjectValidation
import PromptGateModel
import Reports
import Store

/// `promptgate regrade RUN`: a stored run's outputs graded with the assertions as they are now.
enum RegradeCommand {
    static let definition = CommandDefinition(
        name: "regrade",
        abstract: "Grade a stored run's outputs again with the assertions as they are now.",
        arguments: "RUN",
        options: [
            OptionSpec(
                "--suite", value: "NAME", repeatable: true,
                help: "Only this suite of the run (repeatable)."),
            OptionSpec(
                "--dry-run",
                help: "Show the assertions that changed and the judge calls needed; store nothing."
            ),
            OptionSpec(
                "--offline",
                help:
                    "Judges answer only from suites/recordings/ (always for an offline run); call no provider."
            ),
            OptionSpec("--no-cache", help: "Judges neither read nor write the response cache."),
            OptionSpec(
                "--concurrency", value: "N",
                help: "Outputs graded at once (default: defaults.concurrency or 8)."),
            OptionSpec("--format", value: "text|json", help: "Report format (default: text)."),
            OptionSpec(
                "--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
        ],
        discussion: """
            RUN is a stored run (42 or run:42, see 'promptgate history'). Its outputs are \
            graded again with the suites' assertions as they are now, and stored as a new run \
            regraded from it: compare and gate use it like any run (run:N, or by reuse), and \
            a gate record names both runs. The model is never asked; judged assertions go \
            through the response cache (--offline: only the recordings), so a judge asked \
            before costs nothing. A case whose request changed since the run (vars or prompt \
            edited) is not regraded: its output answered another request. Exit 0 when every \
            case passes, 1 when some fail, 3 when a judge could not be reached.
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice("--format", among: ["text", "json"], default: "text")
        guard args.positionals.count == 1, let raw = args.positionals.first else {
            throw PromptGateError.usage(
                "regrade needs one stored run, got \(args.positionals.count) arguments",
                hint: "e.g. promptgate regrade run:7 (see 'promptgate history')")
        }
        guard let id = Int64(raw.hasPrefix("run:") ? String(raw.dropFirst(4)) : raw), id > 0
        else {
            throw PromptGateError.usage(
                "'\(raw)' is not a run id; run ids are numbers (see 'promptgate history')")
        }
        let root = try context.projectRoot()
        let offline = args.has("--offline")
        let project = try Validation.loadForRun(
            root: root, commandEnvironment: offline ? nil : context.environment)
        context.protectSecrets(of: project)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let regrade = try await Regrade.prepare(
            runID: id, suites: args.all("--suite"), project: project, store: store,
            mode: offline ? .offline : .live, environment: context.environment,
            useCache: !args.has("--no-cache"))
        if args.has("--dry-run") {
            try context.emit(
                format == "json"
                    ? RegradeReport.json(regrade, outcome: nil)
                    : RegradeReport.text(regrade, outcome: nil))
            return .ok
        }
        let outcome = try await regrade.run(
            concurrency: try args.int("--concurrency") ?? project.defaultConcurrency)
        try context.emit(
            format == "json"
                ? RegradeReport.json(regrade, outcome: outcome)
                : RegradeReport.text(regrade, outcome: outcome))
        let summary = outcome.info.summary ?? RunSummary()
        if summary.errors > 0 { return .infrastructure }
        return summary.failed > 0 ? .failed : .ok
    }
}
