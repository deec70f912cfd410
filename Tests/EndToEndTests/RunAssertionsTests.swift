import Foundation
import TestKit
import Testing

/// `promptgate run` through the built binary against a fake OpenAI-compatible server:
/// every deterministic assertion type passing and failing, `not-` forms, weights and repeat.
@Suite struct RunAssertionsTests {
    static let script = """
        {"rules": [
          {"match": "JSON-PLEASE", "reply": "{\\"status\\": \\"ok\\", \\"n\\": 3}"},
          {"match": "FENCED-JSON", "reply": "Here you go:\\n```json\\n{\\"a\\": [1, 2]}\\n```"},
          {"match": "SLOW", "delay_ms": 400, "reply": "slow answer"}
        ]}
        """

    @Test func everyAssertionTypePassesAndFails() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        // Without a rule the server answers "echo: <question>".
        let cases: [(String, String, [String])] = [
            ("equals-pass", "hi", [#"{ type: equals, value: "echo: hi" }"#]),
            ("equals-fail", "hi", [#"{ type: equals, value: "hi" }"#]),
            ("contains-pass", "reset password", [#"{ type: contains, value: "password" }"#]),
            ("contains-fail", "reset password", [#"{ type: contains, value: "Password" }"#]),
            ("icontains-pass", "reset password", [#"{ type: icontains, value: "PASSWORD" }"#]),
            ("not-contains-pass", "hello", [#"{ type: not-contains, value: "As an AI" }"#]),
            (
                "not-contains-fail", "As an AI model",
                [#"{ type: not-contains, value: "As an AI" }"#]
            ),
            ("any-pass", "refund me", [#"{ type: contains-any, value: [credit, refund] }"#]),
            ("any-fail", "hello", [#"{ type: contains-any, value: [credit, refund] }"#]),
            (
                "all-pass", "alpha beta gamma",
                [#"{ type: contains-all, value: [alpha, beta, gamma] }"#]
            ),
            ("all-fail", "alpha beta", [#"{ type: contains-all, value: [alpha, beta, gamma] }"#]),
            ("starts-pass", "x", [#"{ type: starts-with, value: "echo:" }"#]),
            ("starts-fail", "x", [#"{ type: starts-with, value: "Hola" }"#]),
            ("regex-pass", "order 1234", [#"{ type: regex, value: "\\d{4}$" }"#]),
            ("regex-fail", "order", [#"{ type: regex, value: "\\d{4}$" }"#]),
            ("not-regex-pass", "order", [#"{ type: not-regex, value: "\\d" }"#]),
            ("is-json-pass", "JSON-PLEASE", ["{ type: is-json }"]),
            ("is-json-fail", "plain", ["{ type: is-json }"]),
            ("contains-json-pass", "FENCED-JSON", ["{ type: contains-json }"]),
            ("contains-json-fail", "plain", ["{ type: contains-json }"]),
            ("not-is-json-pass", "plain", ["{ type: not-is-json }"]),
            ("words-pass", "one two three", ["{ type: word-count, min: 2, max: 10 }"]),
            ("words-fail", "one two three", ["{ type: word-count, max: 2 }"]),
            ("latency-pass", "fast", ["{ type: latency, max: 5000 }"]),
            ("latency-fail", "SLOW", ["{ type: latency, max: 100 }"]),
            (
                "weighted-pass", "alpha",
                [
                    #"{ type: contains, value: alpha, weight: 3 }"#,
                    #"{ type: contains, value: beta, weight: 1 }"#,
                ]
            ),
        ]
        var suite = E2EProject.suite(cases: cases)
        // A threshold lets the weighted case pass with 3 of 4 weight points.
        suite = suite.replacingOccurrences(
            of: "  - id: weighted-pass\n", with: "  - id: weighted-pass\n    threshold: 0.75\n")
        let project = try E2EProject.make(server: server, suites: ["s": suite])
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 1, "some cases fail by design: \(result.stderr)")
        let report = try E2EProject.json(result.stdout)
        let byID = E2EProject.cases(report)
        #expect(byID.count == cases.count)
        for (id, _, _) in cases {
            let passed = byID["\(id)#0"]?["passed"] as? Bool
            #expect(passed == id.hasSuffix("-pass"), "\(id): \(byID["\(id)#0"] ?? [:])")
        }
        let failing = byID["contains-fail#0"]?["assertions"] as? [[String: Any]]
        #expect(
            failing?.first?["reason"] as? String
                == "expected to contain 'Password', output was 20 chars: 'echo: reset password'")
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["total"] as? Int == cases.count)
        #expect(summary?["errors"] as? Int == 0)
    }

    @Test func repeatRunsEachCaseNTimes() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server,
            suites: ["s": E2EProject.suite(cases: [("a", "x", []), ("b", "y", [])])])
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--repeat", "3", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 0, "\(result.stderr)")
        let byID = E2EProject.cases(try E2EProject.json(result.stdout))
        #expect(Set(byID.keys) == ["a#0", "a#1", "a#2", "b#0", "b#1", "b#2"])
        #expect(try await server.stats()["requests"] as? Int == 6)
    }
}
