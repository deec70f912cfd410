import Basics
import Feedback
import Foundation
import PromptGateModel
import Stats
import Store

/// `promptgate feedback abtest`: is the treatment's rate really different from control's?
enum FeedbackABTestCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "abtest",
        abstract: "A/B statistics on imported outcomes (or given counts), with a verdict.",
        options: [
            OptionSpec(
                "--metric", value: "satisfied|resolved",
                help: "abtest: the success to compare (default satisfied)."),
            OptionSpec(
                "--control", value: "V",
                help: "abtest, impact: the control version (default: the lowest)."),
            OptionSpec(
                "--treatment", value: "V",
                help: "abtest: the treatment version (default: the highest)."),
            OptionSpec(
                "--counts", value: "S/N", repeatable: true,
                help: "abtest: successes/trials of control then treatment, instead of the store."),
            OptionSpec(
                "--split", value: "A/B",
                help: "abtest: the configured traffic split, control/treatment (default 50/50)."),
            FeedbackCommand.formatOption("text|json"),
            FeedbackCommand.outputOption,
        ],
        run: run)

    static let discussion = """
        ABTEST compares control and treatment on --metric satisfied (satisfied is true) or
        resolved (the outcome is a resolution), from the imported outcomes or from
        --counts S/N S/N: each rate with a 95% Wilson interval, the two-proportion z-test,
        Fisher's exact test, the difference with Newcombe's interval, the sessions per
        variant needed for 80% power at the observed effect, and a sample-ratio-mismatch
        check (chi-square against --split, failing below p = 0.001). The verdict is
        significant only when both tests reject at 0.05, each variant has 30 or more
        sessions and the split matches; too-few-samples below 30; else not-significant.
        """

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice("--format", among: ["text", "json"], default: "text")
        let metric =
            ABMetric(
                rawValue: try args.choice(
                    "--metric", among: ["satisfied", "resolved"], default: "satisfied"))
            ?? .satisfied
        let split = try parseSplit(args.value("--split") ?? "50/50")
        let test: ABTest
        let countsGiven = args.all("--counts") + args.positionals
        if !args.all("--counts").isEmpty {
            guard countsGiven.count == 2 else {
                throw PromptGateError.usage(
                    "--counts takes two S/N pairs, control then treatment; got \(countsGiven.count)",
                    hint: "e.g. --counts 293/412 296/389")
            }
            test = ABTest(
                control: try parseCount(countsGiven[0], name: args.value("--control") ?? "control"),
                treatment: try parseCount(
                    countsGiven[1], name: args.value("--treatment") ?? "treatment"),
                split: split)
        } else {
            try FeedbackCommand.noPositionals(args, "abtest")
            let root = try context.projectRoot()
            let storePath = RunStore.defaultPath(root: root)
            let outcomes = try await OffPool.run { () throws -> [OutcomeRecord] in
                try FeedbackStore(path: storePath).outcomes()
            }
            let versions = Set(outcomes.map(\.promptVersion)).sorted(by: VersionOrder.less)
            guard versions.count >= 2 || args.value("--control") != nil else {
                throw PromptGateError.usage(
                    outcomes.isEmpty
                        ? "no outcomes in the store"
                        : "the outcomes have one version (\(versions.joined())); an A/B test needs two",
                    hint:
                        "import them with 'promptgate feedback import FILE --outcomes', or pass --counts S/N S/N"
                )
            }
            let control = args.value("--control") ?? versions.first ?? ""
            let treatment =
                args.value("--treatment") ?? versions.last(where: { $0 != control }) ?? ""
            for version in [control, treatment] where !versions.contains(version) {
                throw PromptGateError.usage(
                    "no outcomes for version '\(version)'",
                    hint: "versions with outcomes: \(versions.joined(separator: ", "))")
            }
            guard control != treatment else {
                throw PromptGateError.usage("control and treatment are both '\(control)'")
            }
            test = ABTest(
                control: metric.variant(control, in: outcomes),
                treatment: metric.variant(treatment, in: outcomes), split: split)
        }
        let result = test.run()
        if format == "json" {
            try context.emit(try JSONText.pretty(ABTest.json(test, result, metric: metric)))
        } else {
            try context.emit(ABTest.text(test, result, metric: metric))
        }
        return .ok
    }

    static func parseCount(_ text: String, name: String) throws(PromptGateError) -> ABTest.Variant {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = Int(parts[0]), let n = Int(parts[1]), s >= 0, n >= 0
        else {
            throw .usage("--counts takes SUCCESSES/TRIALS such as 293/412; got '\(text)'")
        }
        guard s <= n else {
            throw .usage("--counts \(text): successes cannot exceed trials")
        }
        return ABTest.Variant(name: name, successes: s, trials: n)
    }

    static func parseSplit(_ text: String) throws(PromptGateError) -> [Double] {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).map { Double($0) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a > 0, b > 0, a.isFinite,
            b.isFinite
        else {
            throw .usage("--split takes two positive shares such as 50/50 or 10/90; got '\(text)'")
        }
        return [a, b]
    }
}
