import Foundation
import Store
import TestKit
import Testing

/// `feedback to-suite` builds a case's history from the earlier records of its session:
/// ordered by time (not by export order), redacted, each turn naming the record it came from,
/// and the history reaches the model between the system message and the final user turn.
@Suite struct FeedbackSessionHistoryTests {
    /// One session of three records exported out of order (the rejected answer is the last
    /// by time), one record of another session, all sharing nothing else.
    static let export = """
        {"id": "s1-c", "created_at": "2026-10-01T09:05:00Z", "session_id": "s1", "rating": -1, "comment": "wrong plan", "user_input": "So which plan do I have?", "response": "You have the Free plan.", "correction": "The Team plan"}
        {"id": "s1-a", "created_at": "2026-10-01T09:00:00Z", "session_id": "s1", "rating": 1, "user_input": "Hi, I am jane.doe@example.com", "response": "Hello! How can I help?"}
        {"id": "s1-b", "created_at": "2026-10-01T09:02:00Z", "session_id": "s1", "rating": 1, "user_input": "I upgraded last week {{not a template}}", "response": "Thanks, noted."}
        {"id": "s2-a", "created_at": "2026-10-01T10:00:00Z", "session_id": "s2", "rating": -1, "comment": "no", "user_input": "Cancel my account", "response": "Done."}

        """

    @Test func historyComesFromTheSessionInTimeOrderRedactedWithProvenance() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try TempProject(files: [
            "promptgate.yaml": """
            providers:
              p: { type: openai, model: m, base_url: "\(server.baseURL)/v1", api_key_env: NONE_NEEDED }
            judge: { provider: p }

            """,
            "prompts/support/v1.0.yaml": """
            id: support
            version: "1.0"
            messages:
              - { role: system, content: "You are support." }
              - { role: user, content: "{{ user_input }}" }

            """,
            "feedback.jsonl": Self.export,
        ])
        let env = ["NONE_NEEDED": "x"]
        func run(_ args: [String]) async throws -> CLIProcess.Result {
            try await CLIProcess.run(args, in: project.root, environment: env, timeout: 120)
        }
        let imported = try await run(["feedback", "import", "feedback.jsonl"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let written = try await run([
            "feedback", "to-suite", "--pattern", "has_comment", "--prompt", "support", "--output",
            "suites/sessions.yaml",
        ])
        #expect(written.status == 0, "\(written.stderr)")
        let text = try #require(project.read("suites/sessions.yaml"))
        // The s1 case: four turns from s1-a then s1-b (by time), texts in vars, redacted.
        #expect(
            text.contains("turn_1: Hi, I am [EMAIL]")
                || text.contains("turn_1: 'Hi, I am [EMAIL]'"), "\(text)")
        #expect(!text.contains("jane.doe@example.com"))
        for (n, role) in [(1, "user"), (2, "assistant"), (3, "user"), (4, "assistant")] {
            #expect(text.contains("role: \(role)\n    content: '{{turn_\(n)}}'"), "\(text)")
        }
        #expect(!text.contains("turn_5"))
        let provenance = ["s1-a", "s1-a", "s1-b", "s1-b"].map { "feedback_id: \($0)" }
        var rest = Substring(text)
        for line in provenance {
            let found = try #require(rest.range(of: line), "\(line) in order:\n\(text)")
            rest = rest[found.upperBound...]
        }
        #expect(text.contains("field: user_input") && text.contains("field: response"))

        let validate = try await run(["validate"])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        _ = try await run(["run", "support@1.0", "--suite", "sessions"])
        let store = try RunStore(path: RunStore.defaultPath(root: project.root))
        let runID = try #require(try await store.runs(limit: 1).first?.id)
        let results = try await store.results(runID: runID)
        let s1 = try #require(results.first { $0.caseID == "fb-s1-c" })
        #expect(
            s1.messages.map(\.role) == ["system", "user", "assistant", "user", "assistant", "user"])
        #expect(s1.messages[3].content == "I upgraded last week {{not a template}}")
        #expect(s1.messages.last?.content == "So which plan do I have?")
        let s2 = try #require(results.first { $0.caseID == "fb-s2-a" })
        #expect(s2.messages.map(\.role) == ["system", "user"])
    }
}
