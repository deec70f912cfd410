import Basics
import Feedback
import Foundation
import Store

/// `promptgate feedback analyze`: failure patterns in the stored negative feedback.
enum FeedbackAnalyzeCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "analyze",
        abstract: "Group negative feedback into patterns: share of failures and lift.",
        options: [
            OptionSpec(
                "--since", value: "DATE",
                help: "analyze: only feedback given on or after DATE (2026-10-01 or ISO 8601)."),
            OptionSpec(
                "--version", value: "V", help: "analyze: only feedback on prompt version V."),
            FeedbackCommand.formatOption("text|json|markdown"),
            FeedbackCommand.outputOption,
        ],
        run: run)

    static let discussion = """
        ANALYZE groups the negative feedback by prompt version, model, language of the user
        input (non-English as one pattern and per language), code in the input, input length,
        feedback type, comment themes, and clusters of similar inputs (TF-IDF, cosine,
        average linkage; labelled by their top terms). For each: the count, the share of all
        negatives, and the lift, the share among negatives over the share among positives
        (a trait no positive has counts half a positive record). Traits with lift > 1 and
        Fisher's exact p < 0.05 come first, by share; the rest show how negatives spread.
        Cluster numbers come from all stored negatives, so they do not change with --since or
        --version, and `to-suite --pattern cluster=N` selects the same cluster.
        """

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice(
            "--format", among: ["text", "json", "markdown"], default: "text")
        try FeedbackCommand.noPositionals(args, "analyze")
        var selection = FeedbackSelection(version: args.value("--version"))
        if let since = args.value("--since") {
            guard let time = FeedbackTime.parse(since) else {
                throw PromptGateError.usage(
                    "--since takes a date such as 2026-10-01 or 2026-10-01T08:00:00Z; got '\(since)'"
                )
            }
            selection.since = time
        }
        let root = try context.projectRoot()
        let config = try FeedbackCommand.config(root: root)
        let storePath = RunStore.defaultPath(root: root)
        let analyzer = FeedbackAnalyzer(policy: config.negative, selection: selection)
        let analysis = try await OffPool.run { () throws -> FeedbackAnalysis in
            try analyzer.analyze(try FeedbackStore(path: storePath))
        }
        switch format {
        case "json": try context.emit(try JSONText.pretty(analysis.jsonObject))
        case "markdown": try context.emit(analysis.markdown)
        default: try context.emit(analysis.text)
        }
        return .ok
    }
}
