import Foundation
import TestKit
import Testing

/// `promptgate regrade RUN` through the binary: after an assertion is fixed, the stored
/// outputs are graded again into new runs, compare and gate use them, and the fake model
/// sees no request.
@Suite struct RegradeTests {
    /// v1 answers "Paris." to every case, v2 "The capital is Paris." The too-strict
    /// assertion (`starts-with: "Paris"`) fails v2; the fixed one (`icontains: paris`) does not.
    static let script = """
        {"rules": [
          {"match": "A|", "reply": "Paris."},
          {"match": "B|", "reply": "The capital is Paris."}
        ]}
        """

    static func suite(_ assertion: String, cases: Int = 12) -> String {
        var out = "suite: geo\nprompt: bot\ndefaults:\n  assert: [\(assertion)]\ncases:\n"
        for i in 0..<cases { out += "  - { id: q\(i), vars: { q: \"capital \(i)\" } }\n" }
        return out
    }

    static func project(server: FakeModelServer) throws -> TempProject {
        func prompt(_ version: String, _ marker: String) -> String {
            "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"\(marker)|{{ q }}\" }\n"
        }
        return try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: server.baseURL),
            "prompts/bot/v1.yaml": prompt("1", "A"),
            "prompts/bot/v2.yaml": prompt("2", "B"),
            "suites/geo.yaml": suite("{ type: starts-with, value: Paris }"),
        ])
    }

    @Test func fixingAnAssertionChangesTheVerdictWithoutAModelRequest() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server)
        let env = E2EProject.env
        let before = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "json", "--quiet"], in: project.root,
            environment: env)
        let beforeReport = try E2EProject.json(before.stdout)
        let beforeSummary = beforeReport["summary"] as? [String: Any]
        // Both sides run at once: which got run 1 is up to the scheduler.
        let baseRun = try #require(beforeReport["baseline_run"] as? Int)
        let candidateRun = try #require(beforeReport["candidate_run"] as? Int)
        #expect(beforeSummary?["verdict"] as? String == "worse", "\(before.stdout.prefix(400))")
        #expect(try await server.stats()["requests"] as? Int == 24)

        try project.write("suites/geo.yaml", Self.suite("{ type: icontains, value: paris }"))
        let dry = try await CLIProcess.run(
            ["regrade", "run:\(candidateRun)", "--dry-run"], in: project.root)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(
            dry.stdout.contains("12 cases whose assertions or verdict changed"), "\(dry.stdout)")
        #expect(dry.stdout.contains("geo/q0: fail → pass (assertions starts-with → icontains)"))
        #expect(dry.stdout.contains("judge calls: up to 0"))

        let candidate = try await CLIProcess.run(
            ["regrade", "run:\(candidateRun)", "--format", "json"], in: project.root,
            environment: env)
        #expect(candidate.status == 0, "every case passes now: \(candidate.stderr)")
        let regraded = try E2EProject.json(candidate.stdout)
        #expect(regraded["run"] as? Int == 3 && regraded["regraded_from"] as? Int == candidateRun)
        #expect((regraded["changes"] as? [Any])?.count == 12)
        let base = try await CLIProcess.run(
            ["regrade", "\(baseRun)"], in: project.root, environment: env)
        #expect(base.status == 0 && base.stdout.contains("as run 4"), "\(base.stdout)")
        #expect(base.stdout.contains("0 verdicts changed"))

        let after = try await CLIProcess.run(
            ["compare", "run:4", "run:3", "--format", "json"], in: project.root,
            environment: env)
        let afterSummary = try E2EProject.json(after.stdout)["summary"] as? [String: Any]
        #expect(afterSummary?["verdict"] as? String == "no-significant-difference")
        #expect(afterSummary?["complete"] as? Bool == true)

        // The plain gate reuses the regraded runs (same prompt, suites as now, provider), and
        // its record names the runs the outputs came from.
        let gate = try await CLIProcess.run(
            ["gate", "bot@1", "bot@2", "--format", "json"], in: project.root, environment: env)
        #expect(gate.status == 0, "PASS: \(gate.stdout.prefix(600)) \(gate.stderr)")
        let record = try #require(project.read(".promptgate/gates/1.json"))
        let object = try E2EProject.json(record)
        let side = object["candidate"] as? [String: Any]
        #expect(side?["run_id"] as? Int == 3)
        let from = side?["regraded_from"] as? [String: Any]
        #expect(from?["run_id"] as? Int == candidateRun)
        #expect((from?["inputs"] as? [Any])?.isEmpty == false, "the source's digests: \(record)")
        #expect(try await server.stats()["requests"] as? Int == 24, "no model request since")

        let history = try await CLIProcess.run(["history"], in: project.root)
        #expect(history.stdout.contains("(regraded from run \(candidateRun))"), "\(history.stdout)")
    }

    @Test func staleOutputsAndBadRunsAreReported() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server)
        let env = E2EProject.env
        _ = try await CLIProcess.run(
            ["run", "--prompt", "bot@1", "--quiet"], in: project.root, environment: env)
        // q0's vars change (its stored output answered another request); q99 is new; q11 is gone.
        var suite = Self.suite("{ type: icontains, value: paris }", cases: 11)
        suite = suite.replacingOccurrences(of: "capital 0\"", with: "capital zero\"")
        suite += "  - { id: q99, vars: { q: \"capital 99\" } }\n"
        try project.write("suites/geo.yaml", suite)
        let out = try await CLIProcess.run(["regrade", "1"], in: project.root, environment: env)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("not regraded: 1 case whose request changed"), "\(out.stdout)")
        #expect(out.stdout.contains("geo/q0"))
        #expect(out.stdout.contains("not in the run: 1 case added since: geo/q99"))
        #expect(out.stdout.contains("dropped: 1 case no longer in the suites: geo/q11"))
        #expect(try await server.stats()["requests"] as? Int == 12)

        for (args, needle) in [
            (["regrade"], "needs one stored run"), (["regrade", "x7"], "not a run id"),
            (["regrade", "run:9"], "no such run"),
            (["regrade", "1", "--suite", "gео"], "did not run it"),
        ] {
            let bad = try await CLIProcess.run(args, in: project.root, environment: env)
            #expect(bad.status == 2 && bad.stderr.contains(needle), "\(args): \(bad.stderr)")
        }
    }
}
