import Foundation
import Glibc
import TestKit
import Testing

/// A provider nobody answers at: the run stops after a few refused connections, says so once,
/// keeps what it has (interrupted, resumable) and exits 3. Identical errors are one line;
/// a case the retry budget could not retry says so.
@Suite struct DeadProviderTests {
    /// A port nothing listens on: bound, read, closed.
    static func closedPort() throws -> Int {
        guard let (fd, port) = LoopbackSocket.bind(listening: nil) else {
            throw TestSupportError("bind failed")
        }
        close(fd)
        return port
    }

    static func project(port: Int, cases: Int, extraProvider: String = "") throws -> TempProject {
        let list = (0..<cases).map { ("c\($0)", "question \($0)", [String]()) }
        let project = try TempProject(files: [
            "promptgate.yaml": E2EProject.config(
                baseURL: "http://127.0.0.1:\(port)", extraProvider: extraProvider),
            "prompts/bot/v1.0.yaml": E2EProject.prompt,
            "prompts/bot/v1.1.yaml": E2EProject.prompt.replacingOccurrences(
                of: "\"1.0\"", with: "\"1.1\""),
            "suites/s.yaml": E2EProject.suite(cases: list),
        ])
        return project
    }

    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: true)
    }

    @Test func aClosedPortStopsTheRunEarlyAndItResumesOnceTheServerIsUp() async throws {
        let port = try Self.closedPort()
        let project = try Self.project(port: port, cases: 400)
        let started = Date()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env,
            timeout: 60)
        let elapsed = Date().timeIntervalSince(started)
        let stderr = Self.lines(result.stderr)
        let shown = try E2EProject.json(
            try await CLIProcess.run(["show", "1", "--format", "json"], in: project.root).stdout)
        let runSeconds = (shown["summary"] as? [String: Any])?["wall_seconds"] as? Double ?? -1
        print(
            "closed port: 400 cases, exit \(result.status) in \(String(format: "%.2f", elapsed)) s wall (the run itself: \(String(format: "%.2f", runSeconds)) s), \(stderr.count) lines of stderr"
        )
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        // Well under 2 s on an idle machine. The bound is on the run's own clock: the wall
        // time seen here also counts waiting for a busy test pool on two shared cores.
        #expect(runSeconds >= 0 && runSeconds < 10, "stopped early: \(runSeconds) s")
        #expect(elapsed < 120, "\(elapsed) s")
        #expect(stderr.count <= 3, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "provider 'fake' at http://127.0.0.1:\(port)/v1 refused 8 connections in a row: is it running?"
            ), "\(result.stderr)")
        #expect(result.stderr.contains("'promptgate run --resume 1'"), "\(result.stderr)")
        #expect(Self.lines(result.stdout).count < 10, "\(result.stdout)")
        let history = try E2EProject.json(
            try await CLIProcess.run(["history", "--format", "json"], in: project.root).stdout)
        let run = try #require((history["runs"] as? [[String: Any]])?.first)
        #expect(run["status"] as? String == "interrupted", "\(run)")

        // Once a server listens on that port, the run resumes and finishes.
        guard
            let server = try? await FakeModelServer.start(arguments: ["--port", "\(port)"]),
            server.port == port
        else {
            print("closed port: port \(port) was taken meanwhile; resume not tried")
            return
        }
        defer { server.stop() }
        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--format", "json"], in: project.root,
            environment: E2EProject.env, timeout: 120)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = try E2EProject.json(resumed.stdout)
        #expect(report["status"] as? String == "completed")
        #expect((report["summary"] as? [String: Any])?["passed"] as? Int == 400)
    }

    @Test func compareAndGateAgainstADeadProviderEndIncompleteNotPassing() async throws {
        let port = try Self.closedPort()
        let project = try Self.project(port: port, cases: 60)
        let compare = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1"], in: project.root, environment: E2EProject.env,
            timeout: 60)
        #expect(compare.status == 3, "\(compare.stdout)\(compare.stderr)")
        let message = "refused 8 connections in a row: is it running?"
        #expect(
            compare.stderr.components(separatedBy: message).count == 2,
            "said once: \(compare.stderr)")
        let gate = try await CLIProcess.run(
            ["gate", "bot@1.0", "bot@1.1"], in: project.root,
            environment: E2EProject.env, timeout: 60)
        // Exit 3 today; whether the gate's headline says BLOCKED for incomplete runs is the
        // gate's business, not the runner's.
        #expect(gate.status != 0, "\(gate.stdout)\(gate.stderr)")
        let history = try E2EProject.json(
            try await CLIProcess.run(["history", "--format", "json"], in: project.root).stdout)
        let statuses = (history["runs"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == "interrupted" }, "\(statuses)")
    }

    @Test func identicalErrorsAreOneLineWithACount() async throws {
        let server = try await FakeModelServer.start(
            script:
                #"{"rules": [{"match": "*", "status": 401, "error": {"message": "invalid key"}}]}"#
        )
        defer { server.stop() }
        let cases = (0..<50).map { ("c\($0)", "question \($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(result.status == 3)
        let errors = Self.lines(result.stdout).filter { $0.hasPrefix("ERROR") }
        #expect(
            errors == [
                "ERROR 50 cases: HTTP 401: provider error: invalid key (s/c0, s/c1, s/c2 and 47 more)"
            ], "\(result.stdout)")
        #expect(Self.lines(result.stderr).count <= 1, "\(result.stderr)")
    }

    @Test func aCaseTheRetryBudgetCouldNotRetrySaysSo() async throws {
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "*", "status": 500, "body": "down"}]}"#)
        defer { server.stop() }
        let cases = (0..<20).map { ("c\($0)", "question \($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)],
            extraProvider: "    retry_budget: 4")
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env, timeout: 60)
        #expect(result.status == 3)
        let report = try E2EProject.json(result.stdout)
        let errors = E2EProject.cases(report).values.compactMap { $0["error"] as? String }
        #expect(errors.count == 20)
        let exhausted = errors.filter { $0.hasSuffix("retry budget exhausted)") }
        #expect(exhausted.count >= 16, "\(errors)")
        #expect(
            errors.contains("HTTP 500: down (not retried: retry budget exhausted)"), "\(errors)")
        #expect((report["summary"] as? [String: Any])?["retries"] as? Int == 4)
        // The provider answered (500s), so it is not taken as down: every case ran, and the
        // errors are holes --resume fills.
        #expect(report["status"] as? String == "completed-with-errors")
    }
}
