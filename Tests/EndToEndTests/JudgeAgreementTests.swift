import Foundation
import TestKit
import Testing

/// `judge: { repeat: 3 }` through the binary: the majority decides, reports show agreement
/// (unanimous share, Fleiss' κ), and a regression the judge is unsure of is flagged, not
/// counted by the gate, unless `count_judge_disagreements: true`.
@Suite struct JudgeAgreementTests {
    /// The judge passes everything once, except v2's answer to `unsure`: pass, fail, fail.
    static let script = """
        {"rules": [
          {"match": "echo: B|unsure", "replies": ["{\\"pass\\": true}", "{\\"pass\\": false}", "{\\"pass\\": false}"]},
          {"match": "echo: ", "reply": "{\\"pass\\": true, \\"reason\\": \\"fine\\"}"}
        ]}
        """

    static func project(server: FakeModelServer, gate: String) throws -> TempProject {
        let rubric = #"{ type: llm-rubric, value: "Answers" }"#
        let config =
            E2EProject.config(
                baseURL: server.baseURL,
                extraProvider: "judge: { provider: fake, repeat: 3 }")
            + "gate:\n  " + gate + "\n"
        return try TempProject(files: [
            "promptgate.yaml": config,
            "prompts/bot/v1.yaml": GateTests.prompt("1", "A"),
            "prompts/bot/v2.yaml": GateTests.prompt("2", "B"),
            "suites/s.yaml": E2EProject.suite(
                "s", cases: [("steady", "steady", [rubric]), ("unsure", "unsure", [rubric])]),
            ".gitconfig": "[user]\n\tname = Test Person\n",
        ])
    }

    @Test func majorityAgreementAndTheGateFlagsUnsureRegressions() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server, gate: "max_regressions: 0")
        let json = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try E2EProject.json(json.stdout)
        let cases = E2EProject.cases(report)
        let unsure = try #require(cases["unsure#0"])
        #expect(unsure["status"] as? String == "regression", "majority fail: \(unsure)")
        #expect(unsure["judge_disagreed"] as? Bool == true)
        let votes = (unsure["candidate"] as? [String: Any])?["judge_votes"] as? [[[Bool]]]
        #expect(votes == [[[true, false, false]]], "\(unsure)")
        #expect(cases["steady#0"]?["judge_disagreed"] as? Bool == false)
        let agreement = try #require(report["judge_agreement"] as? [String: Any])
        #expect(agreement["repeats"] as? Int == 3)
        #expect(agreement["judged_assertions"] as? Int == 4)
        #expect(agreement["unanimous_share"] as? Double == 0.75)
        // statsmodels 0.14: fleiss_kappa([[3,0],[3,0],[3,0],[1,2]], method="fleiss")
        //     → 0.3999999999999999 (rounded to 4 places in the report)
        #expect(agreement["fleiss_kappa"] as? Double == 0.4, "\(agreement)")
        let listed = agreement["disagreements"] as? [[String: String]]
        #expect(listed == [["suite": "s", "id": "unsure"]])

        let text = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2"], in: project.root, environment: E2EProject.env)
        #expect(
            text.stdout.contains(
                "judge agreement (asked 3 times): 75.0% of 4 judged assertions unanimous, Fleiss' κ = 0.400"
            ), "\(text.stdout)")
        #expect(text.stdout.contains("the judge disagreed with itself on 1 case"), "\(text.stdout)")

        let flagged = try await GateTests.gate(project)
        #expect(flagged.status == 0, "\(flagged.stdout)\(flagged.stderr)")
        #expect(
            GateTests.warnings(flagged.stdout).contains(
                "1 regression not counted because the judge disagreed with itself: unsure; set count_judge_disagreements: true to count them"
            ), "\(flagged.stdout)")

        try project.write(
            "promptgate.yaml",
            E2EProject.config(
                baseURL: server.baseURL, extraProvider: "judge: { provider: fake, repeat: 3 }")
                + "gate:\n  max_regressions: 0\n  count_judge_disagreements: true\n")
        let counted = try await GateTests.gate(project)
        #expect(counted.status == 1, "\(counted.stdout)")
        #expect(
            GateTests.reasons(counted.stdout) == ["1 regression (at most 0 allowed): unsure"],
            "\(counted.stdout)")
    }

    @Test func repeatOutOfRangeIsAPositionedConfigError() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server: server, gate: "max_regressions: 0")
        try project.write(
            "promptgate.yaml",
            E2EProject.config(
                baseURL: server.baseURL, extraProvider: "judge: { provider: fake, repeat: 0 }"))
        let result = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2"], in: project.root, environment: E2EProject.env)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("promptgate.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("judge repeat must be between 1 and 15"), "\(result.stderr)")
    }
}
