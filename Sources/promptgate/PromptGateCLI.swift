import Basics
import Foundation
import PromptGateModel

/// The `promptgate` command line: parses arguments, runs a command, and maps every error
/// to its message and exit status in one place.
enum PromptGateCLI {
    static var commands: [CommandDefinition] {
        [
            InitCommand.definition,
            ValidateCommand.definition, RunCommand.definition, CompareCommand.definition,
            AdoptCommand.definition,
            GateCommand.definition, PromoteCommand.definition, PromoteCommand.rollback,
            PromoteCommand.assign, CacheCommand.definition, HistoryCommand.definition,
            HistoryCommand.show, MergeCommand.definition, RegradeCommand.definition,
            SchemaCommand.definition, GitHubCommand.definition, WatchCommand.definition,
            FeedbackCommand.definition,
        ]
    }

    /// Runs `promptgate ARGS…` and returns the exit status; never exits or crashes on bad input.
    static func main(
        arguments: [String], environment: [String: String], workingDirectory: String,
        console: Console
    ) async -> Int32 {
        do {
            return try await dispatch(
                arguments, environment: environment, workingDirectory: workingDirectory,
                console: console
            ).rawValue
        } catch {
            return report(error, console: console).rawValue
        }
    }

    static func dispatch(
        _ arguments: [String], environment: [String: String], workingDirectory: String,
        console: Console
    ) async throws -> ExitStatus {
        if arguments.contains("--no-color") { console.colorEnabled = false }
        console.protect(.environment(environment))
        // No command is a usage error: the command list goes to stderr, as with other
        // usage errors; `help` and `--help` print it to stdout and succeed.
        guard let first = arguments.first else {
            console.err(overview)
            return .usage
        }
        switch first {
        case "--version", "version":
            console.out("promptgate \(PromptGateVersion.current)\n")
            return .ok
        case "--help", "-h":
            console.out(overview)
            return .ok
        case "help":
            guard arguments.count > 1 else {
                console.out(overview)
                return .ok
            }
            console.out(try command(named: arguments[1]).help)
            return .ok
        default:
            break
        }
        if first.hasPrefix("-") {
            // Global options may come first: `promptgate --root DIR validate`.
            if let index = arguments.firstIndex(where: { name in
                commands.contains { $0.name == name }
            }) {
                var reordered = arguments
                let name = reordered.remove(at: index)
                return try await dispatch(
                    [name] + reordered, environment: environment,
                    workingDirectory: workingDirectory, console: console)
            }
            throw PromptGateError.usage(
                "unknown option '\(first)'", hint: "Run 'promptgate help' for the commands.")
        }
        let definition = try command(named: first)
        let parsed = try ParsedArguments.parse(
            Array(arguments.dropFirst()), options: definition.options, command: definition.name)
        if parsed.has("--help") {
            console.out(definition.help)
            return .ok
        }
        let context = CommandContext(
            console: console, environment: environment, workingDirectory: workingDirectory,
            arguments: parsed)
        return try await definition.run(context)
    }

    static func command(named name: String) throws(PromptGateError) -> CommandDefinition {
        if let found = commands.first(where: { $0.name == name }) { return found }
        let hint = suggestion(for: name, among: commands.map(\.name)).map {
            "did you mean '\($0)'? "
        }
        throw .usage(
            "unknown command '\(name)'",
            hint: "\(hint ?? "")Run 'promptgate help' for the commands.")
    }

    /// The single place that turns an error into what the user sees and an exit status.
    /// Messages may quote untrusted text (arguments, file contents, provider replies), so
    /// they are printed terminal-safe (``TerminalText``).
    @discardableResult
    static func report(_ error: any Error, console: Console) -> ExitStatus {
        let style = console.style
        let safe = TerminalText.sanitize
        let label = style.red(style.bold("error:"))
        switch error {
        case let error as PromptGateError:
            switch error {
            case .configuration(let diagnostics):
                for d in diagnostics.sorted() {
                    console.err(d.rendered(color: console.colorEnabled) + "\n")
                }
                let n = diagnostics.filter { $0.severity == .error }.count
                console.err("\(n) error\(n == 1 ? "" : "s"); nothing was run\n")
            case .refused(let reasons):
                for reason in reasons {
                    console.err("\(style.red(style.bold("refused:"))) \(safe(reason))\n")
                }
            case .usage(let message, let hint):
                console.err("\(label) \(safe(message))\n")
                if let hint { console.err("\(safe(hint))\n") }
            default:
                console.err("\(label) \(safe(error.description))\n")
            }
            return error.exitStatus
        case is CancellationError:
            console.err("\(label) interrupted\n")
            return .infrastructure
        default:
            console.err("\(label) \(safe(String(describing: error)))\n")
            return .infrastructure
        }
    }

    static var overview: String {
        var out = """
            promptgate \(PromptGateVersion.current) — prompt-regression testing: run prompt versions on suites, \
            compare them with real statistics, gate promotion.

            USAGE: promptgate [--root DIR] [--no-color] COMMAND [OPTIONS]

            COMMANDS:

            """
        let width = (commands.map(\.name.count).max() ?? 0) + 3
        for c in commands {
            out +=
                "  \(c.name)\(String(repeating: " ", count: width - c.name.count))\(c.abstract)\n"
        }
        out += """

            Run 'promptgate help COMMAND' or 'promptgate COMMAND --help' for a command's options.
            Exit status: 0 ok, 1 tests failed or gate blocked, 2 usage or configuration error,
            3 provider or infrastructure failure.

            """
        return out
    }
}
