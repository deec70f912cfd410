import Foundation
import Glibc
import TestKit
import Testing

/// What `validate` finds that would fail at run time stops `run`, `compare` and `gate`
/// before a request is sent, like any other validate error.
@Suite struct RunPreflightTests {
    static func prompt(_ version: String) -> String {
        "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"{{ q }}\" }\n"
    }

    @Test func runCompareAndGateRefuseAJudgedSuiteWithoutAJudge() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let suite = MarkedSource(
            """
            suite: s
            prompt: bot
            cases:
              - id: c1
                vars: { q: hi }
                assert: [{ type: 1️⃣llm-rubric, value: "Greets" }]
            """)
        let project = try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: server.baseURL),
            "prompts/bot/v1.yaml": Self.prompt("1"), "prompts/bot/v2.yaml": Self.prompt("2"),
            "suites/s.yaml": suite.text,
        ])
        let expected =
            "suites/s.yaml:\(suite.position("1️⃣")): error: cases[0].assert[0].type: 'llm-rubric' is graded by a judge model, but no judge is configured; add judge: { provider: NAME, model: MODEL } to promptgate.yaml (providers: fake), or provider: NAME to this assertion"
        let validate = try await CLIProcess.run(["validate"], in: project.root)
        #expect(validate.status == 2)
        #expect(validate.stdout.hasPrefix(expected + "\n"), "\(validate.stdout)")
        for args in [
            ["run", "--prompt", "bot@1"], ["compare", "bot@1", "bot@2"],
            ["gate", "bot@1", "bot@2"],
        ] {
            let result = try await CLIProcess.run(
                args, in: project.root, environment: E2EProject.env)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stderr.hasPrefix(expected + "\n"), "\(args): \(result.stderr)")
            #expect(result.stderr.hasSuffix("1 error; nothing was run\n"), "\(args)")
        }
        #expect(try await server.stats()["requests"] as? Int == 0, "nothing was sent")
    }

    @Test func runRefusesAMissingExecCommandButOfflineDoesNotNeedIt() async throws {
        let config = MarkedSource(
            """
            providers:
              app: { type: exec, command: 1️⃣bin/answer.sh, model: m }
            defaults: { provider: app }
            """)
        let project = try TempProject(files: [
            "promptgate.yaml": config.text, "prompts/bot/v1.yaml": Self.prompt("1"),
            "suites/s.yaml": E2EProject.suite("s", cases: [("c1", "hi", [])]),
        ])
        let live = try await CLIProcess.run(["run", "--prompt", "bot@1"], in: project.root)
        #expect(live.status == 2)
        #expect(
            live.stderr.hasPrefix(
                "promptgate.yaml:\(config.position("1️⃣")): error: providers.app.command: command 'bin/answer.sh' does not exist: there is no bin/answer.sh in the project root (relative commands resolve against it)\n"
            ), "\(live.stderr)")
        // Offline, recordings answer: the missing program is not the problem.
        let offline = try await CLIProcess.run(
            ["run", "--prompt", "bot@1", "--offline"], in: project.root)
        #expect(!offline.stderr.contains("providers.app.command"), "\(offline.stderr)")
    }
}
