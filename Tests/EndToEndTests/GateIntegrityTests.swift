import Foundation
import Gate
import Glibc
import TestKit
import Testing

/// A gate never passes on evidence that does not cover the suites: interrupted runs, a single
/// shard, and cases or suites added after the runs all block it, and `promote` re-checks.
@Suite struct GateIntegrityTests {
    static func cases(_ n: Int, prefix: String = "ok") -> [GateTests.Case] {
        (0..<n).map { .init(id: "\(prefix)\($0)") }
    }

    static func json(_ result: CLIProcess.Result) throws -> [String: Any] {
        try E2EProject.json(result.stdout)
    }

    @Test(arguments: [0.0, 0.8, 2.0])
    func sigintDuringAGateNeverPasses(delay: Double) async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "50"])
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, suites: ["s": GateTests.suite("s", Self.cases(300))])
        let database = project.path(".promptgate/promptgate.db")
        let gate = try await CLIProcess.run(
            ["gate", "bot@1", "bot@2", "--concurrency", "4", "--no-cache", "--format", "json"],
            in: project.root,
            environment: GateTests.environment(gitConfig: project.path(".gitconfig")),
            timeout: 60,
            onStart: { pid in
                // A plain thread, so a busy cooperative pool cannot delay the signal.
                Thread {
                    for _ in 0..<600 where !FileManager.default.fileExists(atPath: database) {
                        usleep(20_000)
                    }
                    usleep(UInt32(delay * 1_000_000))
                    kill(pid, SIGINT)
                }.start()
            })
        #expect(gate.status == 3, "\(gate.stderr)")
        let report = try Self.json(gate)
        #expect(report["decision"] as? String == "blocked")
        #expect(report["complete"] as? Bool == false)
        let reasons = report["reasons"] as? [String] ?? []
        #expect(reasons.first?.hasPrefix("incomplete evidence: ") == true, "\(reasons)")
        #expect(reasons.first?.contains("interrupted") == true, "\(reasons)")
        let summary = (report["comparison"] as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["verdict"] as? String == "incomplete")
        let promote = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(promote.status == 1)
        #expect(promote.stderr.contains("blocked it (incomplete evidence: "), "\(promote.stderr)")
        #expect(promote.stderr.contains("interrupted"), "names the incomplete run")
        #expect(!FileManager.default.fileExists(atPath: project.path("prompts/bot/release.yaml")))
        // The record on disk says the same.
        let record = try GateRecord.parse(
            Data(contentsOf: URL(fileURLWithPath: project.path(".promptgate/gates/1.json"))),
            source: "gate 1")
        #expect(!record.passed && !record.complete)
        // Finishing the runs then passes, and promotes.
        let resumed = try await GateTests.gate(project, ["--resume", "--concurrency", "16"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        let again = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aGateOnAShardOrAnInterruptedStoredRunIsBlocked() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, suites: ["s": GateTests.suite("s", Self.cases(12))])
        #expect(try await GateTests.run(["run", "--prompt", "bot@1"], in: project).status == 0)
        let shard = try await GateTests.run(
            ["run", "--prompt", "bot@2", "--shard", "1/3"], in: project)
        #expect(shard.status == 0, "\(shard.stderr)")
        let gate = try await GateTests.run(
            ["gate", "run:1", "run:2", "--format", "json"], in: project)
        #expect(gate.status == 3)
        let report = try Self.json(gate)
        #expect(report["decision"] as? String == "blocked")
        let reasons = report["reasons"] as? [String] ?? []
        #expect(
            reasons.first?.contains("of 12 cases on the candidate (run 2, only shard 1/3)") == true,
            "\(reasons)")
        let comparison = try #require(report["comparison"] as? [String: Any])
        let statuses = ((comparison["cases"] as? [[String: Any]]) ?? []).compactMap {
            $0["status"] as? String
        }
        #expect(statuses.count == 12)
        #expect(!statuses.contains("removed") && !statuses.contains("new"), "\(statuses)")
        #expect(statuses.contains("not-run"))
        let coverage = (comparison["summary"] as? [String: Any])?["coverage"] as? [String: Any]
        let candidate = coverage?["candidate"] as? [String: Any]
        #expect(candidate?["expected"] as? Int == 12)
        #expect(candidate?["shard"] as? String == "1/3")
        // compare says so in every format, and exits 3.
        for format in ["text", "markdown", "html", "junit"] {
            let compare = try await GateTests.run(
                ["compare", "run:1", "run:2", "--format", format], in: project)
            #expect(compare.status == 3, "\(format)")
            #expect(compare.stdout.lowercased().contains("incomplete"), "\(format)")
        }
    }

    @Test func aCaseOrSuiteAddedAfterTheGateBlocksAndRefusesPromotion() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let suite = GateTests.suite("s", Self.cases(4))
        let project = try GateTests.project(server: server, suites: ["s": suite])
        let first = try await GateTests.gate(project, ["--format", "json"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        // Both sides start at once: which run got which id varies.
        let comparison = try Self.json(first)["comparison"] as? [String: Any]
        let b = try #require(comparison?["baseline_run"] as? Int)
        let c = try #require(comparison?["candidate_run"] as? Int)

        // A case added: the stored runs no longer cover the suite.
        try project.write(
            "suites/s.yaml",
            GateTests.suite("s", Self.cases(4) + [.init(id: "late1")]))
        let stored = try await GateTests.run(["gate", "run:\(b)", "run:\(c)"], in: project)
        #expect(stored.status == 3)
        #expect(
            GateTests.reasons(stored.stdout).first
                == "incomplete evidence: 4 of 5 cases on the candidate (run \(c)); not in the run: s/late1; 4 of 5 cases on the baseline (run \(b)); not in the run: s/late1; finish the runs (gate again with --resume) before deciding"
        )
        let promote = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(promote.status == 1)
        #expect(
            promote.stderr.contains(
                "run \(c) (the candidate of gate 1) has no result for case s/late1 that the suites hold now"
            ), "\(promote.stderr)")

        // A suite added instead: promotion names it.
        try project.write("suites/s.yaml", suite)
        try project.write("suites/t.yaml", GateTests.suite("t", [.init(id: "t1")]))
        let withSuite = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary"], in: project)
        #expect(withSuite.status == 1)
        #expect(
            withSuite.stderr.contains(
                "suite 't' (suites/t.yaml) tests bot but gate 1 did not cover it"),
            "\(withSuite.stderr)")
        // A gate limited to one suite passes for that suite but cannot promote.
        let limited = try await GateTests.gate(project, ["--suite", "s"])
        #expect(limited.status == 0, "\(limited.stdout)")
        let stillRefused = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary"], in: project)
        #expect(stillRefused.status == 1)
        #expect(stillRefused.stderr.contains("left out with --suite"))
        // Removing the extra suite restores the first gate's evidence.
        try FileManager.default.removeItem(atPath: project.path("suites/t.yaml"))
        let ok = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func evidenceFromAnOlderRecordWithoutCoverageIsRefused() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, suites: ["s": GateTests.suite("s", Self.cases(2))])
        #expect(try await GateTests.gate(project).status == 0)
        // Rewrite the record as an older promptgate would have: no coverage fields.
        let path = project.path(".promptgate/gates/1.json")
        var record = try GateRecord.parse(
            Data(contentsOf: URL(fileURLWithPath: path)), source: "gate 1")
        record.object["complete"] = nil
        try Data(record.serialized().utf8).write(to: URL(fileURLWithPath: path))
        let promote = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--evidence", path], in: project)
        #expect(promote.status == 1)
        #expect(
            promote.stderr.contains("gate 1 was not decided on complete evidence"),
            "\(promote.stderr)")
    }
}
