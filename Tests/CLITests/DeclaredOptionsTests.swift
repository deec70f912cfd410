import Testing

@testable import promptgate

/// A command reads only the options it declares.
@Suite struct DeclaredOptionsTests {
    @Test func argumentsKnowWhatWasDeclared() throws {
        let compare = try ParsedArguments.parse(
            ["a", "b", "--dry-run"], options: CompareCommand.definition.options, command: "compare")
        #expect(compare.declares("--dry-run") && compare.has("--dry-run"))
        #expect(compare.declares("--root") && compare.declares("--help"))
        #expect(!compare.declares("--shard"))
        // gate shares compare's options, not --dry-run (which compare alone reads).
        let gate = try ParsedArguments.parse(
            ["a", "b"], options: GateCommand.definition.options, command: "gate")
        #expect(!gate.declares("--dry-run") && gate.declares("--max-cost"))
    }

    @Test func commandsDeclareWhatTheirSharedCodeReads() {
        let compare = Set(CompareCommand.definition.options.map(\.name))
        let gate = Set(GateCommand.definition.options.map(\.name))
        let run = Set(RunCommand.definition.options.map(\.name))
        // CompareCommand.prepare, RunCommand.maxCost and CommandContext.emit.
        let prepared = [
            "--suite", "--provider", "--candidate-provider", "--repeat", "--concurrency",
            "--record", "--offline", "--no-cache", "--fresh", "--resume", "--max-cost", "--format",
            "--output",
        ]
        #expect(Set(prepared).isSubset(of: compare) && Set(prepared).isSubset(of: gate))
        #expect(compare.subtracting(gate) == ["--dry-run"])
        #expect(run.isSuperset(of: ["--max-cost", "--dry-run", "--output-run", "--output"]))
    }

    @Test func aFeedbackSubcommandSeesOnlyItsOwnOptions() throws {
        let parsed = try ParsedArguments.parse(
            ["analyze", "--since", "2026-01-01"], options: FeedbackCommand.definition.options,
            command: "feedback")
        #expect(parsed.declares("--min-correction-chars"))
        let analyze = try #require(FeedbackCommand.subcommands.first { $0.name == "analyze" })
        let inner = parsed.narrowed(to: analyze.options, command: "feedback analyze")
        #expect(!inner.declares("--min-correction-chars") && inner.declares("--root"))
        #expect(inner.value("--since") == "2026-01-01")
        #expect(inner.positionals == ["analyze"])
    }

    @Test func readingAnUndeclaredOptionStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let parsed = try ParsedArguments.parse(
                ["--dry-run"], options: RunCommand.definition.options, command: "run")
            _ = parsed.value("--candidate-provider")
        }
        await #expect(processExitsWith: .failure) {
            let parsed = try ParsedArguments.parse(
                [], options: GateCommand.definition.options, command: "gate")
            _ = parsed.has("--dry-run")
        }
    }
}
