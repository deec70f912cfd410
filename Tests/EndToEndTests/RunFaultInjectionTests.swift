import Foundation
import TestKit
import Testing

/// Runs against a fake model that fails a share of requests: no case is lost or duplicated.
@Suite struct RunFaultInjectionTests {
    static let cases = (0..<60).map {
        ("c\($0)", "question \($0)", [#"{ type: contains, value: "1" }"#])
    }

    static func run(seed: Int) async throws -> (report: [String: Any], stats: [String: Any]) {
        let server = try await FakeModelServer.start(arguments: [
            "--error-rate", "0.2", "--error-kinds", "429,500,json,close,hang", "--seed", "\(seed)",
            "--latency-ms", "5",
        ])
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)], timeout: 1,
            extraProvider: "    retry_budget: 1000")
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "8", "--format", "json"],
            in: project.root, environment: E2EProject.env, timeout: 120)
        #expect([1, 3].contains(result.status), "\(result.stderr)")
        return (try E2EProject.json(result.stdout), try await server.stats())
    }

    @Test func twentyPercentFailuresLoseAndDuplicateNothing() async throws {
        let (report, stats) = try await Self.run(seed: 42)
        let cases = report["cases"] as? [[String: Any]] ?? []
        let ids = cases.map { $0["id"] as? String ?? "" }
        #expect(ids.count == 60 && Set(ids) == Set(Self.cases.map(\.0)), "every case once")
        var graded = 0
        var errors = 0
        for c in cases {
            if let error = c["error"] as? String {
                errors += 1
                #expect(!error.isEmpty && c["output"] is NSNull)
            } else {
                graded += 1
                #expect(
                    c["output"] as? String
                        == "echo: question \(c["id"].map { "\($0)".dropFirst() } ?? "")")
            }
        }
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["total"] as? Int == 60)
        #expect(summary["errors"] as? Int == errors)
        #expect((summary["passed"] as? Int ?? 0) + (summary["failed"] as? Int ?? 0) == graded)
        // Each graded case used exactly one good reply: none answered twice, none dropped.
        let injected = (stats["injected"] as? [String: Int] ?? [:]).values.reduce(0, +)
        #expect(injected > 0, "failures were injected: \(stats)")
        #expect((stats["requests"] as? Int ?? 0) - injected == graded, "\(stats)")
        #expect(report["status"] as? String == (errors > 0 ? "completed-with-errors" : "completed"))
    }

    @Test func aSeedMakesTheFailuresRepeatable() async throws {
        func fates(_ report: [String: Any]) -> [String: Bool] {
            var out: [String: Bool] = [:]
            for c in report["cases"] as? [[String: Any]] ?? [] {
                out[c["id"] as? String ?? ""] = c["error"] is String
            }
            return out
        }
        let first = try await Self.run(seed: 7)
        let second = try await Self.run(seed: 7)
        #expect(fates(first.report) == fates(second.report))
        #expect(
            first.stats["injected"] as? [String: Int] == second.stats["injected"] as? [String: Int])
        #expect(first.stats["requests"] as? Int == second.stats["requests"] as? Int)
    }
}
