import Foundation
import TestKit
import Testing

/// `promptgate feedback export-finetune` on the imported sample export.
@Suite struct FeedbackExportCLITests {
    let project: TempProject

    init() throws {
        project = try TempProject(files: ["promptgate.yaml": FeedbackImportCLITests.config])
    }

    private func lines(_ relative: String) throws -> [[String: Any]] {
        let text = try #require(project.read(relative))
        return try text.split(separator: "\n").map { try E2EProject.json(String($0)) }
    }

    @Test func sftAndDPOFromTheSample() async throws {
        let imported = try await CLIProcess.run(
            ["feedback", "import", FeedbackImportCLITests.data + "/feedback-sample.jsonl"],
            in: project.root)
        #expect(imported.status == 0)

        let sft = try await CLIProcess.run(
            ["feedback", "export-finetune", "--format", "openai-sft", "--output", "sft.jsonl"],
            in: project.root)
        #expect(sft.status == 0, "\(sft.stderr)")
        #expect(sft.stdout.isEmpty, "the summary goes to stderr")
        let examples = try lines("sft.jsonl")
        #expect(!examples.isEmpty)
        #expect(sft.stderr.hasPrefix("wrote \(examples.count) openai-sft examples to sft.jsonl"))
        for example in examples {
            let messages = try #require(example["messages"] as? [[String: String]])
            #expect(messages.map { $0["role"] ?? "" } == ["system", "user", "assistant"])
            #expect((messages.last?["content"]?.count ?? 0) >= 20)
        }

        let dpo = try await CLIProcess.run(
            [
                "feedback", "export-finetune", "--format", "openai-dpo",
                "--min-correction-chars", "40",
            ], in: project.root)
        #expect(dpo.status == 0, "\(dpo.stderr)")
        let pairs = try dpo.stdout.split(separator: "\n").map { try E2EProject.json(String($0)) }
        #expect(!pairs.isEmpty && dpo.stderr.contains("skipped"))
        for pair in pairs {
            let preferred = try #require(pair["preferred_output"] as? [[String: String]])
            let rejected = try #require(pair["non_preferred_output"] as? [[String: String]])
            #expect(
                preferred.first?["role"] == "assistant" && rejected.first?["role"] == "assistant")
            #expect(preferred.first?["content"] != rejected.first?["content"])
            #expect((preferred.first?["content"]?.count ?? 0) >= 40)
            #expect(((pair["input"] as? [String: Any])?["messages"] as? [Any])?.count == 2)
        }
    }

    @Test func trivialCorrectionsAreSkippedAndCounted() async throws {
        try project.write(
            "c.jsonl",
            """
            {"id": 1, "user_input": "q", "response": "r", "correction": "ok thanks"}
            {"id": 2, "user_input": "q2", "response": "r2", "correction": "The answer should explain the refund policy."}

            """)
        _ = try await CLIProcess.run(["feedback", "import", "c.jsonl"], in: project.root)
        let result = try await CLIProcess.run(
            ["feedback", "export-finetune", "--format", "openai-sft", "--output", "out/x.jsonl"],
            in: project.root)
        #expect(result.status == 0, "the directory is created: \(result.stderr)")
        #expect(try lines("out/x.jsonl").count == 1)
        let flat = try await CLIProcess.run(
            ["feedback", "export-finetune", "--format", "openai-sft", "--output", "x.jsonl"],
            in: project.root)
        #expect(flat.status == 0)
        #expect(try lines("x.jsonl").count == 1)
        #expect(
            flat.stderr
                == "wrote 1 openai-sft examples to x.jsonl; skipped 1 (1 with a correction under 20 characters)\n"
        )
        let missing = try await CLIProcess.run(
            ["feedback", "export-finetune", "--output", "x.jsonl"], in: project.root)
        #expect(missing.status == 2 && missing.stderr.contains("needs --format"))
        let bad = try await CLIProcess.run(
            ["feedback", "export-finetune", "--format", "openai-sf"], in: project.root)
        #expect(bad.status == 2 && bad.stderr.contains("did you mean 'openai-sft'?"))
    }
}
