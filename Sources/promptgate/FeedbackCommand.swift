import Basics
import Foundation
import PromptGateModel
import YAMLCoding

/// `promptgate feedback SUBCOMMAND`: production feedback in the local store.
///
/// The command line dispatches on the first word, so `feedback` is one command whose first
/// argument names the subcommand; it accepts the union of the subcommands' options and
/// rejects those the chosen subcommand does not take.
enum FeedbackCommand {
    struct Subcommand: Sendable {
        var name: String
        /// Positional arguments after the name, `SOURCE`; empty for none.
        var arguments: String = ""
        var abstract: String
        var options: [OptionSpec]
        var run: @Sendable (CommandContext) async throws -> ExitStatus

        /// Its line of `feedback`'s USAGE.
        var form: UsageForm {
            UsageForm(arguments.isEmpty ? name : "\(name) \(arguments)", options: options)
        }

        /// `usage: promptgate feedback NAME …`, for the hint of a usage error.
        var usage: String {
            let lines = Usage.lines(
                command: "feedback \(name)", forms: [UsageForm(arguments, options: options)],
                prefix: "usage: ")
            return String(lines.dropLast())
        }
    }

    static var subcommands: [Subcommand] {
        [
            FeedbackImportCommand.subcommand, FeedbackAnalyzeCommand.subcommand,
            FeedbackToSuiteCommand.subcommand, FeedbackExportCommand.subcommand,
            FeedbackABTestCommand.subcommand, FeedbackImpactCommand.subcommand,
            FeedbackServeCommand.subcommand,
        ]
    }

    /// `--format VALUES`, shared by the subcommands (each accepts its own set of values;
    /// `feedback --help` lists it once as `--format FORMAT`).
    static func formatOption(_ values: String, required: Bool = false) -> OptionSpec {
        OptionSpec(
            "--format", value: values, required: required,
            help:
                "import, abtest, impact: text|json; analyze: text|json|markdown; export-finetune: openai-sft|openai-dpo."
        )
    }

    /// `--output`, shared by the subcommands.
    static let outputOption = OptionSpec(
        "--output", value: "FILE",
        help: "Write the report (export-finetune: the JSONL; to-suite: the suite) to FILE.")

    /// Rejects positional arguments for a subcommand that takes none.
    static func noPositionals(_ args: ParsedArguments, _ name: String) throws(PromptGateError) {
        if let extra = args.positionals.first {
            throw .usage(
                "feedback \(name) takes no positional arguments, got '\(extra)'",
                hint: "see 'promptgate feedback --help'")
        }
    }

    static let definition = CommandDefinition(
        name: "feedback",
        abstract:
            "Import production feedback; find failure patterns, build suites, A/B and impact statistics.",
        forms: subcommands.map(\.form),
        discussion: discussion,
        run: run)

    private static var discussion: String {
        var text = "SUBCOMMANDS:\n"
        for sub in subcommands {
            text +=
                "  \(sub.name.padding(toLength: 17, withPad: " ", startingAt: 0))\(sub.abstract)\n"
        }
        return text + "\n"
            + [
                FeedbackImportCommand.discussion, FeedbackAnalyzeCommand.discussion,
                FeedbackToSuiteCommand.discussion, FeedbackABTestCommand.discussion,
                FeedbackImpactCommand.discussion, FeedbackServeCommand.discussion,
            ].joined(separator: "\n\n")
    }

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let names = subcommands.map(\.name)
        guard let name = context.arguments.positionals.first else {
            throw PromptGateError.usage(
                "feedback needs a subcommand: \(names.joined(separator: ", "))",
                hint: "e.g. promptgate feedback import export.jsonl")
        }
        guard let sub = subcommands.first(where: { $0.name == name }) else {
            let hint = suggestion(for: name, among: names).map { "did you mean '\($0)'? " }
            throw PromptGateError.usage(
                "unknown feedback subcommand '\(name)'",
                hint: "\(hint ?? "")Subcommands: \(names.joined(separator: ", ")).")
        }
        let allowed = Set((sub.options + GlobalOptions.all).map(\.name))
        let given = Array(context.arguments.values.keys) + Array(context.arguments.flags)
        for option in given.sorted() where !allowed.contains(option) {
            throw PromptGateError.usage(
                "\(option) does not apply to 'promptgate feedback \(name)'",
                hint: sub.usage)
        }
        // The subcommand reads only what it declares.
        var inner = context
        inner.arguments = context.arguments.narrowed(to: sub.options, command: "feedback \(name)")
        inner.arguments.positionals.removeFirst()
        return try await sub.run(inner)
    }

    /// The `feedback:` section of the project's promptgate.yaml (defaults when absent).
    static func config(root: String) throws(PromptGateError) -> FeedbackConfig {
        let file = try SourceFile.read(relativePath: ProjectRoot.configFileName, root: root)
        do {
            let config = try YAMLDecoder().decode(
                ProjectConfig.self, from: Data(file.bytes), file: file.path)
            return config.feedback ?? FeedbackConfig()
        } catch {
            throw .configuration([Diagnostic(error)])
        }
    }
}
