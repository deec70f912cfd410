import Foundation
import TestKit
import Testing

/// `compare` of two versions whose answers read the same but whose tool calls differ: the
/// case is "tools changed" (not "text changed"), with the parting step and the argument diff,
/// in every format.
@Suite struct CompareToolsTests {
    static let script = """
        {"rules": [
          {"match_tool": "shipped", "reply": "Your order has shipped."},
          {"match": "careful", "tool_calls": [{"name": "lookup_order", "arguments": {"order_id": "A-2", "rush": true}}]},
          {"match": "order", "tool_calls": [{"name": "lookup_order", "arguments": {"order_id": "A-1"}}]}
        ]}
        """

    static func prompt(_ version: String, _ system: String) -> String {
        """
        id: bot
        version: "\(version)"
        tools:
          - name: lookup_order
            parameters: { type: object, properties: { order_id: { type: string } } }
        messages:
          - { role: system, content: "\(system)" }
          - { role: user, content: "{{ q }}" }

        """
    }

    static let suite = """
        suite: s
        prompt: bot
        defaults:
          tool_results: { lookup_order: { result: { status: shipped } } }
        cases:
          - id: where
            vars: { q: "Where is my order?" }
            assert: [{ type: tool-called, value: lookup_order }]

        """

    @Test func onlyToolArgumentsChangedShowsToolsChangedWithTheArgumentDiff() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: server.baseURL),
            "prompts/bot/v1.0.yaml": Self.prompt("1.0", "You are a test bot."),
            "prompts/bot/v1.1.yaml": Self.prompt("1.1", "You are a careful bot."),
            "suites/s.yaml": Self.suite,
        ])
        let json = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--format", "json", "--quiet"], in: project.root,
            environment: E2EProject.env)
        #expect(json.status == 0, "\(json.stderr)")
        let cases = try E2EProject.json(json.stdout)["cases"] as? [[String: Any]] ?? []
        let only = try #require(cases.first)
        #expect(only["status"] as? String == "still-passing")
        #expect(only["text_changed"] as? Bool == false)
        #expect(only["tools_changed"] as? Bool == true)
        let change = only["tool_change"] as? [String: Any]
        #expect(change?["parting_step"] as? Int == 1)
        let arguments = change?["argument_changes"] as? [[String: Any]] ?? []
        #expect(arguments.count == 2, "\(arguments)")
        #expect(arguments.first?["path"] as? String == "order_id")
        #expect(arguments.first?["baseline"] as? String == #""A-1""#)
        #expect(arguments.first?["candidate"] as? String == #""A-2""#)
        #expect(arguments.last?["path"] as? String == "rush")
        #expect(arguments.last?["baseline"] is NSNull)
        let calls = change?["candidate_calls"] as? [[String: Any]]
        #expect((calls?.first?["arguments"] as? [String: Any])?["rush"] as? Bool == true)

        let text = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--quiet"], in: project.root,
            environment: E2EProject.env)
        #expect(text.stdout.contains("Changed tool calls, same verdict (1)"), "\(text.stdout)")
        #expect(text.stdout.contains("tools changed at step 1"))
        #expect(text.stdout.contains(#"base calls: lookup_order({"order_id":"A-1"})"#))
        #expect(text.stdout.contains(#"lookup_order#1.order_id: "A-1" → "A-2""#))
        #expect(text.stdout.contains("lookup_order#1.rush: (absent) → true"))
        #expect(!text.stdout.contains("Changed text, same verdict"))

        let markdown = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--format", "markdown", "--quiet"],
            in: project.root, environment: E2EProject.env)
        #expect(
            markdown.stdout.contains(
                "The output text changed in 0 of 1 case; the tool calls in 1."),
            "\(markdown.stdout)")
        let html = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--format", "html", "--quiet"], in: project.root,
            environment: E2EProject.env)
        #expect(html.stdout.contains(#""tp":1,"tl":"base calls: lookup_order"#))
        let junit = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--format", "junit", "--quiet"], in: project.root,
            environment: E2EProject.env)
        #expect(
            junit.stdout.contains(
                "<system-out>tools changed at step 1\n  base calls: lookup_order({&quot;order_id&quot;:&quot;A-1&quot;})"
            ), "\(junit.stdout)")
        // Both runs were stored: nothing new is asked on a re-compare.
        #expect(try await server.stats()["requests"] as? Int == 4)
    }
}
