import Foundation
import TestKit
import Testing

/// Issue 17 through the binary: Holm-adjusted per-tag verdicts, the non-inferiority gate,
/// and repeats as evidence (pass^k, `min_pass_hat_k`).
@Suite struct GateDecisionTests {
    typealias Case = GateTests.Case

    static func json(_ project: TempProject, _ extra: [String] = []) async throws -> [String: Any] {
        let result = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "json"] + extra, in: project.root,
            environment: E2EProject.env, timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        return try E2EProject.json(result.stdout)
    }

    @Test func tenTagsOneAtRawPointZeroThreeIsNotWorseAfterHolm() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        // Tag t0: 6 regressions, no improvement: McNemar exact p = 2 × 0.5⁶ = 0.03125.
        // Tags t1…t9: 3 cases each that pass on both sides (p = 1).
        var cases = (1...6).map { Case(id: "reg\($0)", tags: ["t0"]) }
        for t in 1...9 { cases += (1...3).map { Case(id: "ok\(t)x\($0)", tags: ["t\(t)"]) } }
        let project = try GateTests.project(
            server: server, suites: ["s": GateTests.suite("s", cases)])
        let report = try await Self.json(project)
        let tags = try #require(report["tags"] as? [String: [String: Any]])
        #expect(tags.count == 10)
        let t0 = try #require(tags["t0"])
        let raw = try #require(t0["p_raw"] as? Double)
        let adjusted = try #require(t0["p_adjusted"] as? Double)
        #expect(abs(raw - 0.03125) < 1e-6, "\(t0)")
        // statsmodels: multipletests([0.03125] + [1.0] * 9, method="holm")[1][0] → 0.3125
        #expect(abs(adjusted - 0.3125) < 1e-6, "\(t0)")
        #expect(t0["verdict"] as? String != "worse", "\(t0)")
        // Not "no difference" either: the cases needed are for α/10 (Connor with
        // p10 = 1, p01 = 0: (norm.ppf(1 - 0.005/2))**2 → 7.88 → 8, more than the 6 there are).
        #expect(t0["verdict"] as? String == "inconclusive", "\(t0)")
        #expect(t0["needed_cases"] as? Int == 8, "\(t0)")
        #expect(t0["p_adjustment"] as? String == "holm")
        let method = report["multiple_comparisons"] as? [String: Any]
        #expect(method?["method"] as? String == "holm")
        // The overall verdict is not adjusted: 6 regressions and nothing else is worse.
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["verdict"] as? String == "worse", "\(summary)")
        #expect(summary["p_adjusted"] is NSNull)

        // The text and Markdown reports show both p-values and name the method.
        let text = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2"], in: project.root, environment: E2EProject.env)
        #expect(text.stdout.contains("p 0.0313, Holm 0.3125"), "\(text.stdout)")
        #expect(text.stdout.contains("Holm-adjusted p-values"), "\(text.stdout)")
        let markdown = try await CLIProcess.run(
            ["compare", "bot@1", "bot@2", "--format", "markdown"], in: project.root,
            environment: E2EProject.env)
        #expect(markdown.stdout.contains("| 0.0313 | 0.3125 |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("Holm-adjusted"), "\(markdown.stdout)")
    }

    /// Equal versions: `ok` passes on both sides, `fail` fails on both.
    static func equalCases(_ count: Int) -> [Case] {
        (0..<count).map { Case(id: $0 % 5 == 4 ? "fail\($0)" : "ok\($0)") }
    }

    @Test func nonInferiorityPassesOnTwoThousandEqualCasesAndNotOnForty() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let policy = "non_inferiority_margin: 0.02\ninconclusive: block"
        let small = try GateTests.project(
            server: server, gate: policy, suites: ["s": GateTests.suite("s", Self.equalCases(40))])
        let blocked = try await GateTests.gate(small)
        #expect(blocked.status == 1, "\(blocked.stdout)\(blocked.stderr)")
        let reasons = GateTests.reasons(blocked.stdout)
        #expect(reasons.count == 1, "\(blocked.stdout)")
        let reason = reasons.first ?? ""
        #expect(
            reason.hasPrefix("non-inferiority not shown: the candidate may be up to "), "\(reason)")
        #expect(reason.contains("not below the margin 2.0 points"), "\(reason)")
        #expect(
            reason.contains("paired cases would be needed to show non-inferiority"), "\(reason)")
        let summary = try #require((try await Self.json(small))["summary"] as? [String: Any])
        let ni = try #require(summary["non_inferiority"] as? [String: Any])
        #expect(ni["margin"] as? Double == 0.02)
        #expect(ni["holds"] as? Bool == false)
        #expect((ni["upper_bound"] as? Double ?? 0) > 0.02, "\(ni)")
        #expect((ni["needed_cases"] as? Int ?? 0) > 40, "\(ni)")
        #expect(summary["verdict"] as? String == "no-significant-difference", "\(summary)")

        // The same small project with the default `inconclusive: warn` passes with the
        // warning.
        try GateTests.setPolicy(small, server: server, gate: "non_inferiority_margin: 0.02")
        let warned = try await GateTests.gate(small)
        #expect(warned.status == 0, "\(warned.stdout)")
        #expect(GateTests.warnings(warned.stdout) == reasons, "\(warned.stdout)")

        let large = try GateTests.project(
            server: server, gate: policy,
            suites: ["s": GateTests.suite("s", Self.equalCases(2000))])
        let passed = try await GateTests.run(["gate", "bot@1", "bot@2"], in: large, timeout: 600)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(
            GateTests.reasons(passed.stdout).isEmpty && GateTests.warnings(passed.stdout).isEmpty)
        let largeSummary = try #require(
            (try await Self.json(large))["summary"] as? [String: Any])
        let largeNI = try #require(largeSummary["non_inferiority"] as? [String: Any])
        #expect(largeNI["holds"] as? Bool == true, "\(largeNI)")
        #expect((largeNI["upper_bound"] as? Double ?? 1) < 0.02, "\(largeNI)")
        #expect(largeNI["needed_cases"] is NSNull)
    }

    @Test func repeatsGivePassHatKAndTheGateCanRequireIt() async throws {
        // `flaky` passes 2 of 3 times on v2 (the replies cycle), always on v1.
        let script = """
            {"rules": [
              {"match": "B|flaky", "replies": ["good", "bad", "good"]},
              {"match": "|", "reply": "good"}
            ]}
            """
        let server = try await FakeModelServer.start(script: script)
        defer { server.stop() }
        let cases = [Case(id: "flaky1"), Case(id: "ok1"), Case(id: "ok2"), Case(id: "ok3")]
        let project = try GateTests.project(
            server: server, gate: "min_pass_hat_k: 0.9",
            suites: ["s": GateTests.suite("s", cases)])
        let blocked = try await GateTests.gate(project, ["--repeat", "3"])
        #expect(blocked.status == 1, "\(blocked.stdout)\(blocked.stderr)")
        #expect(
            GateTests.reasons(blocked.stdout) == [
                "candidate pass^3 (every one of 3 repeats passes) is 75.0%, below min_pass_hat_k 90.0%"
            ], "\(blocked.stdout)")
        let report = try await Self.json(project, ["--repeat", "3"])
        let summary = try #require(report["summary"] as? [String: Any])
        let candidate = try #require(summary["candidate"] as? [String: Any])
        let baseline = try #require(summary["baseline"] as? [String: Any])
        #expect(candidate["repeats"] as? Int == 3)
        #expect(candidate["pass_hat_k"] as? Double == 0.75, "\(candidate)")
        #expect(candidate["pass_at_k"] as? Double == 1, "\(candidate)")
        #expect(baseline["pass_hat_k"] as? Double == 1, "\(baseline)")
        #expect(candidate["pass_rate"] as? Double == 1, "the majority verdict still passes")
        // The flaky case is listed with its pass fraction.
        let flaky = try #require(E2EProject.cases(report)["flaky1#0"])
        let side = try #require(flaky["candidate"] as? [String: Any])
        #expect(side["flaky"] as? Bool == true)
        #expect(abs((side["pass_fraction"] as? Double ?? 0) - 0.6667) < 1e-4, "\(side)")

        try GateTests.setPolicy(project, server: server, gate: "min_pass_hat_k: 0.7")
        let passed = try await GateTests.gate(project, ["--repeat", "3"])
        #expect(passed.status == 0, "\(passed.stdout)")
    }

    @Test func aSuiteMarginGovernsItsOwnCases() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        // The project asks for nothing statistical beyond the default; suite `strict` asks
        // for non-inferiority within 2 points on its 40 equal cases, which 40 cannot show.
        let strict = GateTests.suite(
            "strict", Self.equalCases(40), gate: "non_inferiority_margin: 0.02\ninconclusive: block"
        )
        let other = GateTests.suite("other", [Case(id: "okother1")])
        let project = try GateTests.project(
            server: server, suites: ["strict": strict, "other": other])
        let result = try await GateTests.gate(project)
        #expect(result.status == 1, "\(result.stdout)")
        let reasons = GateTests.reasons(result.stdout)
        #expect(reasons.count == 1, "\(result.stdout)")
        #expect(
            reasons.first?.hasPrefix("suite strict: non-inferiority not shown: ") == true,
            "\(reasons)")
        // A wide margin the 40 cases can show passes.
        try project.write(
            "suites/strict.yaml",
            strict.replacingOccurrences(
                of: "non_inferiority_margin: 0.02", with: "non_inferiority_margin: 0.2"))
        let relaxed = try await GateTests.gate(project)
        #expect(relaxed.status == 0, "\(relaxed.stdout)")
    }

    @Test func badMarginIsAPositionedConfigError() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, gate: "non_inferiority_margin: 2",
            suites: ["s": GateTests.suite("s", [Case(id: "ok1")])])
        let result = try await GateTests.gate(project)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("promptgate.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("non_inferiority_margin is a pass-rate difference"))
    }
}
