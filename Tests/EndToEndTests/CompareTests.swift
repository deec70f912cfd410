import Foundation
import TestKit
import Testing

/// `promptgate compare` through the binary: two prompt versions whose outputs differ in
/// known ways on the fake server, every classification, the verdict, and every format.
@Suite struct CompareTests {
    static let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"

    /// v1 sends "A|<q>", v2 sends "B|<q>": the script answers each version differently.
    static func project(server: FakeModelServer, cases: [String], extraCases: String = "") throws
        -> TempProject
    {
        var suite = "suite: s\nprompt: bot\ncases:\n"
        for id in cases {
            suite +=
                "  - id: \(id)\n    vars: { q: \"\(id)\" }\n    tags: [\(id.hasPrefix("reg") ? "billing" : "general")]\n"
            suite += "    assert: [{ type: contains, value: good }]\n"
        }
        suite += extraCases
        func prompt(_ version: String, _ marker: String) -> String {
            "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"\(marker)|{{ q }}\" }\n"
        }
        return try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: server.baseURL),
            "prompts/bot/v1.yaml": prompt("1", "A"),
            "prompts/bot/v2.yaml": prompt("2", "B"),
            "suites/s.yaml": suite,
        ])
    }

    static let script = """
        {"rules": [
          {"match": "A|reg", "reply": "good answer"},
          {"match": "B|reg", "reply": "bad answer"},
          {"match": "A|imp", "reply": "bad answer"},
          {"match": "B|imp", "reply": "good answer"},
          {"match": "A|same", "reply": "good and same"},
          {"match": "B|same", "reply": "good and same"},
          {"match": "A|changed", "reply": "good, said one way"},
          {"match": "B|changed", "reply": "good, said another way"},
          {"match": "A|fail", "reply": "bad"},
          {"match": "B|fail", "reply": "bad too"},
          {"match": "A|err", "reply": "good"},
          {"match": "B|err", "status": 500, "body": "boom"},
          {"match": "A|hostile", "reply": "good <b>bold</b>"},
          {"match": "B|hostile", "reply": "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))"}
        ]}
        """

    @Test func everyClassificationAndEveryFormat() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let ids = ["reg1", "reg2", "imp1", "same1", "changed1", "fail1", "err1", "hostile1"]
        let project = try Self.project(server: server, cases: ids)
        let json = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(json.status == 0, "compare reports, the gate decides: \(json.stderr)")
        let report = try E2EProject.json(json.stdout)
        let cases = (report["cases"] as? [[String: Any]]) ?? []
        var status: [String: String] = [:]
        var changed: [String: Bool] = [:]
        for c in cases {
            status[c["id"] as? String ?? ""] = c["status"] as? String
            changed[c["id"] as? String ?? ""] = c["text_changed"] as? Bool
        }
        #expect(
            status == [
                "reg1": "regression", "reg2": "regression", "imp1": "improvement",
                "same1": "still-passing", "changed1": "still-passing", "fail1": "still-failing",
                "err1": "error", "hostile1": "regression",
            ])
        #expect(
            changed["same1"] == false && changed["changed1"] == true && changed["fail1"] == true)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["regressions"] as? Int == 3)
        #expect(summary["improvements"] as? Int == 1)
        #expect(summary["verdict"] as? String == "inconclusive", "\(summary)")
        #expect((summary["needed_cases"] as? Int ?? 0) > 7)
        let baseline = try #require(summary["baseline"] as? [String: Any])
        #expect(baseline["passed"] as? Int == 5 && baseline["failed"] as? Int == 2)
        #expect((summary["candidate"] as? [String: Any])?["errors"] as? Int == 1)
        #expect((report["tags"] as? [String: Any])?["billing"] != nil)

        // The second compare reuses both stored runs: nothing is sent again.
        let before = try await server.stats()["requests"] as? Int ?? 0
        let text = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2"], in: project.root, environment: E2EProject.env)
        #expect(try await server.stats()["requests"] as? Int == before)
        #expect(text.stdout.contains(" for bot@1 (same prompt, suites, provider"), "\(text.stdout)")
        #expect(text.stdout.contains("verdict: inconclusive"), "\(text.stdout)")
        #expect(text.stdout.contains("[-good-]{+bad+} answer"), "\(text.stdout)")

        let html = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "html", "--output", "report.html"],
            in: project.root, environment: E2EProject.env)
        #expect(html.status == 0)
        let page = try #require(project.read("report.html"))
        #expect(!page.contains(Self.hostile), "hostile output must be escaped")
        #expect(!page.contains("<script>alert(1)"))
        #expect(!page.contains("<img src=x"), "no live tag from model output")
        for external in [
            "src=\"http", "href=\"http", "url(http", "@import", "src='http", "href='http",
        ] {
            #expect(!page.contains(external), "no network assets: \(external)")
        }

        let markdown = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "markdown"], in: project.root,
            environment: E2EProject.env)
        #expect(markdown.stdout.contains("inconclusive"))
        #expect(
            !markdown.stdout.contains("<script>alert(1)</script>")
                || markdown.stdout.contains("```"))

        let junit = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "junit"], in: project.root,
            environment: E2EProject.env)
        let xml = junit.stdout
        #expect(xml.hasPrefix("<?xml"), "\(xml.prefix(200))")
        #expect(
            xml.components(separatedBy: "<failure").count - 1 == 3, "each regression is a failure")
        #expect(!xml.contains(Self.hostile))
    }

    @Test func manyRegressionsAreWorseAndAStoredRunMissingANewCaseIsIncomplete() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let ids = (1...12).map { "reg\($0)" } + ["same1"]
        let project = try Self.project(server: server, cases: ids)
        let result = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        let summary = try #require(try E2EProject.json(result.stdout)["summary"] as? [String: Any])
        #expect(summary["verdict"] as? String == "worse")
        #expect(abs((summary["mcnemar_p"] as? Double ?? 1) - 0.000488) < 0.00001, "\(summary)")

        // Remove a case and add one, then compare the stored base run with the new candidate:
        // the removed case is `removed`; the stored run never ran the added one, so it is
        // `not-run` (not `new`) and the comparison is incomplete (exit 3).
        var suite = try #require(project.read("suites/s.yaml"))
        suite = suite.replacingOccurrences(of: "  - id: reg1\n", with: "  - id: brand-new\n")
        try project.write("suites/s.yaml", suite)
        let stored = try await CLIProcess.run(
            ["compare", "run:1", "bot@2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(stored.status == 3, "\(stored.stderr)")
        let storedReport = try E2EProject.json(stored.stdout)
        let storedSummary = storedReport["summary"] as? [String: Any]
        #expect(storedSummary?["complete"] as? Bool == false)
        #expect(
            storedSummary?["incomplete"] as? String
                == "incomplete: 12 of 13 cases on the baseline (run 1); not in the run: s/brand-new"
        )
        let cases = (storedReport["cases"] as? [[String: Any]]) ?? []
        let byID = Dictionary(
            uniqueKeysWithValues: cases.map {
                ($0["id"] as? String ?? "", $0["status"] as? String ?? "")
            })
        #expect(byID["reg1"] == "removed")
        #expect(byID["brand-new"] == "not-run")
    }

    @Test func repeatsTellFlakyCasesFromRegressions() async throws {
        let server = try await FakeModelServer.start(
            script: """
                {"rules": [
                  {"match": "A|flaky", "replies": ["good", "bad", "good"]},
                  {"match": "B|flaky", "replies": ["good", "good", "bad"]},
                  {"match": "A|", "reply": "good"},
                  {"match": "B|", "reply": "good"}
                ]}
                """)
        defer { server.stop() }
        let project = try Self.project(server: server, cases: ["flaky1", "steady1"])
        let result = try await CLIProcess.run(
            [
                "compare", "bot@1", "bot@2", "--repeat", "3", "--concurrency", "1", "--format",
                "json",
            ],
            in: project.root, environment: E2EProject.env)
        let cases = (try E2EProject.json(result.stdout)["cases"] as? [[String: Any]]) ?? []
        let flaky = cases.first { $0["id"] as? String == "flaky1" }
        #expect(flaky?["status"] as? String == "flaky", "\(cases)")
        #expect((flaky?["baseline"] as? [String: Any])?["repeats"] as? Int == 3)
        #expect(
            cases.first { $0["id"] as? String == "steady1" }?["status"] as? String
                == "still-passing")
    }

    @Test func usageErrors() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try Self.project(server: server, cases: ["a"])
        let one = try await CLIProcess.run(["compare", "bot@1"], in: project.root)
        #expect(one.status == 2 && one.stderr.contains("needs two sides"))
        let prod = try await CLIProcess.run(
            ["compare", "bot@production", "bot@2"], in: project.root)
        #expect(prod.status == 2 && prod.stderr.contains("release.yaml"), "\(prod.stderr)")
        let run = try await CLIProcess.run(
            ["compare", "run:99", "bot@2"], in: project.root, environment: E2EProject.env)
        #expect(run.status == 2 && run.stderr.contains("no such run"), "\(run.stderr)")
    }
}
