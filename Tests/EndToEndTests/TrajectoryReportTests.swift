import Foundation
import TestKit
import Testing

/// The run reports show a loop's trajectory: every step in JSON, the steps of failing and
/// erroring cases in text and JUnit, with hostile tool output escaped.
@Suite struct TrajectoryReportTests {
    @Test func runReportsCarryTheTrajectory() async throws {
        let server = try await FakeModelServer.start(script: AgentLoopTests.script)
        defer { server.stop() }
        let project = try AgentLoopTests.project(server, suite: AgentLoopTests.suite)
        let json = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(json.status == 3, "\(json.stderr)")
        let byID = E2EProject.cases(try E2EProject.json(json.stdout))
        let steps = byID["two-steps#0"]?["trajectory"] as? [[String: Any]] ?? []
        #expect(steps.count == 2, "\(byID["two-steps#0"] ?? [:])")
        let call = (steps.first?["tool_calls"] as? [[String: Any]])?.first
        #expect(call?["name"] as? String == "lookup_order")
        let result = (steps.first?["tool_results"] as? [[String: Any]])?.first
        #expect(result?["content"] as? String == #"{"status":"shipped"}"#)
        #expect(steps.last?["text"] as? String == "Your order has shipped.")
        #expect(byID["plain#0"]?["trajectory"] == nil, "a plain answer keeps no trajectory")

        let text = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let failed = try #require(lines.firstIndex { $0.hasPrefix("FAIL s/wrong-args") })
        #expect(
            lines[failed + 1]
                == #"    step 1: lookup_order({"order_id":"A-1"}) → {"status":"shipped"}"#)
        #expect(lines[failed + 2] == "    step 2: answer: Your order has shipped.")
        #expect(
            text.stdout.contains(#"    step 1: lookup_order({"order_id":"A-9"}) → still looking"#))
        #expect(
            text.stdout.contains("\n" + #"    step 2: lookup_order({"order_id":"A-9"})"# + "\n"))
        #expect(text.stdout.contains("→ error: "), "the failing exec stub's step")

        let junit = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "junit"], in: project.root,
            environment: E2EProject.env)
        #expect(
            junit.stdout.contains(
                "trajectory:\nstep 1: lookup_order({&quot;order_id&quot;:&quot;A-1&quot;}) → {&quot;status&quot;:&quot;shipped&quot;}"
            ), "\(junit.stdout)")
    }

    @Test func hostileToolOutputIsEscapedInTheTerminal() async throws {
        let server = try await FakeModelServer.start(script: AgentLoopTests.script)
        defer { server.stop() }
        let suite = """
            suite: s
            prompt: bot
            cases:
              - id: evil
                vars: { q: "Where is my order?" }
                tool_results: { lookup_order: "\\e[31mred\\e[0m" }
                assert: [{ type: contains, value: never }]

            """
        let project = try AgentLoopTests.project(server, suite: suite)
        let text = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(text.stdout.contains("step 1: lookup_order"), "\(text.stdout)\(text.stderr)")
        #expect(!text.stdout.contains("\u{1B}[31m"), "no raw escape from a stub's output")
    }
}
