import Foundation
import TestKit
import Testing

/// A run whose stderr is not a terminal prints a plain progress line every interval (cases
/// done, rate, ETA); `--quiet` prints none; stdout and `--output` hold only the report.
@Suite struct RunProgressTests {
    static let env = E2EProject.env.merging(["PROMPTGATE_PROGRESS_INTERVAL": "2"]) { _, new in new }

    static func progressLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("progress: ") }
    }

    @Test func plainProgressOnAPipeAndNoneWithQuiet() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "700"])
        defer { server.stop() }
        let cases = (0..<8).map { ("c\($0)", "question \($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let args = ["run", "--prompt", "bot@1.0", "--concurrency", "1", "--no-cache"]
        let loud = try await CLIProcess.run(
            args + ["--format", "json"], in: project.root, environment: Self.env)
        #expect(loud.status == 0, "\(loud.stderr)")
        let lines = Self.progressLines(loud.stderr)
        #expect(!lines.isEmpty, "\(loud.stderr)")
        for line in lines {
            #expect(
                line.range(
                    of:
                        #"^progress: \d+ of 8 cases done · \d+\.\d cases/s · ETA (\d+s|\d+m \d\ds|unknown)"#,
                    options: .regularExpression) != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("ETA") && !$0.contains("ETA unknown") }, "\(lines)")
        // The report on stdout is the JSON report alone.
        #expect(!loud.stdout.contains("progress:"))
        let report = try E2EProject.json(loud.stdout)
        #expect((report["summary"] as? [String: Any])?["total"] as? Int == 8)

        let quiet = try await CLIProcess.run(
            args + ["--format", "json", "--quiet"], in: project.root, environment: Self.env)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(Self.progressLines(quiet.stderr).isEmpty, "\(quiet.stderr)")
        let quietReport = try E2EProject.json(quiet.stdout)
        #expect(Set(quietReport.keys) == Set(report.keys))
        #expect((quietReport["cases"] as? [Any])?.count == 8)

        // --output: the file holds the report, stderr the progress, stdout nothing.
        let out = project.path("report.json")
        let filed = try await CLIProcess.run(
            args + ["--format", "json", "--output", out], in: project.root, environment: Self.env)
        #expect(filed.status == 0, "\(filed.stderr)")
        #expect(!Self.progressLines(filed.stderr).isEmpty, "\(filed.stderr)")
        #expect(!filed.stdout.contains("progress:"))
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!written.contains("progress:"))
        #expect((try E2EProject.json(written)["cases"] as? [Any])?.count == 8)
    }

    @Test func compareAcceptsQuiet() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "q", [])])])
        let result = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.0", "--quiet", "--format", "json"], in: project.root,
            environment: Self.env)
        #expect(result.status == 0, "\(result.status) \(result.stderr)")
        #expect(Self.progressLines(result.stderr).isEmpty)
        #expect(!result.stderr.contains("unknown option"), "\(result.stderr)")
    }
}
