import Basics
import Compare
import Engine
import Foundation
import ProjectValidation
import PromptGateModel
import Reports
import Store

/// `promptgate compare BASE CANDIDATE`: both sides on the same cases, paired.
enum CompareCommand {
    static let options: [OptionSpec] = [
        OptionSpec(
            "--suite", value: "NAME", repeatable: true, help: "Only this suite (repeatable)."),
        OptionSpec(
            "--provider", value: "NAME", help: "Provider for both sides (default: each prompt's)."),
        OptionSpec(
            "--candidate-provider", value: "NAME",
            help:
                "Provider for the candidate only: the same prompt on two models is a comparison too."
        ),
        OptionSpec("--repeat", value: "N", help: "Run each case N times on each side."),
        OptionSpec(
            "--concurrency", value: "N", help: "Requests in flight at once, shared by both sides."),
        OptionSpec("--record", oneOf: "mode", help: "Write every response to suites/recordings/."),
        OptionSpec("--offline", oneOf: "mode", help: "Answer only from suites/recordings/."),
        OptionSpec("--no-cache", help: "Neither read nor write the response cache."),
        OptionSpec(
            "--fresh", help: "Run both sides even when a stored run of the same inputs exists."),
        OptionSpec(
            "--resume",
            help:
                "Finish a side's interrupted run of the same inputs, if there is one, and send its errored cases again."
        ),
        OptionSpec(
            "--keep-errors", help: "With --resume: leave errored cases as they are."),
        OptionSpec(
            "--sequential",
            help:
                "Send cases in a fixed hashed order and look at the paired data every 10%; stop once it decides."
        ),
        OptionSpec(
            "--looks", value: "N", help: "With --sequential: planned looks (default 10)."),
        OptionSpec(
            "--max-cost", value: "USD",
            help: "Stop sending before both sides together could cost more (exit 3)."),
        OptionSpec(
            "--format", value: "text|json|markdown|html|junit",
            help: "Report format (default: text)."),
        OptionSpec("--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
        OptionSpec("--quiet", help: ProgressLine.quietHelp),
    ]

    static let definition = CommandDefinition(
        name: "compare",
        abstract:
            "Compare two prompt versions on the same cases, with a paired statistical verdict.",
        arguments: "BASE CANDIDATE",
        options: options + [
            OptionSpec(
                "--dry-run",
                help: "Print each side's requests, cache hits and cost bound; send nothing.")
        ],
        discussion: """
            BASE and CANDIDATE are ID@VERSION, ID@production or ID@canary (from \
            prompts/<id>/release.yaml), or a stored run run:42. A side whose stored run matches \
            the current files is reused, not re-run. Verdicts: better / worse (McNemar exact \
            test on the cases whose verdict changed, α = 0.05), no-significant-difference, or \
            inconclusive (the suite is too small to tell; the report says how many cases would \
            be). Exit 0 unless a side could not be run (3) or on a usage error (2): compare \
            reports, the gate decides. A side is complete only when its run finished whole and \
            holds every case × repeat of the suites as they are now; otherwise the verdict is \
            `incomplete` (exit 3), and cases a side has not run are `not-run`, never new or removed.

            --sequential sends the cases of both sides in one fixed pseudo-random order (by             SHA-256 of suite and case id) and looks at the paired cases after each tenth             (--looks N): McNemar's z on the discordant pairs against Lan–DeMets             O'Brien–Fleming boundaries, so the overall α holds. It stops for harm (worse),             benefit (better) or at the end; both runs of a stop are `stopped-early`, complete             evidence for this comparison only. The report says at which look, why, and how             many requests the stop saved.

            \(ProgressLine.discussion)
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        if context.arguments.has("--dry-run") { return try await dryRun(context) }
        let comparison = try await compare(context)
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "markdown", "html", "junit"], default: "text")
        switch format {
        case "json":
            // Written a case at a time: 100,000 cases never sit in memory as one text.
            try ReportOutput.stream(context) { try comparison.writeJSON($0) }
        case "markdown": try context.emit(comparison.markdown())
        case "html":
            try ReportOutput.stream(context) { try comparison.writeHTML(text: $0, bytes: $1) }
        case "junit":
            try ReportOutput.stream(context) { try comparison.writeJUnit($0) }
        default: try context.emit(comparison.text(style: context.console.style))
        }
        return comparison.isComplete ? .ok : .infrastructure
    }

    /// `compare --dry-run`: what each side would send and may cost; sends nothing.
    static func dryRun(_ context: CommandContext) async throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "markdown", "html", "junit"], default: "text")
        let estimates = try await prepare(context).dryRun()
        try context.emit(
            DryRunEstimate.report(
                estimates, labels: ["baseline", "candidate"], json: format == "json"))
        return .ok
    }

    /// Resolves, runs or reuses both sides, and pairs them. Shared with `gate`.
    static func compare(_ context: CommandContext) async throws -> Comparison {
        try await compareWithProject(context).comparison
    }

    /// The comparison and the project as it was loaded for it: the gate decides with the
    /// same files the sides ran from (not a second load, which costs a read of every case
    /// and could see files changed since).
    static func compareWithProject(_ context: CommandContext) async throws -> (
        comparison: Comparison, project: Project
    ) {
        // Ctrl-C from here on interrupts the runs (even before they start): never a kill
        // that leaves no word, and never a comparison that looks whole.
        Interrupt.install()
        let session = try await prepare(context)
        let progress = CombinedProgress(
            line: ProgressLine(
                console: context.console, total: session.plannedCount,
                quiet: context.arguments.has("--quiet"), environment: context.environment))
        let outcome: ComparisonOutcome
        do {
            outcome = try await Interrupt.cancelOnSIGINT {
                try await session.run { progress.update(side: $0, $1) }
            }
        } catch {
            progress.line.finish()
            throw error
        }
        progress.line.finish()
        for line in outcome.warnings { context.console.err("\(line)\n") }
        return (outcome.comparison, session.project)
    }

    /// The session of the command line's sides and options: a stored run to reuse, or a
    /// runner (resuming an unfinished run with `--resume`).
    static func prepare(_ context: CommandContext) async throws -> ComparisonSession {
        let args = context.arguments
        guard args.positionals.count == 2 else {
            throw PromptGateError.usage(
                "compare needs two sides, BASE and CANDIDATE; got \(args.positionals.count)",
                hint: "e.g. promptgate compare support@1.2 support@1.3")
        }
        if args.has("--record") && args.has("--offline") {
            throw PromptGateError.usage("--record and --offline exclude each other; choose one")
        }
        let root = try context.projectRoot()
        let mode: RunMode =
            args.has("--offline") ? .offline : args.has("--record") ? .record : .live
        // Both sides' versions are render-checked as the cases are read (a side given as
        // a run id names none).
        let project = try Validation.loadForRun(
            root: root, commandEnvironment: mode == .offline ? nil : context.environment,
            renderSelection: .versions(Set(args.positionals.filter { $0.contains("@") })))
        context.protectSecrets(of: project)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        var request = ComparisonRequest(base: args.positionals[0], candidate: args.positionals[1])
        request.suites = args.all("--suite")
        request.provider = args.value("--provider")
        request.candidateProvider = args.value("--candidate-provider")
        request.repeatCount = try args.int("--repeat")
        request.concurrency = try args.int("--concurrency")
        request.mode = mode
        request.useCache = !args.has("--no-cache")
        request.fresh = args.has("--fresh")
        request.resume = args.has("--resume")
        request.keepErrors = args.has("--keep-errors")
        request.maxCostUSD = try RunCommand.maxCost(args)
        if args.has("--sequential") {
            request.sequential = SequentialOptions(looks: try args.int("--looks") ?? 10)
        } else if args.value("--looks") != nil {
            throw PromptGateError.usage(
                "--looks applies only to a sequential compare", hint: "add --sequential")
        }
        request.environment = context.environment
        return try await ComparisonSession.prepare(request, project: project, store: store)
    }
}

/// Adds up the progress of both sides for one progress line.
final class CombinedProgress: @unchecked Sendable {
    let line: ProgressLine
    private let lock = NSLock()
    private var sides: [Int: RunSummary] = [:]

    init(line: ProgressLine) {
        self.line = line
    }

    func update(side: Int, _ summary: RunSummary) {
        let total = lock.withLock { () -> RunSummary in
            sides[side] = summary
            var sum = RunSummary()
            for s in sides.values {
                sum.total += s.total
                sum.passed += s.passed
                sum.failed += s.failed
                sum.errors += s.errors
            }
            return sum
        }
        line.update(total)
    }
}
