import Foundation

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
        OptionSpec("--record", help: "Write every response to suites/recordings/."),
        OptionSpec("--offline", help: "Answer only from suites/recordings/."),
        OptionSpec("--no-cache", help: "Neither read nor write the response cache."),
        OptionSpec(
            "--fresh", help: "Run both sides even when a stored run of the same inputs exists."),
        OptionSpec(
            "--resume", help: "Finish a side's interrupted run of the same inputs, if there is one."
        ),
        OptionSpec(
            "--max-cost", value: "USD",
            help: "Stop sending before both sides together could cost more (exit 3)."),
        OptionSpec(
            "--format", value: "text|json|markdown|html|junit",
            help: "Report format (default: text)."),
        OptionSpec("--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
    ]

    static let definition = CommandDefinition(
        name: "compare",
        abstract:
            "Compare two prompt versions on the same cases, with a paired statistical verdict.",
        usage:
            "promptgate compare BASE CANDIDATE [--suite NAME]… [--provider NAME] [--candidate-provider NAME] [--repeat N] [--concurrency N] [--record | --offline] [--fresh] [--format text|json|markdown|html|junit] [--output FILE]",
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
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        if context.arguments.has("--dry-run") { return try await dryRun(context) }
        let comparison = try await compare(context)
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "markdown", "html", "junit"], default: "text")
        switch format {
        case "json": try context.emit(comparison.json())
        case "markdown": try context.emit(comparison.markdown())
        case "html": try context.emit(comparison.html())
        case "junit": try context.emit(comparison.junit())
        default: try context.emit(comparison.text(style: context.console.style))
        }
        return comparison.isComplete ? .ok : .infrastructure
    }

    /// Both sides resolved: a runner (maybe resuming) or a stored run each.
    struct Sides {
        var store: RunStore
        var project: Project
        var runners: [Runner?] = [nil, nil]
        var resuming: [RunInfo?] = [nil, nil]
        var infos: [RunInfo?] = [nil, nil]
        var notes: [String] = []
    }

    /// `compare --dry-run`: what each side would send and may cost; sends nothing.
    static func dryRun(_ context: CommandContext) async throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "markdown", "html", "junit"], default: "text")
        let sides = try await prepare(context)
        var estimates: [DryRunEstimate] = []
        for index in 0..<2 {
            if let runner = sides.runners[index] {
                estimates.append(try await runner.dryRun(resuming: sides.resuming[index]))
            } else if let info = sides.infos[index] {
                estimates.append(.reused(info, model: ""))
            }
        }
        try context.emit(
            DryRunEstimate.report(
                estimates, labels: ["baseline", "candidate"], json: format == "json"))
        return .ok
    }

    /// Resolves, runs or reuses both sides, and pairs them. Shared with `gate`.
    static func compare(_ context: CommandContext) async throws -> Comparison {
        // Ctrl-C from here on interrupts the runs (even before they start): never a kill
        // that leaves no word, and never a comparison that looks whole.
        Interrupt.install()
        let args = context.arguments
        let sides = try await prepare(context)
        let store = sides.store
        let project = sides.project
        let runners = sides.runners
        let resuming = sides.resuming
        var infos = sides.infos
        let notes = sides.notes
        let concurrency = try args.int("--concurrency") ?? project.config?.defaults.concurrency ?? 8
        let budget = ConcurrencyBudget(concurrency)
        let costBudget = try RunCommand.maxCost(args).map(CostBudget.init(limitUSD:))
        // Both sides run at once, sharing one concurrency budget (and one --max-cost).
        let toRun = runners.enumerated().compactMap { i, r in r.map { (i, $0, resuming[i]) } }
        let total = toRun.reduce(0) { $0 + $1.1.scope.count }
        let progress = CombinedProgress(line: ProgressLine(console: context.console, total: total))
        let finished = try await Interrupt.cancelOnSIGINT {
            try await withThrowingTaskGroup(of: (Int, RunInfo).self) { group in
                for (index, runner, previous) in toRun {
                    group.addTask {
                        (
                            index,
                            try await runner.run(
                                resuming: previous, budget: budget, costBudget: costBudget
                            ) {
                                progress.update(side: index, $0)
                            }
                        )
                    }
                }
                var out: [(Int, RunInfo)] = []
                for try await item in group { out.append(item) }
                return out
            }
        }
        progress.line.finish()
        for (index, info) in finished { infos[index] = info }
        guard let baseInfo = infos[0], let candidateInfo = infos[1] else {
            throw PromptGateError.infrastructure("a side of the comparison did not run")
        }
        let base = RunReport(info: baseInfo, results: try await store.results(runID: baseInfo.id))
        let candidate = RunReport(
            info: candidateInfo, results: try await store.results(runID: candidateInfo.id))
        // Each side is measured against the suites as they are now, whatever run it came from.
        let expected = [baseInfo, candidateInfo].map {
            ExpectedSlots.of(
                project: project, promptID: $0.promptID, suiteFilter: args.all("--suite"),
                repeatCount: $0.repeatCount)
        }
        var comparison = Comparer.compare(
            base: base, candidate: candidate, alpha: project.config?.gate?.alpha ?? 0.05,
            expected: (expected[0], expected[1]))
        comparison.notes = notes
        if let line = comparison.coverage.verdictLine {
            context.console.err("\(line)\n")
        }
        // Both sides usually share the provider: say once that it is down.
        var reasons: [String] = []
        for info in finished.map(\.1) {
            if let reason = info.summary?.stopReason, !reasons.contains(reason) {
                reasons.append(reason)
                context.console.err("error: \(reason); finish with 'compare --resume'\n")
            }
        }
        if let costBudget, costBudget.isExhausted {
            context.console.err(
                "budget exceeded: spent \(CostText.usd(costBudget.spentUSD)) of --max-cost \(CostText.usd(costBudget.limitUSD)); finish with 'compare --resume'\n"
            )
        }
        return comparison
    }

    /// Resolves both sides: a stored run to reuse, or a runner (resuming an unfinished run
    /// with `--resume`).
    static func prepare(_ context: CommandContext) async throws -> Sides {
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
        let project = try Validation.loadForRun(
            root: root, commandEnvironment: mode == .offline ? nil : context.environment)
        context.protectSecrets(of: project)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let concurrency = try args.int("--concurrency") ?? project.config?.defaults.concurrency ?? 8
        let repeatCount = try args.int("--repeat")
        let sides = try args.positionals.map { ref throws(PromptGateError) in
            try CompareSide.resolve(ref, project: project)
        }
        var out = Sides(store: store, project: project)
        for (index, side) in sides.enumerated() {
            switch side {
            case .run(let id):
                guard let info = try await store.run(id) else {
                    throw PromptGateError.usage(
                        "run:\(id): no such run in the store", hint: "see 'promptgate history'")
                }
                out.infos[index] = info
            case .version(let id, let version):
                let provider =
                    index == 1
                    ? (args.value("--candidate-provider") ?? args.value("--provider"))
                    : args.value("--provider")
                let plan = try RunPlan.make(
                    project: project, promptRef: "\(id)@\(version)",
                    suiteNames: args.all("--suite"),
                    providerOverride: provider, repeatCount: repeatCount)
                let runner = Runner(
                    plan: plan,
                    options: RunOptions(
                        mode: mode, concurrency: concurrency, environment: context.environment,
                        useCache: !args.has("--no-cache")),
                    store: store)
                // What the side would store (reads and hashes the recordings once).
                let planned = try runner.plannedInfo()
                if mode != .record, !args.has("--fresh"),
                    let reused = try await store.reusableRun(like: planned)
                {
                    out.infos[index] = reused
                    out.notes.append(
                        "reused run \(reused.id) for \(reused.promptRef) (same prompt, suites, provider\(mode == .offline ? " and recordings" : "")); --fresh runs it again"
                    )
                } else {
                    out.runners[index] = runner
                    if args.has("--resume"),
                        let unfinished = try await store.reusableRun(
                            like: planned, unfinished: true)
                    {
                        out.resuming[index] = unfinished
                        out.notes.append("resumed run \(unfinished.id) for \(unfinished.promptRef)")
                    }
                }
            }
        }
        return out
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
