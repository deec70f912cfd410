import Foundation
import TestKit
import Testing

/// `promptgate feedback to-suite` through the binary: the suite validates, re-running adds
/// nothing and keeps hand edits.
@Suite struct FeedbackToSuiteCLITests {
    let project: TempProject

    init() throws {
        project = try TempProject(files: [
            // The suites written have llm-rubric assertions: validate wants their judge.
            "promptgate.yaml": FeedbackImportCLITests.config + "judge: { provider: p }\n",
            "prompts/support/v1.0.yaml": """
            id: support
            version: "1.0"
            messages:
              - role: user
                content: "{{ user_input }}"

            """,
        ])
    }

    private func run(_ args: [String]) async throws -> CLIProcess.Result {
        try await CLIProcess.run(args, in: project.root, timeout: 120)
    }

    @Test func nonEnglishSuiteValidatesAndReRunsKeepEdits() async throws {
        let imported = try await run([
            "feedback", "import", FeedbackImportCLITests.data + "/feedback-sample.jsonl",
        ])
        #expect(imported.status == 0)
        let args = [
            "feedback", "to-suite", "--pattern", "language!=en", "--prompt", "support",
            "--output", "suites/non-english.yaml", "--limit", "6",
        ]
        let first = try await run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote 6 cases to suites/non-english.yaml"))
        let text = try #require(project.read("suites/non-english.yaml"))
        #expect(text.contains("type: language") && text.contains("type: not-equals"))
        #expect(text.contains("type: llm-rubric") && text.contains("feedback_id:"))
        let validate = try await run(["validate"])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")

        let edited = text.replacingOccurrences(
            of: "suite: non-english\n", with: "suite: non-english  # reviewed\n")
        try project.write("suites/non-english.yaml", edited)
        let again = try await run(args)
        #expect(again.status == 0 && again.stdout.contains("nothing added"), "\(again.stdout)")
        #expect(project.read("suites/non-english.yaml") == edited)

        let more = try await run(Array(args.dropLast()) + ["9"])
        #expect(more.stdout.hasPrefix("appended 3 new cases"), "\(more.stdout)")
        #expect(project.read("suites/non-english.yaml")?.hasPrefix(edited) == true)
        let revalidate = try await run(["validate"])
        #expect(revalidate.status == 0, "\(revalidate.stdout)\(revalidate.stderr)")

        let code = try await run([
            "feedback", "to-suite", "--pattern", "has_code", "--prompt", "support", "--output",
            "suites/code.yaml",
        ])
        #expect(code.status == 0)
        #expect(project.read("suites/code.yaml")?.contains("value: '```'") == true)
        #expect((try await run(["validate"])).status == 0)
    }

    @Test func usageErrors() async throws {
        let bad = try await run([
            "feedback", "to-suite", "--pattern", "language!=en or has_code", "--prompt", "support",
            "--output", "suites/x.yaml",
        ])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("expected 'and'") && bad.stderr.contains("^^"))
        let prompt = try await run([
            "feedback", "to-suite", "--pattern", "has_code", "--prompt", "suport", "--output",
            "suites/x.yaml",
        ])
        #expect(prompt.status == 2 && prompt.stderr.contains("did you mean 'support'"))
        let none = try await run([
            "feedback", "to-suite", "--pattern", "has_code", "--prompt", "support", "--output",
            "suites/x.yaml",
        ])
        #expect(none.status == 0 && none.stdout.contains("nothing written"))
        #expect(project.read("suites/x.yaml") == nil)
        let missing = try await run(["feedback", "to-suite", "--prompt", "support"])
        #expect(missing.status == 2 && missing.stderr.contains("--pattern"))
    }
}
