import Foundation
import TestKit
import Testing

/// `run --format json` writes its report while the run goes (results in plan order as they
/// are stored, early ones waiting for a slow one): byte for byte the report `show` writes
/// from the store afterwards, on stdout and in `--output`, however the responses came back.
@Suite struct RunJSONStreamTests {
    /// The first case answers last; the rest come back in a shuffled order.
    static let script = """
        {"rules": [
          {"match": "SLOW", "delay_ms": 800, "reply": "slow answer"},
          {"match": "BIG", "reply": "\(String(repeating: "big ", count: 40_000))"}
        ]}
        """

    static func project(_ server: FakeModelServer, cases: [(String, String, [String])]) throws
        -> TempProject
    {
        try E2EProject.make(server: server, suites: ["s": E2EProject.suite(cases: cases)])
    }

    static func storedReport(_ report: String, in root: String) async throws -> String {
        let id = try #require(try E2EProject.json(report)["run_id"] as? Int)
        let shown = try await CLIProcess.run(
            ["show", "\(id)", "--format", "json"], in: root, timeout: 300)
        #expect(shown.status == 0, "\(shown.stderr)")
        return shown.stdout
    }

    @Test func theReportWrittenDuringTheRunIsTheStoredRunsReport() async throws {
        let server = try await FakeModelServer.start(
            arguments: ["--latency-jitter-ms", "40"], script: Self.script)
        defer { server.stop() }
        var cases = (0..<60).map {
            ("c\($0)", "q\($0) <b>&\"x\"", [#"{ type: contains, value: "q1" }"#])
        }
        cases[0] = ("c0", "SLOW", [])
        let project = try Self.project(server, cases: cases)
        let run = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "8", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(run.status == 1, "some cases fail: \(run.stderr)")
        let stored = try await Self.storedReport(run.stdout, in: project.root)
        #expect(run.stdout == stored)
        let ids = try #require(try E2EProject.json(run.stdout)["cases"] as? [[String: Any]])
        #expect(ids.compactMap { $0["id"] as? String } == (0..<60).map { "c\($0)" })

        let file = try await CLIProcess.run(
            [
                "run", "--prompt", "bot@1.0", "--concurrency", "8", "--format", "json",
                "--output", "r.json",
            ], in: project.root, environment: E2EProject.env)
        #expect(file.stdout.isEmpty)
        let written = try String(contentsOfFile: project.path("r.json"), encoding: .utf8)
        #expect(written == (try await Self.storedReport(written, in: project.root)))
        #expect(written.contains("slow answer"))
    }

    /// More output waiting behind a slow case than the stream holds: the rest of the report
    /// is read from the store, and it is still the same report.
    @Test func resultsWaitingPastTheBoundAreReadFromTheStore() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        var cases = (0..<56).map { ("c\($0)", "BIG \($0)", [String]()) }
        cases[0] = ("c0", "SLOW", [])
        let project = try Self.project(server, cases: cases)
        let run = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "16", "--format", "json"],
            in: project.root, environment: E2EProject.env, timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.utf8.count > 55 * 160_000, "more than the 8 MB that may wait")
        #expect(run.stdout == (try await Self.storedReport(run.stdout, in: project.root)))
    }

    /// A run that cannot start writes no report: stdout holds nothing, not half of one.
    @Test func aRunThatFailsLeavesStdoutEmpty() async throws {
        let project = try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: "http://127.0.0.1:9"),
            "prompts/bot/v1.0.yaml": E2EProject.prompt,
            "suites/s.yaml": E2EProject.suite(cases: [("c0", "q", [])]),
        ])
        let run = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stdout.isEmpty || (try? E2EProject.json(run.stdout)) != nil, "\(run.stdout)")
    }
}
