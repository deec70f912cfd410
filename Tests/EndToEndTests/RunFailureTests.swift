import Foundation
import TestKit
import Testing

/// A provider that fails in every way a real one does: each failure is an error naming the
/// case, the run exits 3, and the other cases are still graded.
@Suite struct RunFailureTests {
    static let script = """
        {"rules": [
          {"match": "CASE-500", "status": 500, "body": "{\\"error\\": \\"internal\\"}"},
          {"match": "CASE-502", "status": 502, "body": "<html>Bad gateway</html>"},
          {"match": "CASE-429", "status": 429, "retry_after": "1", "body": "slow down"},
          {"match": "CASE-GARBAGE", "raw": "this is {not json"},
          {"match": "CASE-EMPTYBODY", "raw": ""},
          {"match": "CASE-APIERROR", "error": {"message": "model overloaded", "type": "server_error"}},
          {"match": "CASE-HANG", "hang": true},
          {"match": "CASE-CLOSE", "close": true}
        ]}
        """

    @Test func eachProviderFailureIsAnErrorNamingTheCase() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let failing = ["500", "502", "429", "GARBAGE", "EMPTYBODY", "APIERROR", "HANG", "CLOSE"]
        var cases: [(String, String, [String])] = failing.map {
            ("case-\($0.lowercased())", "CASE-\($0)", [])
        }
        cases.append(("healthy-pass", "fine", [#"{ type: contains, value: fine }"#]))
        cases.append(("healthy-fail", "fine", [#"{ type: contains, value: nope }"#]))
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)], timeout: 1)
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env, timeout: 30)
        #expect(result.status == 3, "errors leave results incomplete: \(result.stderr)")
        let report = try E2EProject.json(result.stdout)
        let byID = E2EProject.cases(report)
        #expect(byID.count == cases.count)
        func error(_ id: String) -> String { byID["\(id)#0"]?["error"] as? String ?? "<none>" }
        #expect(error("case-500").hasPrefix("HTTP 500"), "\(error("case-500"))")
        #expect(error("case-502").contains("HTTP 502") && error("case-502").contains("Bad gateway"))
        #expect(error("case-429").hasPrefix("HTTP 429"), "\(error("case-429"))")
        #expect(error("case-garbage").contains("not JSON"), "\(error("case-garbage"))")
        #expect(error("case-emptybody").contains("empty body"), "\(error("case-emptybody"))")
        #expect(error("case-apierror").contains("model overloaded"), "\(error("case-apierror"))")
        #expect(
            error("case-hang").contains("timed out") || error("case-hang").contains("timeout"),
            "\(error("case-hang"))")
        #expect(error("case-close") != "<none>", "\(error("case-close"))")
        for id in failing.map({ "case-\($0.lowercased())" }) {
            #expect(byID["\(id)#0"]?["passed"] as? Bool == false, "an error is never a pass: \(id)")
        }
        #expect(byID["healthy-pass#0"]?["passed"] as? Bool == true)
        #expect(byID["healthy-fail#0"]?["passed"] as? Bool == false)
        #expect(byID["healthy-fail#0"]?["error"] is NSNull)
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["errors"] as? Int == failing.count)
        #expect(summary?["passed"] as? Int == 1)
        #expect(summary?["failed"] as? Int == 1)

        // The text report names each erroring case with its reason.
        let text = try await CLIProcess.run(
            ["show", "\(report["run_id"] as? Int ?? 0)"], in: project.root)
        #expect(text.stdout.contains("ERROR s/case-500: HTTP 500"), "\(text.stdout)")
        #expect(
            text.stdout.contains("FAIL s/healthy-fail: contains: expected to contain 'nope'"),
            "\(text.stdout)")
    }

    @Test func missingAPIKeyIsAConfigurationError() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        let result = try await CLIProcess.run(["run", "--prompt", "bot@1.0"], in: project.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("OPENAI_API_KEY"), "\(result.stderr)")
        #expect(try await server.stats()["requests"] as? Int == 0)
    }

    @Test func usageErrorsExit2WithSuggestions() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        let typo = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurency", "4"], in: project.root)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean '--concurrency'?"), "\(typo.stderr)")
        let version = try await CLIProcess.run(["run", "--prompt", "bot@9.9"], in: project.root)
        #expect(version.status == 2)
        #expect(version.stderr.contains("has no version '9.9'"), "\(version.stderr)")
        let suite = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--suite", "t"], in: project.root)
        #expect(suite.status == 2)
        #expect(suite.stderr.contains("no such suite"), "\(suite.stderr)")
        try project.write(
            "suites/broken.yaml", "suite: broken\nprompt: bot\ncases:\n  - id: x\n\tvars: {}\n")
        let broken = try await CLIProcess.run(["run", "--prompt", "bot@1.0"], in: project.root)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("suites/broken.yaml:5:1: error:"), "\(broken.stderr)")
    }
}
