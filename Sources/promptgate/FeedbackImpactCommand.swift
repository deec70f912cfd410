import Basics
import Feedback
import Foundation
import Store

/// `promptgate feedback impact`: outcomes and time to outcome per prompt version.
enum FeedbackImpactCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "impact",
        abstract: "Resolution, escalation and time to outcome per version, against a control.",
        options: [
            OptionSpec(
                "--control", value: "V",
                help: "abtest, impact: the control version (default: the lowest)."),
            FeedbackCommand.formatOption("text|json"),
            FeedbackCommand.outputOption,
        ],
        run: run)

    static let discussion = """
        IMPACT reads the imported outcomes: per version, the resolution and escalation rates
        (outcome values starting 'resol' / 'escalat', over sessions with an outcome), the
        median and 90th percentile time to outcome, and the time saved per session against
        --control: the control's mean time minus the version's, with a 95% interval.
        """

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice("--format", among: ["text", "json"], default: "text")
        try FeedbackCommand.noPositionals(args, "impact")
        let root = try context.projectRoot()
        let storePath = RunStore.defaultPath(root: root)
        let outcomes = try await OffPool.run { () throws -> [OutcomeRecord] in
            try FeedbackStore(path: storePath).outcomes()
        }
        let report = try ImpactReport.compute(outcomes, control: args.value("--control"))
        if format == "json" {
            try context.emit(try JSONText.pretty(ImpactReport.json(report)))
        } else {
            try context.emit(ImpactReport.text(report))
        }
        return .ok
    }
}
