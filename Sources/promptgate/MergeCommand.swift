import Basics
import Engine
import Foundation
import PromptGateModel
import Store

/// `promptgate merge FILE… --into-store`: the shards of one run, combined into one stored run.
enum MergeCommand {
    static let definition = CommandDefinition(
        name: "merge",
        abstract: "Combine the --output-run files of a run's shards into one stored run.",
        arguments: "FILE…",
        options: [
            OptionSpec(
                "--into-store", required: true,
                help: "Store the merged run in .promptgate/promptgate.db."),
            OptionSpec(
                "--format", value: "text|json|junit",
                help: "Report format of the merged run (default: text)."),
            OptionSpec(
                "--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
        ],
        discussion: """
            Each CI job runs 'promptgate run --shard K/N --output-run shard-K.jsonl'; merge checks \
            that the files are shards 1/N to N/N of the same run (same prompt bytes, suites, \
            provider config, repeat count and mode), each given once and finished, and stores \
            them as one completed run that compare and gate use like any other. Exit 2 when a \
            shard is missing, given twice, unfinished or from another run; otherwise the exit \
            status of 'run' for the merged results (0 all passed, 1 some failed, 3 errors).
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice("--format", among: ["text", "json", "junit"], default: "text")
        guard !args.positionals.isEmpty else {
            throw PromptGateError.usage(
                "merge needs the --output-run files of the shards",
                hint: "e.g. promptgate merge shard-1.jsonl shard-2.jsonl shard-3.jsonl --into-store"
            )
        }
        guard args.has("--into-store") else {
            throw PromptGateError.usage(
                "merge writes the combined run into the store: add --into-store")
        }
        var parts: [RunMerge.Part] = []
        for path in args.positionals {
            let (info, results) = try RunFile.read(path: context.absolute(path))
            parts.append(RunMerge.Part(path: path, info: info, results: results))
        }
        let (merged, results) = try RunMerge.merge(parts)
        let root = try context.projectRoot()
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        var info = merged
        info.id = try await store.importRun(merged, results: results)
        let shards = parts.count == 1 ? "1 run file" : "\(parts.count) shards"
        context.console.err(
            "merged \(shards) into run \(info.id) (\(plural(results.count, "result")))\n")
        let report = try await RunCommand.report(
            info, format: format, store: store, context: context)
        return report.exitStatus
    }
}
