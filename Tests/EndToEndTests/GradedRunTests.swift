import Foundation
import TestKit
import Testing

/// Graded suites through the binary: the judge and embeddings share the cache and
/// recordings, so `--offline` reproduces a recorded graded run; flaky judges show as flaky.
@Suite struct GradedRunTests {
    static let graded = """
        judge: { provider: fake, params: { temperature: 0 } }
        embeddings: { provider: fake, model: fake-embedding }
        """

    static let script = """
        {"rules": [
          {"match": "<rubric>\\nExplains the reset", "reply": "```json\\n{\\"pass\\": true, \\"score\\": 0.9, \\"reason\\": \\"clear steps\\"}\\n```"},
          {"match": "<rubric>\\nIs in French", "reply": "I would say it passes."},
          {"match": "<expert>", "reply": "{'category': 'superset', 'reason': 'adds detail'}"}
        ]}
        """

    static func cases() -> [(String, String, [String])] {
        [
            (
                "reset", "how do I reset my password",
                [
                    #"{ type: llm-rubric, value: "Explains the reset", metric: helpful }"#,
                    #"{ type: similar, value: "reset my password", threshold: 0.5 }"#,
                    #"{ type: factuality, value: "Use Settings to reset it" }"#,
                ]
            ),
            ("french", "bonjour", [#"{ type: llm-rubric, value: "Is in French" }"#]),
        ]
    }

    static func stableCases(_ report: [String: Any]) -> [[String: Any]] {
        (report["cases"] as? [[String: Any]] ?? []).map {
            var c = $0
            c["latency_ms"] = nil
            return c
        }
    }

    @Test func recordThenOfflineReproducesTheVerdicts() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let project = try E2EProject.make(
            server: server, suites: ["g": E2EProject.suite("g", cases: Self.cases())],
            extraProvider: Self.graded)
        let recorded = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--record", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(recorded.status == 1, "the unparseable verdict fails a case: \(recorded.stderr)")
        server.stop()
        let live = try E2EProject.json(recorded.stdout)
        let byID = E2EProject.cases(live)
        let reset = try #require(byID["reset#0"]?["assertions"] as? [[String: Any]])
        #expect(reset.map { $0["passed"] as? Bool } == [true, true, true])
        #expect(reset[0]["reason"] as? String == "judge: pass, score 0.90 — clear steps")
        #expect(reset[2]["reason"] as? String == "judge: superset → pass — adds detail")
        let french = try #require(byID["french#0"]?["assertions"] as? [[String: Any]])
        #expect(
            french[0]["reason"] as? String == "judge verdict unparseable: 'I would say it passes.'")
        #expect(byID["french#0"]?["error"] is NSNull, "a bad verdict is a failure, not an error")
        #expect((live["metrics"] as? [String: Double])?["helpful"] == 0.9)
        // 2 model answers + 3 judge verdicts + 2 embeddings (output and reference).
        let lines = try #require(project.read("suites/recordings/g.jsonl")).split(separator: "\n")
        #expect(lines.count == 7)

        let offline = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--offline", "--format", "json"], in: project.root)
        #expect(offline.status == 1, "\(offline.stderr)")
        let replay = try E2EProject.json(offline.stdout)
        #expect(
            try RunRecordingTests.canonical(["c": Self.stableCases(live)])
                == RunRecordingTests.canonical(["c": Self.stableCases(replay)]))

        // An edited rubric has no recorded verdict: offline, that case errors (exit 3).
        let suite = try #require(project.read("suites/g.yaml"))
        try project.write(
            "suites/g.yaml", suite.replacingOccurrences(of: "Is in French", with: "Is in German"))
        let missing = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--offline", "--format", "json"], in: project.root)
        #expect(missing.status == 3, "\(missing.stderr)")
        let error =
            E2EProject.cases(try E2EProject.json(missing.stdout))["french#0"]?["error"] as? String
        #expect(
            error?.hasPrefix("llm-rubric: judge request failed: no recording for request") == true,
            "\(error ?? "nil")")
    }

    @Test func judgeVerdictsThatDisagreeAcrossRepeatsAreFlakyNotRegressions() async throws {
        // Each version's output gets pass then fail (or fail then pass) from the judge.
        let script = """
            {"rules": [
              {"match": "echo: A|", "replies": ["{\\"pass\\": true}", "{\\"pass\\": false}"]},
              {"match": "echo: B|", "replies": ["{\\"pass\\": false}", "{\\"pass\\": true}"]}
            ]}
            """
        let server = try await FakeModelServer.start(script: script)
        defer { server.stop() }
        func prompt(_ version: String, _ marker: String) -> String {
            "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"\(marker)|{{ q }}\" }\n"
        }
        let project = try TempProject(files: [
            "promptgate.yaml": E2EProject.config(
                baseURL: server.baseURL, extraProvider: Self.graded),
            "prompts/bot/v1.yaml": prompt("1", "A"),
            "prompts/bot/v2.yaml": prompt("2", "B"),
            "suites/s.yaml": E2EProject.suite(
                "s", cases: [("wobbly", "hi", [#"{ type: llm-rubric, value: "Greets" }"#])]),
        ])
        let compare = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--repeat", "2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(compare.status == 0, "\(compare.stderr)")
        let report = try E2EProject.json(compare.stdout)
        let only = try #require((report["cases"] as? [[String: Any]])?.first)
        #expect(only["status"] as? String == "flaky")
        #expect((only["baseline"] as? [String: Any])?["flaky"] as? Bool == true)
        #expect((only["candidate"] as? [String: Any])?["flaky"] as? Bool == true)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["regressions"] as? Int == 0)
    }
}
