import Basics
import Foundation
import PromptGateModel
import Store

/// `promptgate history` and `promptgate show`: stored runs.
enum HistoryCommand {
    static let definition = CommandDefinition(
        name: "history",
        abstract: "List stored runs, newest first.",
        options: [
            OptionSpec("--limit", value: "N", help: "At most N runs (default 20)."),
            OptionSpec("--format", value: "text|json", help: "Report format (default: text)."),
            OptionSpec("--output", value: "FILE", help: "Write to FILE instead of stdout."),
        ],
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json"], default: "text")
        let limit = try context.arguments.int("--limit") ?? 20
        let root = try context.projectRoot()
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let runs = try await store.runs(limit: limit)
        // A run still running, or stale (its process gone), has no final summary: count
        // what it stored, and say whose it is or how to finish it.
        var counts: [Int64: RunSummary] = [:]
        var owners: [Int64: RunOwner] = [:]
        for run in runs where run.status == .running || run.status == .stale {
            var s = try await store.countSummary(runID: run.id)
            s.planned = run.summary?.planned ?? 0
            counts[run.id] = s
            owners[run.id] = try await store.owner(run.id)
        }
        if format == "json" {
            let list = runs.map { run -> [String: Any] in
                let s = counts[run.id] ?? run.summary ?? RunSummary()
                var object: [String: Any] = [
                    "run_id": run.id, "started_at": run.startedAt, "prompt": run.promptRef,
                    "suites": run.suiteNames, "provider": run.providerName,
                    "status": run.status.rawValue, "mode": run.mode,
                    "summary": [
                        "total": s.total, "passed": s.passed, "failed": s.failed,
                        "errors": s.errors,
                        "pass_rate": (s.passRate * 10000).rounded() / 10000,
                        "planned": s.planned,
                    ],
                ]
                if let owner = owners[run.id] {
                    object["owner"] = ["pid": owner.pid, "host": owner.host]
                }
                if run.status == .stale || run.status == .completedWithErrors {
                    object["resume"] = "promptgate run --resume \(run.id)"
                }
                return object
            }
            try context.emit(try JSONText.pretty(["runs": list]))
            return .ok
        }
        if runs.isEmpty {
            try context.emit("no runs yet; try 'promptgate run --prompt ID@VERSION'\n")
            return .ok
        }
        var text = ""
        let safe = TerminalText.sanitize
        for run in runs {
            let s = run.summary ?? RunSummary()
            let rate = String(format: "%5.1f%%", s.passRate * 100)
            text += "\(String(run.id).padding(toLength: 5, withPad: " ", startingAt: 0)) "
            text +=
                "\(safe(String(run.startedAt.prefix(19))))  \(safe(run.promptRef).padding(toLength: 14, withPad: " ", startingAt: 0)) "
            // Padded, never cut: completed-with-errors is longer than the column.
            let status = run.status.rawValue
            text += status + String(repeating: " ", count: max(0, 11 - status.count)) + " "
            if let stored = counts[run.id] {
                // No pass rate yet: what is stored of what was planned, and whose it is.
                let planned = stored.planned > 0 ? "/\(stored.planned)" : ""
                text +=
                    "\(stored.total)\(planned) \(pluralWord(max(stored.total, stored.planned), "result"))  "
                if run.status == .stale {
                    text += "(process gone; promptgate run --resume \(run.id))  "
                } else if let owner = owners[run.id] {
                    text += "(process \(owner.pid) on \(safe(owner.host)))  "
                }
            } else {
                text += "\(rate)  \(s.passed)/\(s.total) passed, \(plural(s.errors, "error"))  "
                if run.status == .completedWithErrors, run.regradedFrom == nil {
                    text += "(promptgate run --resume \(run.id))  "
                }
                if let from = run.regradedFrom { text += "(regraded from run \(from))  " }
                if let stop = run.summary?.sequential, run.status == .stoppedEarly {
                    text +=
                        "(sequential: look \(stop.look) of \(stop.looks), \(stop.reason.rawValue))  "
                }
            }
            text +=
                "\(safe(run.suiteNames.joined(separator: ","))) (\(safe(run.providerName)), \(safe(run.mode)))\n"
        }
        try context.emit(text)
        return .ok
    }

    static let show = CommandDefinition(
        name: "show",
        abstract: "Print a stored run as 'run' reported it.",
        arguments: "RUN_ID",
        options: [
            OptionSpec(
                "--format", value: "text|json|junit", help: "Report format (default: text)."),
            OptionSpec("--output", value: "FILE", help: "Write to FILE instead of stdout."),
        ],
        run: runShow)

    static func runShow(_ context: CommandContext) async throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "junit"], default: "text")
        guard let raw = context.arguments.positionals.first else {
            throw PromptGateError.usage("show needs a run id", hint: "see 'promptgate history'")
        }
        guard let id = Int64(raw.hasPrefix("run:") ? String(raw.dropFirst(4)) : raw) else {
            throw PromptGateError.usage(
                "'\(raw)' is not a run id; run ids are numbers (see 'promptgate history')")
        }
        let root = try context.projectRoot()
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        guard let info = try await store.run(id) else {
            throw PromptGateError.usage(
                "no run \(id) in the store", hint: "see 'promptgate history'")
        }
        _ = try await RunCommand.report(info, format: format, store: store, context: context)
        return .ok
    }
}
