import Foundation
import TestKit
import Testing

/// `compare --sequential` / `gate --sequential` through the binary on a 2,000-case suite:
/// a 15-point drop stops early (the fake model's /stats counts what was sent), equal
/// versions run to the end, and the stop is complete evidence for that gate only.
@Suite struct SequentialCompareTests {
    /// v1 sends "A|<q>", v2 "B|<q>"; v2 answers "no" to the `drop` cases (15%).
    static let script = #"{"rules": [{"match": "B|drop", "reply": "no"}]}"#

    static func project(
        server: FakeModelServer, cases: Int, dropEvery: Int?, extra: String = ""
    ) throws -> TempProject {
        var suite = "suite: big\nprompt: bot\ncases:\n"
        for i in 0..<cases {
            // 3 in every 20 cases are a drop on v2: a 15-point difference.
            let drop = dropEvery.map { i % 20 < $0 } ?? false
            suite += "  - { id: c\(i), vars: { q: \"\(drop ? "drop" : "ok")-\(i)\" } }\n"
        }
        suite += "defaults:\n  assert: [{ type: contains, value: echo }]\n"
        func prompt(_ version: String, _ marker: String) -> String {
            "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"\(marker)|{{ q }}\" }\n"
        }
        return try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: server.baseURL, extraProvider: extra),
            "prompts/bot/v1.yaml": prompt("1", "A"),
            "prompts/bot/v2.yaml": prompt("2", "B"),
            "suites/big.yaml": suite,
        ])
    }

    @Test func aFifteenPointDropStopsBeforeHalfTheRequestsAsWorse() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server, cases: 2000, dropEvery: 3)
        let gate = try await CLIProcess.run(
            ["gate", "bot@1", "bot@2", "--sequential", "--format", "json", "--quiet"],
            in: project.root, environment: E2EProject.env, timeout: 300)
        #expect(gate.status == 1, "blocked: \(gate.stderr)")
        let requests = try await server.stats()["requests"] as? Int ?? -1
        #expect(requests > 0 && requests < 2000, "sent \(requests) of 4000 requests")
        let report = try E2EProject.json(gate.stdout)
        let comparison = report["comparison"] as? [String: Any] ?? report
        // Both sides run at once: which got run 1 is up to the scheduler.
        let baseRun = try #require(comparison["baseline_run"] as? Int)
        let candidateRun = try #require(comparison["candidate_run"] as? Int)
        let summary = try #require(comparison["summary"] as? [String: Any], "\(report.keys)")
        #expect(summary["verdict"] as? String == "worse", "\(summary)")
        #expect(summary["complete"] as? Bool == true, "a sequential stop is complete evidence")
        let sequential = try #require(summary["sequential"] as? [String: Any])
        #expect(sequential["reason"] as? String == "harm")
        let stoppedAt = sequential["stopped_at_cases"] as? Int ?? 0
        #expect(stoppedAt > 0 && stoppedAt < 1000)
        #expect(requests == 2 * stoppedAt, "only the looked-at cases were sent")
        #expect(sequential["saved_requests"] as? Int == 4000 - 2 * stoppedAt)
        #expect((sequential["alpha_spent"] as? Double ?? 1) < 0.05)

        // Both runs are stopped-early; `history` and the text report say so.
        let history = try await CLIProcess.run(["history"], in: project.root)
        #expect(history.stdout.contains("stopped-early"), "\(history.stdout)")
        let text = try await CLIProcess.run(
            ["compare", "run:\(baseRun)", "run:\(candidateRun)"], in: project.root,
            environment: E2EProject.env)
        #expect(text.status == 0, "the stored stop is still complete: \(text.stderr)")
        #expect(text.stdout.contains("sequential: stopped at look "), "\(text.stdout)")
        #expect(text.stdout.contains("requests saved"))
        // The stored stop the other way round is a stop for benefit, not for harm.
        let reversed = try await CLIProcess.run(
            ["compare", "run:\(candidateRun)", "run:\(baseRun)", "--format", "json"],
            in: project.root, environment: E2EProject.env, timeout: 300)
        let reversedSummary = try E2EProject.json(reversed.stdout)["summary"] as? [String: Any]
        #expect(
            reversedSummary?["verdict"] as? String == "better", "\(reversed.stdout.prefix(300))")
        #expect(
            (reversedSummary?["sequential"] as? [String: Any])?["reason"] as? String == "benefit")
        let regrade = try await CLIProcess.run(["regrade", "\(baseRun)"], in: project.root)
        #expect(
            regrade.status == 2 && regrade.stderr.contains("stopped-early"), "\(regrade.stderr)")

        // A plain compare does not take the stopped runs as whole: it runs both sides again
        // (answered from the cache for the cases already sent).
        let fixed = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "json", "--quiet"], in: project.root,
            environment: E2EProject.env)
        let fixedSummary = try E2EProject.json(fixed.stdout)["summary"] as? [String: Any]
        #expect(fixedSummary?["sequential"] == nil)
        #expect(fixedSummary?["complete"] as? Bool == true)
        #expect(try await server.stats()["requests"] as? Int == 4000)
    }

    @Test func equalVersionsRunToTheEnd() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server, cases: 2000, dropEvery: nil)
        let compare = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--sequential", "--format", "json", "--quiet"],
            in: project.root, environment: E2EProject.env, timeout: 300)
        #expect(compare.status == 0, "\(compare.stderr)")
        let summary = try #require(
            try E2EProject.json(compare.stdout)["summary"] as? [String: Any])
        let sequential = try #require(summary["sequential"] as? [String: Any])
        #expect(sequential["reason"] as? String == "end")
        #expect(sequential["look"] as? Int == 10 && sequential["stopped_at_cases"] as? Int == 2000)
        #expect(summary["verdict"] as? String == "no-significant-difference")
        #expect(try await server.stats()["requests"] as? Int == 4000)
        let history = try await CLIProcess.run(["history"], in: project.root)
        #expect(!history.stdout.contains("stopped-early"))
    }

    /// With the project's non-inferiority margin, equal versions stop as soon as a look shows
    /// the candidate within it, and the gate passes on that stop.
    @Test func equalVersionsWithAMarginStopForNonInferiority() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(
            server: server, cases: 2000, dropEvery: nil,
            extra: "gate: { non_inferiority_margin: 0.05 }")
        let gate = try await CLIProcess.run(
            ["gate", "bot@1", "bot@2", "--sequential", "--format", "json", "--quiet"],
            in: project.root, environment: E2EProject.env, timeout: 300)
        #expect(gate.status == 0, "\(gate.stdout.prefix(800))\(gate.stderr)")
        let report = try E2EProject.json(gate.stdout)
        let summary = try #require(
            ((report["comparison"] as? [String: Any])?["summary"] ?? report["summary"])
                as? [String: Any], "\(report.keys)")
        let sequential = try #require(summary["sequential"] as? [String: Any])
        #expect(sequential["reason"] as? String == "non-inferior", "\(sequential)")
        let stoppedAt = sequential["stopped_at_cases"] as? Int ?? 2000
        #expect(stoppedAt < 2000)
        #expect(try await server.stats()["requests"] as? Int == 2 * stoppedAt)
    }

    /// The drop the other way round (v1 fails the `drop` cases): a stop for benefit passes
    /// the gate, and promote accepts the stopped-early runs as the gate's complete evidence.
    @Test func aStopForBenefitPassesAndPromotes() async throws {
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "A|drop", "reply": "no"}]}"#)
        defer { server.stop() }
        let project = try Self.project(server: server, cases: 2000, dropEvery: 3)
        let gate = try await CLIProcess.run(
            ["gate", "bot@1", "bot@2", "--sequential", "--quiet"], in: project.root,
            environment: E2EProject.env)
        #expect(gate.status == 0, "\(gate.stdout.prefix(800))\(gate.stderr)")
        #expect(gate.stdout.hasPrefix("PASS: "))
        #expect(gate.stdout.contains("candidate significantly better"), "\(gate.stdout)")
        let record = try E2EProject.json(try #require(project.read(".promptgate/gates/1.json")))
        #expect(record["complete"] as? Bool == true)
        #expect((record["candidate"] as? [String: Any])?["status"] as? String == "stopped-early")
        #expect(((record["candidate"] as? [String: Any])?["sequential"] as? [String: Any]) != nil)
        let promote = try await CLIProcess.run(
            ["promote", "bot@2", "--to", "canary"], in: project.root, environment: E2EProject.env)
        #expect(promote.status == 0, "\(promote.stdout)\(promote.stderr)")
    }

    @Test func looksNeedSequential() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server, cases: 3, dropEvery: nil)
        let bad = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--looks", "4"], in: project.root,
            environment: E2EProject.env)
        #expect(bad.status == 2 && bad.stderr.contains("--sequential"), "\(bad.stderr)")
        let zero = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--sequential", "--looks", "0"], in: project.root,
            environment: E2EProject.env)
        #expect(zero.status == 2 && zero.stderr.contains("--looks"), "\(zero.stderr)")
        #expect(try await server.stats()["requests"] as? Int == 0)
    }
}
