import Foundation
import Glibc
import TestKit
import Testing

/// A run killed with SIGKILL is finished by `--resume`: only missing cases are sent and the
/// result equals an uninterrupted run.
@Suite struct RunResumeTests {
    @Test func sigkillThenResumeEqualsACleanRun() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "500"])
        defer { server.stop() }
        let cases = (0..<60).map {
            ("c\($0)", "question \($0)", [#"{ type: contains, value: "1" }"#])
        }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let killed = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "4", "--no-cache"], in: project.root,
            environment: E2EProject.env, timeout: 30,
            onStart: { pid in
                // Kill at a random point once the run has started (startup time varies with
                // load): a plain thread, so a busy cooperative pool cannot delay it.
                let database = project.path(".promptgate/promptgate.db")
                Thread {
                    for _ in 0..<600 where !FileManager.default.fileExists(atPath: database) {
                        usleep(50_000)
                    }
                    usleep(UInt32.random(in: 1_500_000...2_500_000))
                    kill(pid, SIGKILL)
                }.start()
            })
        #expect(killed.status == 128 + SIGKILL)
        let history = try E2EProject.json(
            try await CLIProcess.run(["history", "--format", "json"], in: project.root).stdout)
        let run = try #require((history["runs"] as? [[String: Any]])?.first)
        #expect(
            run["status"] as? String == "stale",
            "a killed run cannot mark itself; history sees that its process is gone")
        let shown = try E2EProject.json(
            try await CLIProcess.run(["show", "1", "--format", "json"], in: project.root).stdout)
        let done = E2EProject.cases(shown).count
        #expect(done > 0 && done < 60, "killed mid-run: \(done) finished")
        let sentBefore = try await server.stats()["requests"] as? Int ?? 0

        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--concurrency", "4", "--no-cache", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(resumed.status == 1, "some cases fail by design: \(resumed.stderr)")
        let sentAfter = try await server.stats()["requests"] as? Int ?? 0
        #expect(sentAfter - sentBefore == 60 - done, "only the missing cases are sent")
        let report = try E2EProject.json(resumed.stdout)
        #expect(report["run_id"] as? Int == 1)
        #expect(report["status"] as? String == "completed")

        // A clean run of the same inputs gives the same results.
        let clean = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "8", "--no-cache", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        func stable(_ r: [String: Any]) -> [String] {
            ((r["cases"] as? [[String: Any]]) ?? []).map {
                "\($0["id"] ?? "")|\($0["passed"] ?? "")|\($0["output"] ?? "")|\($0["score"] ?? "")"
            }
        }
        #expect(stable(report) == stable(try E2EProject.json(clean.stdout)))
        let resumedSummary = report["summary"] as? [String: Any]
        let cleanSummary = try E2EProject.json(clean.stdout)["summary"] as? [String: Any]
        for key in ["total", "passed", "failed", "errors"] {
            #expect(resumedSummary?[key] as? Int == cleanSummary?[key] as? Int, "\(key)")
        }
    }

    @Test func resumeRefusesChangedInputs() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        _ = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        try project.write("suites/s.yaml", E2EProject.suite(cases: [("a", "y", [])]))
        let result = try await CLIProcess.run(
            ["run", "--resume", "1"], in: project.root, environment: E2EProject.env)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "run 1 cannot be resumed: suites/s.yaml changed since it started"),
            "\(result.stderr)")
        let missing = try await CLIProcess.run(["run", "--resume", "9"], in: project.root)
        #expect(missing.status == 2 && missing.stderr.contains("no such run"))
    }

    @Test func resumeWithAnotherPromptIsAUsageError() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        try project.write(
            "prompts/bot/v1.1.yaml",
            E2EProject.prompt.replacingOccurrences(of: "\"1.0\"", with: "\"1.1\""))
        let first = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(first.status == 0, "\(first.stderr)")
        let other = try await CLIProcess.run(
            ["run", "--resume", "1", "--prompt", "bot@1.1"], in: project.root,
            environment: E2EProject.env)
        #expect(other.status == 2)
        #expect(
            other.stderr
                == "error: run 1 is of bot@1.0, not bot@1.1; drop --prompt or pass --prompt bot@1.0\n"
        )
        let same = try await CLIProcess.run(
            ["run", "--resume", "1", "--prompt", "bot@1.0"], in: project.root,
            environment: E2EProject.env)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stderr.contains("run 1 is already complete; nothing to resume"))
    }
}
