import Foundation
import TestKit
import Testing

/// A case × repeat that ended in a provider error is a hole, not evidence: the run is
/// completed-with-errors, and `--resume` sends those slots again (`--keep-errors` leaves them).
@Suite struct RunErrorHolesTests {
    /// 100 cases; every tenth asks a "flaky" question.
    static let cases = (0..<100).map { i in
        (
            "c\(i)", i % 10 == 3 ? "flaky question \(i)" : "question \(i)",
            [#"{ type: contains, value: "1" }"#]
        )
    }

    /// The first request of each flaky question fails (400, not retried); later ones answer.
    static let flakyScript =
        #"{"rules": [{"match": "flaky", "times": 10, "status": 400, "error": {"message": "flaky failure", "type": "server_error"}}]}"#

    static func requests(_ server: FakeModelServer) async throws -> Int {
        try await server.stats()["requests"] as? Int ?? -1
    }

    static func stable(_ report: [String: Any]) -> [String] {
        ((report["cases"] as? [[String: Any]]) ?? []).map {
            "\($0["id"] ?? "")|\($0["passed"] ?? "")|\($0["output"] ?? "")|\($0["error"] ?? "")"
        }.sorted()
    }

    @Test func resumeSendsTheErroredSlotsAgainAndEqualsACleanRun() async throws {
        let server = try await FakeModelServer.start(script: Self.flakyScript)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: Self.cases)])
        let first = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(first.status == 3, "\(first.stderr)")
        #expect(first.stdout.contains("[completed-with-errors]"), "\(first.stdout)")
        #expect(
            first.stdout.hasSuffix("finish with: promptgate run --resume 1\n"), "\(first.stdout)")
        #expect(try await Self.requests(server) == 100)

        let history = try await CLIProcess.run(["history"], in: project.root)
        #expect(history.stdout.contains("completed-with-errors "), "\(history.stdout)")
        let historyJSON = try E2EProject.json(
            try await CLIProcess.run(["history", "--format", "json"], in: project.root).stdout)
        let listed = try #require((historyJSON["runs"] as? [[String: Any]])?.first)
        #expect(listed["status"] as? String == "completed-with-errors")
        #expect(listed["resume"] as? String == "promptgate run --resume 1")
        #expect((listed["summary"] as? [String: Any])?["errors"] as? Int == 10)

        // --keep-errors: nothing is missing, so nothing is sent.
        let kept = try await CLIProcess.run(
            ["run", "--resume", "1", "--keep-errors", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(
            kept.stderr.contains("run 1 is already complete; nothing to resume"), "\(kept.stderr)")
        #expect(try await Self.requests(server) == 100)

        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--no-cache", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(resumed.status == 1, "some cases fail by design: \(resumed.stderr)")
        #expect(try await Self.requests(server) == 110, "only the 10 errored slots are sent")
        let report = try E2EProject.json(resumed.stdout)
        #expect(report["run_id"] as? Int == 1)
        #expect(report["status"] as? String == "completed")
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["total"] as? Int == 100)
        #expect(summary?["errors"] as? Int == 0)
        #expect(E2EProject.cases(report).count == 100, "one result per slot")

        let clean = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--no-cache", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        let cleanReport = try E2EProject.json(clean.stdout)
        #expect(Self.stable(report) == Self.stable(cleanReport))
        let cleanSummary = cleanReport["summary"] as? [String: Any]
        for key in ["total", "passed", "failed", "errors"] {
            #expect(summary?[key] as? Int == cleanSummary?[key] as? Int, "\(key)")
        }
        let again = try await CLIProcess.run(
            ["run", "--resume", "1"], in: project.root, environment: E2EProject.env)
        #expect(again.stderr.contains("run 1 is already complete; nothing to resume"))
    }

    /// The server dies halfway (it exits after answering 50 requests, the flaky failures
    /// among them), the run stops interrupted with errors and missing slots; a server on the
    /// same port finishes it.
    @Test func keepErrorsSendsOnlyTheMissingThenResumeSendsTheErrors() async throws {
        let first = try await FakeModelServer.start(
            arguments: ["--exit-after", "50"], script: Self.flakyScript)
        defer { first.stop() }
        let port = first.port
        let project = try E2EProject.make(
            server: first, suites: ["s": E2EProject.suite(cases: Self.cases)])
        let run = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--no-cache", "--concurrency", "2"], in: project.root,
            environment: E2EProject.env, timeout: 120)
        #expect(run.status == 3, "\(run.stderr)")
        let shown = try E2EProject.json(
            try await CLIProcess.run(["show", "1", "--format", "json"], in: project.root).stdout)
        #expect(shown["status"] as? String == "interrupted", "\(shown["status"] ?? "")")
        let stored = E2EProject.cases(shown)
        let errors = stored.values.filter { $0["error"] is String }.count
        #expect(stored.count >= 49 && stored.count <= 51, "\(stored.count) stored")
        #expect(errors > 0, "the flaky cases before the kill errored")

        let second = try await FakeModelServer.start(arguments: ["--port", "\(port)"])
        defer { second.stop() }
        let kept = try await CLIProcess.run(
            ["run", "--resume", "1", "--keep-errors", "--no-cache", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(kept.status == 3, "\(kept.stderr)")
        #expect(try await Self.requests(second) == 100 - stored.count, "only the missing slots")
        let keptReport = try E2EProject.json(kept.stdout)
        #expect(keptReport["status"] as? String == "completed-with-errors")
        #expect((keptReport["summary"] as? [String: Any])?["total"] as? Int == 100)
        let stillErrors = (keptReport["summary"] as? [String: Any])?["errors"] as? Int ?? 0
        #expect(stillErrors >= errors)
        let history = try await CLIProcess.run(["history"], in: project.root)
        #expect(
            history.stdout.contains("completed-with-errors")
                && history.stdout.contains("(promptgate run --resume 1)"), "\(history.stdout)")

        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--no-cache", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(resumed.status == 1, "\(resumed.stderr)")
        #expect(
            try await Self.requests(second) == 100 - stored.count + stillErrors,
            "then only the errored slots")
        let report = try E2EProject.json(resumed.stdout)
        #expect(report["status"] as? String == "completed")
        #expect((report["summary"] as? [String: Any])?["total"] as? Int == 100)
        #expect((report["summary"] as? [String: Any])?["errors"] as? Int == 0)
        #expect(E2EProject.cases(report).count == 100)

        // The resumed run holds what a clean run on a healthy server holds.
        let clean = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--no-cache", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(Self.stable(report) == Self.stable(try E2EProject.json(clean.stdout)))
    }

    /// A judge request that failed makes its case an error, a hole like a model error: the
    /// resume asks the judge again and answers the model's part from the cache.
    @Test func aFailedJudgeRequestIsAHoleTheResumeFills() async throws {
        let server = try await FakeModelServer.start(
            script: #"""
                {"rules": [
                  {"match": "<rubric>", "times": 1, "status": 400, "error": {"message": "judge down", "type": "server_error"}},
                  {"match": "<rubric>", "reply": "{\"pass\": true, \"reason\": \"fine\"}"}
                ]}
                """#)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server,
            suites: [
                "s": E2EProject.suite(cases: [
                    ("a", "hello", [#"{ type: llm-rubric, value: "Greets" }"#]),
                    ("b", "hi there", [#"{ type: contains, value: "hi" }"#]),
                ])
            ],
            extraProvider: "judge: { provider: fake }")
        let first = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(first.status == 3, "\(first.stderr)")
        let report = try E2EProject.json(first.stdout)
        #expect(report["status"] as? String == "completed-with-errors")
        let error = E2EProject.cases(report)["a#0"]?["error"] as? String
        #expect(error?.contains("judge down") == true, "\(error ?? "no error")")
        #expect(try await Self.requests(server) == 3, "two answers and one judge request")

        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await Self.requests(server) == 4, "only the judge is asked again")
        let after = try E2EProject.json(resumed.stdout)
        #expect(after["status"] as? String == "completed")
        let passed = E2EProject.cases(after)["a#0"]?["passed"] as? Bool
        #expect(passed == true)
    }

    @Test func compareResumeSendsASidesErroredSlotsAgain() async throws {
        let server = try await FakeModelServer.start(script: Self.flakyScript)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: Self.cases)])
        try project.write(
            "prompts/bot/v1.1.yaml",
            E2EProject.prompt.replacingOccurrences(of: "\"1.0\"", with: "\"1.1\""))
        let base = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(base.status == 3, "10 errors: \(base.stderr)")
        let candidate = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.1", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(candidate.status == 1, "the flaky rule is used up: \(candidate.stderr)")
        #expect(try await Self.requests(server) == 200)

        // Without --resume (or with --keep-errors) both runs are reused as they are.
        for extra in [[], ["--resume", "--keep-errors"]] {
            let reused = try await CLIProcess.run(
                ["compare", "bot@1.0", "bot@1.1", "--no-cache"] + extra, in: project.root,
                environment: E2EProject.env)
            #expect(reused.status == 0, "\(reused.stderr)")
            #expect(try await Self.requests(server) == 200, "\(extra)")
        }

        let resumed = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--no-cache", "--resume", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await Self.requests(server) == 210, "the base's 10 errored slots")
        #expect(
            resumed.stdout.contains("resumed run 1 for bot@1.0"), "\(resumed.stdout.prefix(2000))")
        let shown = try E2EProject.json(
            try await CLIProcess.run(["show", "1", "--format", "json"], in: project.root).stdout)
        #expect(shown["status"] as? String == "completed")
        #expect((shown["summary"] as? [String: Any])?["errors"] as? Int == 0)
        #expect(E2EProject.cases(shown).count == 100)
    }
}
