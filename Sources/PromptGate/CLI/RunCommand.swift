import Dispatch
import Foundation

/// `promptgate run`: one prompt version on its suites.
enum RunCommand {
    static let definition = CommandDefinition(
        name: "run",
        abstract: "Run a prompt version on its suites and grade the outputs.",
        usage:
            "promptgate run --prompt ID@VERSION [--suite NAME]… [--provider NAME] [--repeat N] [--concurrency N] [--record | --offline] [--format text|json|junit] [--output FILE]",
        options: [
            OptionSpec(
                "--prompt", value: "ID@VERSION",
                help: "The prompt version to run, e.g. support@1.3."),
            OptionSpec(
                "--suite", value: "NAME", repeatable: true,
                help: "Only this suite (repeatable; default: every suite of the prompt)."),
            OptionSpec(
                "--provider", value: "NAME",
                help:
                    "Provider from promptgate.yaml (default: the prompt's, then defaults.provider)."
            ),
            OptionSpec(
                "--repeat", value: "N",
                help: "Run each case N times (default: defaults.repeat or 1)."),
            OptionSpec(
                "--concurrency", value: "N",
                help: "Requests in flight at once (default: defaults.concurrency or 8)."),
            OptionSpec(
                "--record", help: "Write every response to suites/recordings/<suite>.jsonl."),
            OptionSpec("--offline", help: "Answer only from suites/recordings/; call no model."),
            OptionSpec("--no-cache", help: "Neither read nor write the response cache."),
            OptionSpec(
                "--resume", value: "RUN_ID",
                help: "Finish an interrupted or killed run: only its missing cases are sent."),
            OptionSpec(
                "--format", value: "text|json|junit", help: "Report format (default: text)."),
            OptionSpec(
                "--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
        ],
        discussion: """
            Results stream into .promptgate/promptgate.db as they complete; Ctrl-C stops the run \
            and keeps what finished (status interrupted). Exit 0 when every case passed, 1 when \
            some failed, 2 on a usage or configuration error, 3 when errors left results incomplete.
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        if let raw = args.value("--resume") { return try await resume(raw, context: context) }
        guard let promptRef = args.value("--prompt") ?? args.positionals.first else {
            throw PromptGateError.usage(
                "run needs --prompt ID@VERSION", hint: "e.g. promptgate run --prompt support@1.3")
        }
        if args.has("--record") && args.has("--offline") {
            throw PromptGateError.usage("--record and --offline exclude each other; choose one")
        }
        let format = try args.choice("--format", among: ["text", "json", "junit"], default: "text")
        let repeatCount = try args.int("--repeat")
        let root = try context.projectRoot()
        let project = try Validation.loadForRun(root: root)
        let plan = try RunPlan.make(
            project: project, promptRef: promptRef, suiteNames: args.all("--suite"),
            providerOverride: args.value("--provider"), repeatCount: repeatCount)
        let concurrency =
            try args.int("--concurrency") ?? project.config?.defaults.concurrency ?? 8
        let mode: RunMode =
            args.has("--offline") ? .offline : args.has("--record") ? .record : .live
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let runner = Runner(
            plan: plan,
            options: RunOptions(
                mode: mode, concurrency: concurrency, environment: context.environment,
                useCache: !args.has("--no-cache")),
            store: store)
        let progress = ProgressLine(console: context.console, total: plan.items.count)
        let info = try await Interrupt.cancelOnSIGINT {
            try await runner.run(progress: { progress.update($0) })
        }
        progress.finish()
        var report = RunReport(
            info: info,
            results: try await store.results(runID: info.id, failingOnly: format == "text"))
        report.metrics = try await store.metricMeans(runID: info.id)
        try Self.emit(report, format: format, context: context)
        if info.status == .interrupted {
            context.console.err(
                "interrupted: \(report.summary.total) of \(plan.items.count) cases finished; kept as run \(info.id)\n"
            )
        }
        return report.exitStatus
    }

    static func resume(_ raw: String, context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard let runID = Int64(raw.hasPrefix("run:") ? String(raw.dropFirst(4)) : raw) else {
            throw PromptGateError.usage(
                "--resume takes a run id (see 'promptgate history'), got '\(raw)'")
        }
        let format = try args.choice("--format", among: ["text", "json", "junit"], default: "text")
        let root = try context.projectRoot()
        let project = try Validation.loadForRun(root: root)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let (runner, previous) = try await RunResume.prepare(
            runID: runID, project: project, store: store,
            concurrency: try args.int("--concurrency") ?? project.config?.defaults.concurrency ?? 8,
            environment: context.environment, useCache: !args.has("--no-cache"))
        var info = previous
        if previous.status != .completed {
            let progress = ProgressLine(console: context.console, total: runner.plan.items.count)
            info = try await Interrupt.cancelOnSIGINT {
                try await runner.run(resuming: previous, progress: { progress.update($0) })
            }
            progress.finish()
        } else {
            context.console.err("run \(runID) is already complete; nothing to resume\n")
        }
        var report = RunReport(
            info: info,
            results: try await store.results(runID: info.id, failingOnly: format == "text"))
        report.metrics = try await store.metricMeans(runID: info.id)
        try emit(report, format: format, context: context)
        return report.exitStatus
    }

    static func emit(_ report: RunReport, format: String, context: CommandContext) throws {
        switch format {
        case "json": try context.emit(report.json())
        case "junit": try context.emit(report.junit())
        default: try context.emit(report.text(style: context.console.style))
        }
    }
}

/// Runs work that Ctrl-C cancels: the first SIGINT cancels it (it then stops cleanly and
/// keeps what finished); the handler is removed afterwards.
enum Interrupt {
    static func cancelOnSIGINT<T: Sendable>(_ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        let task = Task { try await body() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }
}

/// A one-line progress bar on stderr, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let console: Console
    private let total: Int
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(console: Console, total: Int) {
        self.console = console
        self.total = total
    }

    func update(_ s: RunSummary) {
        guard console.stderrIsTTY else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.08 || s.total == total else { return }
        lastDraw = now
        drawn = true
        let width = 30
        let filled = total == 0 ? width : width * s.total / total
        let bar =
            String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        console.err(
            "\r\(bar) \(s.total)/\(total) · \(s.passed) passed · \(s.failed) failed · \(s.errors) errors\u{1B}[K"
        )
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { console.err("\r\u{1B}[K") }
    }
}
