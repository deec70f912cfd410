import Basics
import Engine
import Foundation
import ProjectValidation
import PromptGateModel
import Store

/// `promptgate watch --prompt ID@VERSION`: runs, then runs again whenever the prompt
/// version, a suite or promptgate.yaml changes, printing which cases started or stopped
/// passing. The cache answers every request that did not change, so a pass sends only the
/// cases an edit touched.
enum WatchCommand {
    static let definition = CommandDefinition(
        name: "watch",
        abstract: "Re-run a prompt's suites whenever a prompt, a suite or promptgate.yaml changes.",
        options: [
            OptionSpec(
                "--prompt", value: "ID@VERSION", required: true, help: "The version to run."),
            OptionSpec(
                "--suite", value: "NAME", repeatable: true,
                help: "Only this suite (repeatable; default: every suite of the prompt)."),
            OptionSpec("--offline", help: "Answer from the recordings only; send nothing."),
        ],
        discussion: """
            Each pass is a run stored like any other; requests whose canonical form did not \
            change are answered by the response cache (or the recordings with --offline), so \
            only the cases an edit changed are sent. After each pass: the counts, then the \
            cases that started passing (+), stopped passing (-), appeared or went away. \
            Changes are seen through inotify (no polling). A file that no longer loads prints \
            its errors and the watch goes on. Ctrl-C exits 0.
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard let promptRef = args.value("--prompt") else {
            throw PromptGateError.usage("watch needs --prompt ID@VERSION")
        }
        let root = try context.projectRoot()
        let id = promptRef.split(separator: "@").first.map(String.init) ?? promptRef
        let yaml: @Sendable (String) -> Bool = { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let config = ProjectRoot.configFileName
        let isConfig: @Sendable (String) -> Bool = { $0 == config }
        let watcher = try FileWatcher(directories: [
            (root, isConfig),
            ((root as NSString).appendingPathComponent("prompts/\(id)"), yaml),
            ((root as NSString).appendingPathComponent("suites"), yaml),
        ])
        Interrupt.install()
        var previous: [String: Bool]?
        var pass = 0
        while !Interrupt.requested {
            pass += 1
            do {
                let (current, errors) = try await Interrupt.cancelOnSIGINT {
                    try await runOnce(promptRef: promptRef, root: root, context: context)
                }
                context.console.out(
                    describe(pass: pass, current, errors: errors, previous: previous))
                previous = current
            } catch is CancellationError {
                break
            } catch {
                PromptGateCLI.report(error, console: context.console)
            }
            context.console.out(
                "watching prompts/\(id), suites/ and promptgate.yaml (Ctrl-C stops)\n")
            let changed = try await Interrupt.cancelOnSIGINT { await watcher.next() }
            if !changed { break }
        }
        context.console.out("stopped watching\n")
        return .ok
    }

    /// One run; its results as `suite/case#repeat` → passed, and the errors of those that
    /// errored (an error is no pass, and says why).
    static func runOnce(promptRef: String, root: String, context: CommandContext) async throws
        -> ([String: Bool], [String: String])
    {
        let args = context.arguments
        let mode: RunMode = args.has("--offline") ? .offline : .live
        let project = try Validation.loadForRun(
            root: root, commandEnvironment: mode == .offline ? nil : context.environment)
        context.protectSecrets(of: project)
        let plan = try RunPlan.make(
            project: project, promptRef: promptRef, suiteNames: args.all("--suite"),
            providerOverride: nil, repeatCount: nil)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let runner = Runner(
            plan: plan,
            options: RunOptions(
                mode: mode, concurrency: project.defaultConcurrency,
                environment: context.environment, useCache: true, shard: nil),
            store: store)
        let info = try await runner.run(resuming: nil, costBudget: nil, progress: { _ in })
        // The provider is down (or the budget ran out): say so, not "0/0 passed".
        if let reason = info.summary?.stopReason {
            throw PromptGateError.infrastructure(
                "\(reason)\nstopped sending; the next change starts a new pass")
        }
        var out: [String: Bool] = [:]
        var errors: [String: String] = [:]
        for r in try await store.results(runID: info.id, failingOnly: false) {
            let key = "\(r.suite)/\(r.caseID)#\(r.repeatIndex)"
            out[key] = r.passed && r.error == nil
            if let error = r.error { errors[key] = error }
        }
        return (out, errors)
    }

    static func describe(
        pass: Int, _ current: [String: Bool], errors: [String: String] = [:],
        previous: [String: Bool]?
    ) -> String {
        let passed = current.values.filter { $0 }.count
        var out = "pass \(pass): \(passed)/\(current.count) passed"
        if !errors.isEmpty { out += ", \(plural(errors.count, "error"))" }
        out += "\n"
        let safe = TerminalText.sanitize
        for key in errors.keys.sorted().prefix(5) {
            let message = TerminalText.capped(errors[key] ?? "", limit: 300)
            out +=
                "  ! \(safe(key)) error: \(safe(message.replacingOccurrences(of: "\n", with: " ")))\n"
        }
        guard let previous else { return out }
        for key in current.keys.sorted() {
            switch (previous[key], current[key]) {
            case (false?, true?): out += "  + \(safe(key)) now passes\n"
            case (true?, false?): out += "  - \(safe(key)) now fails\n"
            case (nil, let now?): out += "  new \(safe(key)) (\(now ? "passes" : "fails"))\n"
            default: break
            }
        }
        for key in previous.keys.sorted() where current[key] == nil {
            out += "  removed \(safe(key))\n"
        }
        return out
    }
}
