import Foundation
import TestKit
import Testing

/// What a provider gets from the project rather than its own keys: `defaults.timeout`, and one
/// `max_concurrency` counted across everything one command sends it.
@Suite struct ProviderDefaultsTests {
    static let prompt = E2EProject.prompt

    /// Provider `fake` at `server` with its own keys `extra` (no `timeout` unless given), and
    /// `defaults` after `provider: fake`.
    static func config(_ server: FakeModelServer, extra: String, defaults: String = "")
        -> String
    {
        """
        providers:
          fake:
            type: openai
            base_url: \(server.baseURL)/v1
            api_key_env: OPENAI_API_KEY
            model: fake-model
            \(extra)
        defaults: { provider: fake\(defaults) }

        """
    }

    @Test func defaultsTimeoutAppliesToAProviderWithoutOne() async throws {
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "*", "hang": true}]}"#)
        defer { server.stop() }
        let project = try TempProject(files: [
            "promptgate.yaml": Self.config(server, extra: "retries: 0", defaults: ", timeout: 0.7"),
            "prompts/bot/v1.0.yaml": Self.prompt,
            "suites/s.yaml": E2EProject.suite(cases: [("hang", "q", [])]),
        ])
        let started = Date()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env, timeout: 120)
        #expect(result.status == 3, "a timeout is an error: \(result.stderr)")
        let error = E2EProject.cases(try E2EProject.json(result.stdout))["hang#0"]?["error"]
        #expect(
            (error as? String)?.contains("timed out after 0.7 s") == true,
            "\(String(describing: error))")
        // The message names the 0.7 s; and it was not the built-in 60 s.
        #expect(Date().timeIntervalSince(started) < 55)
    }

    /// Both sides of a compare and the llm-rubric judge use provider `fake`, which allows one
    /// request at a time: the server never sees two at once. (Each side and the judge used to
    /// count `max_concurrency` on their own: up to 3 in flight.)
    @Test func compareSidesAndTheJudgeShareTheProvidersMaxConcurrency() async throws {
        let script = #"""
            {"rules": [{"match": "<rubric>", "reply": "{\"pass\": true, \"score\": 1, \"reason\": \"ok\"}"}]}
            """#
        let server = try await FakeModelServer.start(
            arguments: ["--latency-ms", "100"], script: script)
        defer { server.stop() }
        func prompt(_ version: String, _ marker: String) -> String {
            "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"\(marker)|{{ q }}\" }\n"
        }
        let rubric = [#"{ type: llm-rubric, value: "Answers the question" }"#]
        let cases = (0..<4).map { ("c\($0)", "question \($0)", rubric) }
        let project = try TempProject(files: [
            "promptgate.yaml": Self.config(server, extra: "max_concurrency: 1")
                + "judge: { provider: fake }\n",
            "prompts/bot/v1.yaml": prompt("1", "A"),
            "prompts/bot/v2.yaml": prompt("2", "B"),
            "suites/s.yaml": E2EProject.suite(cases: cases),
        ])
        let result = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--concurrency", "8", "--format", "json"],
            in: project.root, environment: E2EProject.env, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let stats = try await server.stats()
        // 4 cases × 2 sides, each answer judged once.
        #expect(stats["requests"] as? Int == 16, "\(stats)")
        #expect(stats["max_in_flight"] as? Int == 1, "\(stats)")
    }
}
