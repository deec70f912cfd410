import Basics
import Dispatch
import Engine
import Foundation
import ProjectValidation
import PromptGateModel
import Providers
import Reports
import Store

/// `promptgate run`: one prompt version on its suites.
enum RunCommand {
    static let definition = CommandDefinition(
        name: "run",
        abstract: "Run a prompt version on its suites and grade the outputs.",
        options: [
            OptionSpec(
                "--prompt", value: "ID@VERSION", required: true,
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
                "--record", oneOf: "mode",
                help: "Write every response to suites/recordings/<suite>.jsonl."),
            OptionSpec(
                "--offline", oneOf: "mode",
                help: "Answer only from suites/recordings/; call no model."),
            OptionSpec("--no-cache", help: "Neither read nor write the response cache."),
            OptionSpec(
                "--resume", value: "RUN_ID",
                help:
                    "Finish an interrupted or killed run: only its missing and errored cases are sent."
            ),
            OptionSpec(
                "--keep-errors",
                help: "With --resume: leave errored cases as they are; send only missing ones."),
            OptionSpec(
                "--shard", value: "K/N",
                help: "Run only part K of N (by a hash of suite and case id), for N CI jobs."),
            OptionSpec(
                "--max-cost", value: "USD",
                help: "Stop sending before the run could cost more (needs a price and max_tokens)."
            ),
            OptionSpec(
                "--dry-run",
                help: "Print the requests, cache hits, token estimate and cost bound; send nothing."
            ),
            OptionSpec(
                "--output-run", value: "FILE",
                help: "Also write the run as portable JSONL, for 'promptgate merge'."),
            OptionSpec(
                "--format", value: "text|json|junit", help: "Report format (default: text)."),
            OptionSpec(
                "--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
            OptionSpec("--quiet", help: ProgressLine.quietHelp),
        ],
        discussion: """
            Results stream into .promptgate/promptgate.db as they complete; Ctrl-C stops the run \
            and keeps what finished (status interrupted). Exit 0 when every case passed, 1 when \
            some failed, 2 on a usage or configuration error, 3 when errors left results incomplete.

            Cost uses prices: in promptgate.yaml (USD per million input and output tokens) over \
            built-in list prices of common models (taken 2025-06; config wins); an unknown price \
            is reported as unknown. --dry-run estimates input tokens as rendered characters ÷ 4 \
            and output tokens as max_tokens, and bounds the cost with them. --max-cost stops \
            sending when what was spent, plus the bounds of requests in flight and of the next \
            one, would pass USD: the run ends budget-exceeded (exit 3) with its results kept.

            Retries: each request is retried up to the provider's retries (default 3) on 429, \
            5xx, timeouts, dropped and refused connections, within a retry budget for the whole \
            run (retry_budget; default 10% of the run's requests, at least 10). A case that \
            could not be retried because the budget was spent says "retry budget exhausted". \
            A provider that fails to connect (refused, DNS, TLS) \(ProviderHealth.threshold) \
            times in a row with no response in between is taken as down: the run stops \
            sending, says so once, and ends interrupted (exit 3); the cases it did not finish \
            run with --resume. Cases that failed with the same error are one line in the text \
            report, with a count. An error is no evidence: a run that finished with errors is \
            completed-with-errors, and --resume sends its errored cases again (--keep-errors \
            leaves them), replacing each error in the same run.

            \(ProgressLine.discussion)
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
        let repeatCount = try args.int("--repeat")
        let root = try context.projectRoot()
        let mode: RunMode =
            args.has("--offline") ? .offline : args.has("--record") ? .record : .live
        // Offline, recordings answer: an exec provider's program need not be installed.
        let project = try Validation.loadForRun(
            root: root, commandEnvironment: mode == .offline ? nil : context.environment,
            renderSelection: .versions([promptRef]))
        context.protectSecrets(of: project)
        let plan = try RunPlan.make(
            project: project, promptRef: promptRef, suiteNames: args.all("--suite"),
            providerOverride: args.value("--provider"), repeatCount: repeatCount)
        let concurrency =
            try args.int("--concurrency") ?? project.defaultConcurrency
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let runner = Runner(
            plan: plan,
            options: RunOptions(
                mode: mode, concurrency: concurrency, environment: context.environment,
                useCache: !args.has("--no-cache"),
                shard: try args.value("--shard").map(RunShard.parse)),
            store: store)
        return try await execute(runner, resuming: nil, store: store, context: context)
    }

    /// Runs (or, with `--dry-run`, estimates) and reports; shared by a new run and `--resume`.
    static func execute(
        _ runner: Runner, resuming previous: RunInfo?, store: RunStore, context: CommandContext
    ) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice("--format", among: ["text", "json", "junit"], default: "text")
        if args.has("--dry-run") {
            let estimate = try await runner.dryRun(resuming: previous)
            try context.emit(DryRunEstimate.report([estimate], labels: [], json: format == "json"))
            return .ok
        }
        let costBudget = try maxCost(args).map(CostBudget.init(limitUSD:))
        // Listed once: the JSON stream and the runner share it.
        let scope = runner.scope
        let progress = ProgressLine(
            console: context.console, total: scope.count, quiet: args.has("--quiet"),
            environment: context.environment)
        // A new run's JSON report is written as its results are stored (a resumed one's
        // results are partly older than this process: it is written from the store).
        let stream =
            format == "json" && previous == nil
            ? try RunJSONStream(
                output: ReportOutput(context: context, spooled: true), order: scope)
            : nil
        let info: RunInfo
        do {
            info = try await Interrupt.cancelOnSIGINT {
                try await runner.run(
                    scope: scope, resuming: previous, costBudget: costBudget,
                    progress: { progress.update($0) }, stored: { stream?.stored($0) })
            }
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        let report = try await Self.report(
            info, format: format, store: store, context: context,
            runFile: args.value("--output-run"), stream: stream)
        let s = report.summary
        switch info.status {
        case .interrupted:
            if let reason = s.stopReason {
                context.console.err(
                    "error: \(reason)\nstopped sending: \(s.total) of \(plural(s.planned, "case")) finished; kept as run \(info.id) (finish it with 'promptgate run --resume \(info.id)')\n"
                )
            } else {
                context.console.err(
                    "interrupted: \(s.total) of \(plural(s.planned, "case")) finished; kept as run \(info.id)\n"
                )
            }
        case .budgetExceeded:
            let limit = costBudget.map { CostText.usd($0.limitUSD) } ?? "?"
            let spent = costBudget.map { CostText.usd($0.spentUSD) } ?? "?"
            context.console.err(
                "budget exceeded: spent \(spent) of --max-cost \(limit); \(s.planned - s.total) of \(plural(s.planned, "case")) did not run; kept as run \(info.id) (finish it with 'promptgate run --resume \(info.id)')\n"
            )
        default:
            break
        }
        return report.exitStatus
    }

    /// `--max-cost USD`: a positive amount.
    static func maxCost(_ args: ParsedArguments) throws(PromptGateError) -> Double? {
        guard let raw = args.value("--max-cost") else { return nil }
        let text = raw.hasPrefix("$") ? String(raw.dropFirst()) : raw
        guard let amount = Double(text), amount > 0, amount.isFinite else {
            throw .usage(
                "--max-cost takes an amount in USD, e.g. --max-cost 5 or 0.50; got '\(raw)'")
        }
        return amount
    }

    static func resume(_ raw: String, context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard let runID = Int64(raw.hasPrefix("run:") ? String(raw.dropFirst(4)) : raw) else {
            throw PromptGateError.usage(
                "--resume takes a run id (see 'promptgate history'), got '\(raw)'")
        }
        let format = try args.choice("--format", among: ["text", "json", "junit"], default: "text")
        let root = try context.projectRoot()
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let stored = try await store.run(runID)
        // A resumed run keeps its prompt: another one named here is a mistake, not a switch.
        if let stored, let named = args.value("--prompt") ?? args.positionals.first,
            named != stored.promptRef
        {
            throw PromptGateError.usage(
                "run \(runID) is of \(stored.promptRef), not \(named); drop --prompt or pass --prompt \(stored.promptRef)"
            )
        }
        let offline = stored?.mode == RunMode.offline.rawValue
        let project = try Validation.loadForRun(
            root: root, commandEnvironment: offline ? nil : context.environment)
        context.protectSecrets(of: project)
        let (runner, previous) = try await RunResume.prepare(
            runID: runID, project: project, store: store,
            concurrency: try args.int("--concurrency") ?? project.defaultConcurrency,
            environment: context.environment, useCache: !args.has("--no-cache"),
            keepErrors: args.has("--keep-errors"))
        // An error is a hole: a complete run with errors is resumed too, unless --keep-errors.
        let holes = args.has("--keep-errors") ? 0 : (previous.summary?.errors ?? 0)
        if !previous.status.isComplete || holes > 0 {
            return try await execute(runner, resuming: previous, store: store, context: context)
        }
        context.console.err("run \(runID) is already complete; nothing to resume\n")
        let report = try await Self.report(
            previous, format: format, store: store, context: context,
            runFile: args.value("--output-run"))
        return report.exitStatus
    }

    /// Writes a stored run's report (and `--output-run`) from the store. JSON, JUnit and the
    /// run file are written a page of results at a time, so their size costs no memory; the
    /// text report holds only the failing cases it lists. Returns the report without its
    /// results (for the summary and the exit status).
    /// With `stream`, the JSON report's cases written so far are not read again.
    static func report(
        _ info: RunInfo, format: String, store: RunStore, context: CommandContext,
        runFile: String? = nil, stream: RunJSONStream? = nil
    ) async throws -> RunReport {
        var report = RunReport(info: info, results: [])
        report.metrics = try await store.metricMeans(runID: info.id)
        if info.status == .running || info.status == .stale {
            // Killed before it stored its summary: counted from what it stored.
            var counted = try await store.countSummary(runID: info.id)
            counted.planned = info.summary?.planned ?? counted.total
            counted.wallSeconds = info.summary?.wallSeconds ?? 0
            counted.shard = info.summary?.shard
            report.counted = counted
        }
        if let path = runFile {
            let output = try ReportOutput(
                console: context.console, path: context.absolute(path), shown: path)
            try output.write(RunFile.headerLine(info: info))
            try await store.forEachResult(runID: info.id) { try output.write(RunFile.line($0)) }
            try output.finish()
        }
        switch format {
        case "json":
            let writer = RunJSONReport(info: info, summary: report.summary)
            if let stream {
                try await stream.finish(writer, metrics: report.metrics ?? [], store: store)
                break
            }
            let output = try ReportOutput(context: context)
            try output.write(RunJSONReport.head)
            var first = true
            try await store.forEachResult(runID: info.id) { result in
                try RunJSONReport.writeItem(result, first: first) { try output.write($0) }
                first = false
            }
            try output.write(writer.tail(metrics: report.metrics ?? []))
            try output.finish()
        case "junit":
            let output = try ReportOutput(context: context)
            var writer = RunJUnitReport(
                info: info, summary: report.summary,
                suites: try await store.suiteCounts(runID: info.id))
            try output.write(writer.head)
            try await store.forEachResult(runID: info.id) { try output.write(writer.item($0)) }
            try output.write(writer.tail)
            try output.finish()
        default:
            var shown = report
            shown.results = try await store.results(runID: info.id, failingOnly: true)
            try context.emit(shown.text(style: context.console.style))
        }
        return report
    }
}

/// Runs work that Ctrl-C cancels: the first SIGINT cancels it (it then stops cleanly and
/// keeps what finished); the handler is removed afterwards.
/// Ctrl-C during `run`, `compare` and `gate`: from the moment a command installs it, SIGINT
/// no longer kills the process; it cancels the work under way (or the work about to start),
/// so the run is stored as interrupted and a gate decides on what it has: blocked.
enum Interrupt {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var requested = false
        var cancel: (@Sendable () -> Void)?
        var source: (any DispatchSourceSignal)?
    }
    private static let state = State()

    /// Takes over SIGINT for the rest of the process (idempotent).
    static func install() {
        state.lock.withLock {
            guard state.source == nil else { return }
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler {
                let cancel = state.lock.withLock { () -> (@Sendable () -> Void)? in
                    state.requested = true
                    return state.cancel
                }
                cancel?()
            }
            source.resume()
            state.source = source
        }
    }

    /// Whether Ctrl-C was pressed since `install()`.
    static var requested: Bool { state.lock.withLock { state.requested } }

    /// Runs `body`, cancelling it on SIGINT (at once when SIGINT came before it started).
    static func cancelOnSIGINT<T: Sendable>(_ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        install()
        let task = Task { try await body() }
        let early = state.lock.withLock { () -> Bool in
            state.cancel = { task.cancel() }
            return state.requested
        }
        if early { task.cancel() }
        defer { state.lock.withLock { state.cancel = nil } }
        return try await task.value
    }
}

/// Progress on stderr. On a terminal, a one-line bar redrawn as results arrive. On anything
/// else (a pipe, a file, CI), a plain line every ``interval`` seconds — cases done of total,
/// rate, ETA — so a long run is not silent. `--quiet` turns both off. stdout and `--output`
/// never see it.
final class ProgressLine: @unchecked Sendable {
    static let quietHelp = "Print no progress on stderr (the report is unchanged)."
    static let discussion = """
        Progress goes to stderr: a bar on a terminal; otherwise (a pipe, a file, CI) a line \
        every 10 seconds with the cases done of the total, the rate and an ETA \
        (PROMPTGATE_PROGRESS_INTERVAL=SECONDS changes the interval). --quiet prints none. \
        stdout and --output hold only the report.
        """

    /// `PROMPTGATE_PROGRESS_INTERVAL`: seconds between plain lines (default 10).
    static let intervalVariable = "PROMPTGATE_PROGRESS_INTERVAL"
    static let defaultInterval: Double = 10

    private let console: Console
    private let total: Int
    private let quiet: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let started = Date()
    private var latest = RunSummary()
    private var timer: DispatchSourceTimer?

    init(console: Console, total: Int, quiet: Bool = false, environment: [String: String] = [:]) {
        self.console = console
        self.total = total
        self.quiet = quiet
        guard !quiet, !console.stderrIsTTY, total > 0 else { return }
        let interval = Self.interval(environment)
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.printPlainLine() }
        self.timer = timer
        timer.resume()
    }

    /// The interval from the environment: a positive number of seconds, else the default.
    static func interval(_ environment: [String: String]) -> Double {
        guard let raw = environment[intervalVariable], let seconds = Double(raw),
            seconds.isFinite, seconds > 0
        else { return defaultInterval }
        return max(0.1, seconds)
    }

    func update(_ s: RunSummary) {
        lock.lock()
        defer { lock.unlock() }
        latest = s
        guard console.stderrIsTTY, !quiet else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.08 || s.total == total else { return }
        lastDraw = now
        drawn = true
        let width = 30
        let filled = total == 0 ? width : width * min(s.total, total) / total
        let bar =
            String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        console.err(
            "\r\(bar) \(s.total)/\(total) · \(s.passed) passed · \(s.failed) failed · \(plural(s.errors, "error"))\u{1B}[K"
        )
    }

    /// `progress: 12 of 40 cases done · 0.8 cases/s · ETA 35s · 1 failed`.
    private func printPlainLine() {
        lock.lock()
        defer { lock.unlock() }
        guard timer != nil else { return }
        console.err(
            Self.plainLine(latest, total: total, elapsed: Date().timeIntervalSince(started)))
    }

    static func plainLine(_ s: RunSummary, total: Int, elapsed: Double) -> String {
        let done = min(s.total, total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta: String
        if done >= total {
            eta = "ETA 0s"
        } else if rate > 0 {
            eta = "ETA \(duration(Double(total - done) / rate))"
        } else {
            eta = "ETA unknown"
        }
        var line = "progress: \(done) of \(plural(total, "case")) done"
        line += " · " + String(format: "%.1f", rate) + " cases/s · \(eta)"
        if s.failed > 0 { line += " · \(s.failed) failed" }
        if s.errors > 0 { line += " · \(plural(s.errors, "error"))" }
        return line + "\n"
    }

    /// `35s`, `4m 05s`, `1h 02m`.
    static func duration(_ seconds: Double) -> String {
        let t = Int(seconds.rounded(.up))
        if t < 60 { return "\(t)s" }
        if t < 3600 { return "\(t / 60)m " + String(format: "%02ds", t % 60) }
        return "\(t / 3600)h " + String(format: "%02dm", (t % 3600) / 60)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        if drawn { console.err("\r\u{1B}[K") }
    }
}
