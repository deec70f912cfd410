import Basics
import Feedback
import Foundation
import Store

/// `promptgate feedback to-suite`: a suite from the negative feedback matching a pattern.
enum FeedbackToSuiteCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "to-suite",
        abstract: "Write the negative feedback matching a pattern as a suite.",
        options: [
            OptionSpec(
                "--pattern", value: "EXPR", required: true,
                help: "to-suite: which records, e.g. 'language!=en and has_code'."),
            OptionSpec(
                "--prompt", value: "ID", required: true,
                help: "to-suite: the prompt the suite tests."),
            FeedbackCommand.outputOption.markedRequired(),
            OptionSpec(
                "--limit", value: "N", help: "to-suite: at most N cases, most frequent first (50)."
            ),
        ],
        run: run)

    static let discussion = """
        TO-SUITE selects negative feedback with --pattern: conditions joined by 'and', each
        FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT (contains, any case) or FIELD!~TEXT, or a flag
        (has_code, has_correction, has_comment, non_english; 'not FLAG' negates). Fields:
        language (detected code of the input; unknown inputs match only language=unknown),
        version, model, cluster (number from analyze), comment, input, response, correction,
        type, theme, code (language of a code block, or any), length, signal.
        Examples: language!=en · has_code · version=1.2 and comment~refund · cluster=3.
        One case per distinct input (near-duplicates merged), with vars.user_input, tags from
        the pattern, the source (feedback id, prompt version, bad response, correction) and
        assertions from the evidence: language (language patterns), contains ``` (code in the
        input), not-equals the bad response, llm-rubric from the correction (graded by a judge;
        skipped until one is configured). A record with a session_id gets messages: the
        session's earlier records by created_at, each as a user and an assistant turn (at most
        20), their texts in vars.turn_N and each turn's record in source.history. Re-running appends only cases the file lacks, at
        its end; the rest of the file is kept byte for byte.
        """

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        try FeedbackCommand.noPositionals(args, "to-suite")
        guard let expression = args.value("--pattern") else {
            throw PromptGateError.usage(
                "to-suite needs --pattern EXPR", hint: "e.g. --pattern 'language!=en'")
        }
        guard let prompt = args.value("--prompt"), !prompt.isEmpty else {
            throw PromptGateError.usage("to-suite needs --prompt ID (the prompt the suite tests)")
        }
        guard let output = args.value("--output") else {
            throw PromptGateError.usage(
                "to-suite needs --output suites/NAME.yaml",
                hint: "e.g. --output suites/non-english.yaml")
        }
        guard output.hasSuffix(".yaml") || output.hasSuffix(".yml") else {
            throw PromptGateError.usage("--output must name a .yaml file, got '\(output)'")
        }
        let limit = try args.int("--limit") ?? 50
        let pattern: RecordPattern
        do { pattern = try RecordPattern.parse(expression) } catch {
            throw PromptGateError.usage("--pattern: \(error.message)", hint: error.pointer)
        }
        let root = try context.projectRoot()
        try checkPrompt(prompt, root: root)
        let outcome = try await FeedbackToSuite(
            pattern: pattern, expression: expression, prompt: prompt, limit: limit
        ).write(
            storePath: RunStore.defaultPath(root: root),
            to: context.absolute(output), name: output)
        let selection = outcome.selection
        guard selection.matched > 0 else {
            context.console.out("no negative feedback matches '\(expression)'; nothing written\n")
            return .ok
        }
        var line: String
        if outcome.created {
            line = "wrote \(plural(outcome.added.count, "case")) to \(output)"
        } else if outcome.added.isEmpty {
            line = "\(output) already has all \(selection.caseIDs.count) cases; nothing added"
        } else {
            line = "appended \(outcome.added.count) new cases to \(output)"
            if outcome.alreadyThere > 0 { line += " (\(outcome.alreadyThere) already there)" }
        }
        line +=
            "\n  \(selection.matched) negative records matched, \(selection.distinct) distinct inputs"
        if selection.distinct > selection.caseIDs.count {
            line += "; the \(selection.caseIDs.count) most frequent kept (raise --limit for more)"
        }
        context.console.out(line + "\n")
        return .ok
    }

    /// The prompt must exist, so the suite validates.
    private static func checkPrompt(_ id: String, root: String) throws(PromptGateError) {
        let directory = (root as NSString).appendingPathComponent("prompts")
        var isDirectory: ObjCBool = false
        let promptPath = (directory as NSString).appendingPathComponent(id)
        if FileManager.default.fileExists(atPath: promptPath, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return
        }
        let known = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let hint = suggestion(for: id, among: known).map { "did you mean '\($0)'?" }
        throw .usage(
            "no prompt '\(id)' in prompts/",
            hint: hint ?? "prompts: \(known.sorted().joined(separator: ", "))")
    }
}
