import Foundation
import Glibc
import TestKit
import Testing

/// Concurrency that really overlaps, and Ctrl-C that keeps what finished.
@Suite struct RunConcurrencyTests {
    @Test func concurrencyOverlapsRequests() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "1000"])
        defer { server.stop() }
        let cases = (0..<48).map { ("c\($0)", "question \($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "16", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(result.status == 0, "\(result.stderr)")
        // The server saw 16 requests at once (each takes 1 s): that is the overlap, however
        // slowly a loaded machine runs the rest.
        let stats = try await server.stats()
        #expect((stats["max_in_flight"] as? Int ?? 0) >= 16, "\(stats)")
        #expect(
            (stats["max_in_flight"] as? Int ?? 99) <= 16, "never more than --concurrency: \(stats)")
    }

    @Test func providerMaxConcurrencyBoundsTheRun() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "100"])
        defer { server.stop() }
        let cases = (0..<12).map { ("c\($0)", "q\($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)], maxConcurrency: 3)
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "16"], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try await server.stats()["max_in_flight"] as? Int == 3)
    }

    @Test func sigintMarksTheRunInterruptedAndKeepsFinishedResults() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "400"])
        defer { server.stop() }
        let cases = (0..<30).map { ("c\($0)", "q\($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "2", "--format", "json"],
            in: project.root, environment: E2EProject.env, timeout: 30,
            onStart: { pid in
                // Ctrl-C once the run has started (startup time varies with load): a plain
                // thread, so a busy cooperative pool cannot delay it.
                let database = project.path(".promptgate/promptgate.db")
                Thread {
                    for _ in 0..<600 where !FileManager.default.fileExists(atPath: database) {
                        usleep(50_000)
                    }
                    // 2.5 s of a 6 s run: past the first replies even when loading is slow.
                    usleep(2_500_000)
                    kill(pid, SIGINT)
                }.start()
            })
        #expect(result.status == 3, "interrupted runs are incomplete: \(result.stderr)")
        #expect(result.stderr.contains("interrupted:"), "\(result.stderr)")
        let history = try await CLIProcess.run(["history", "--format", "json"], in: project.root)
        let runs = try E2EProject.json(history.stdout)["runs"] as? [[String: Any]]
        let run = try #require(runs?.first)
        #expect(run["status"] as? String == "interrupted")
        let total = (run["summary"] as? [String: Any])?["total"] as? Int ?? -1
        #expect(total > 0 && total < 30, "finished results are kept: \(total)")
        let shown = try await CLIProcess.run(
            ["show", "\(run["run_id"] as? Int ?? 0)", "--format", "json"], in: project.root)
        #expect(E2EProject.cases(try E2EProject.json(shown.stdout)).count == total)
    }
}
