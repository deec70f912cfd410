import Foundation
import TestKit
import Testing

/// Each gate policy rule blocking on its own, with its reason line; each test also shows the
/// same comparison passing without that rule, so the rule is what blocked.
@Suite struct GatePolicyTests {
    typealias Case = GateTests.Case

    /// Gates v2 against v1 under `policy`, then under `relaxed` on the same stored runs.
    static func gate(
        _ cases: [Case], policy: String, relaxed: String? = nil
    ) async throws -> (blocked: CLIProcess.Result, relaxed: CLIProcess.Result?) {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, gate: policy, suites: ["s": GateTests.suite("s", cases)])
        let blocked = try await GateTests.gate(project)
        guard let relaxed else { return (blocked, nil) }
        try GateTests.setPolicy(project, server: server, gate: relaxed)
        return (blocked, try await GateTests.gate(project))
    }

    static func expectBlocked(_ result: CLIProcess.Result, reasons: [String]) {
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.hasPrefix("BLOCKED: bot@2 against bot@1 (gate 1)\n"), "\(result.stdout)")
        #expect(GateTests.reasons(result.stdout) == reasons, "\(result.stdout)")
    }

    static func expectPassed(_ result: CLIProcess.Result?) {
        let output = result?.stdout ?? ""
        #expect(result?.status == 0, "\(output)")
        #expect(output.hasPrefix("PASS: bot@2 against bot@1 (gate 2)\n"), "\(output)")
        #expect(GateTests.reasons(output).isEmpty)
    }

    @Test func maxRegressions() async throws {
        let (blocked, relaxed) = try await Self.gate(
            [Case(id: "reg1"), Case(id: "ok1"), Case(id: "ok2")],
            policy: "max_regressions: 0", relaxed: "max_regressions: 1")
        Self.expectBlocked(blocked, reasons: ["1 regression (at most 0 allowed): reg1"])
        Self.expectPassed(relaxed)
    }

    @Test func criticalTags() async throws {
        let billing = ["billing", "general"]
        let (blocked, relaxed) = try await Self.gate(
            [
                Case(id: "reg1", tags: billing), Case(id: "ok1", tags: billing),
                Case(id: "reg2", tags: billing), Case(id: "reg3", tags: ["other"]),
            ],
            policy: "critical_tags: [billing]", relaxed: "critical_tags: [security]")
        Self.expectBlocked(
            blocked, reasons: ["2 regressions in critical tag `billing`: reg1, reg2"])
        Self.expectPassed(relaxed)
    }

    @Test func minPassRate() async throws {
        let (blocked, relaxed) = try await Self.gate(
            [Case(id: "fail1"), Case(id: "ok1"), Case(id: "ok2")],
            policy: "min_pass_rate: 0.9", relaxed: "min_pass_rate: 0.6")
        Self.expectBlocked(
            blocked, reasons: ["candidate pass rate 66.7% is below min_pass_rate 90.0%"])
        Self.expectPassed(relaxed)
    }

    @Test func perTagMinPassRate() async throws {
        let (blocked, relaxed) = try await Self.gate(
            [
                Case(id: "fail1", tags: ["billing"]), Case(id: "ok1", tags: ["billing"]),
                Case(id: "ok2"),
            ],
            policy: "per_tag_min_pass_rate: { billing: 0.8 }",
            relaxed: "per_tag_min_pass_rate: { billing: 0.5, general: 1.0 }")
        Self.expectBlocked(blocked, reasons: ["tag `billing` pass rate 50.0% is below 80.0%"])
        Self.expectPassed(relaxed)
    }

    @Test func blockOnWorse() async throws {
        let cases = (1...12).map { Case(id: "reg\($0)") } + [Case(id: "ok1")]
        let (blocked, relaxed) = try await Self.gate(
            cases, policy: "block_on: worse", relaxed: "block_on: []")
        #expect(blocked.status == 1)
        let reasons = GateTests.reasons(blocked.stdout)
        #expect(reasons.count == 1, "\(blocked.stdout)")
        #expect(
            reasons.first?.hasPrefix("the candidate is significantly worse: ") == true,
            "\(reasons)")
        #expect(reasons.first?.contains("12") == true, "names the regressions: \(reasons)")
        Self.expectPassed(relaxed)
    }

    @Test func inconclusiveBlocksWarnsOrPasses() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        // One regression among three cases: too few to tell.
        let project = try GateTests.project(
            server: server, gate: "inconclusive: block",
            suites: [
                "s": GateTests.suite("s", [Case(id: "reg1"), Case(id: "ok1"), Case(id: "ok2")])
            ])
        let block = try await GateTests.gate(project)
        #expect(block.status == 1, "\(block.stdout)")
        let reasons = GateTests.reasons(block.stdout)
        #expect(reasons.count == 1 && reasons[0].hasPrefix("the comparison is inconclusive: "))

        try GateTests.setPolicy(project, server: server, gate: "block_on: [inconclusive]")
        let blockOn = try await GateTests.gate(project)
        #expect(blockOn.status == 1 && GateTests.reasons(blockOn.stdout) == reasons)

        try GateTests.setPolicy(project, server: server, gate: "inconclusive: warn")
        let warn = try await GateTests.gate(project)
        #expect(warn.status == 0 && warn.stdout.hasPrefix("PASS: "), "\(warn.stdout)")
        #expect(GateTests.warnings(warn.stdout) == reasons, "the same line, as a warning")

        try GateTests.setPolicy(project, server: server, gate: "max_regressions: 1")
        let byDefault = try await GateTests.gate(project)
        #expect(byDefault.status == 0 && GateTests.warnings(byDefault.stdout) == reasons)

        try GateTests.setPolicy(project, server: server, gate: "inconclusive: pass")
        let pass = try await GateTests.gate(project)
        #expect(pass.status == 0 && pass.stdout.hasPrefix("PASS: "), "\(pass.stdout)")
        #expect(GateTests.warnings(pass.stdout).isEmpty && GateTests.reasons(pass.stdout).isEmpty)

        let contradiction = "inconclusive: pass\nblock_on: [inconclusive]"
        try GateTests.setPolicy(project, server: server, gate: contradiction)
        let error = try await GateTests.gate(project)
        #expect(error.status == 2)
        #expect(
            error.stderr.contains(
                "inconclusive: pass contradicts block_on: inconclusive; keep one of them"),
            "\(error.stderr)")
        #expect(error.stderr.contains("promptgate.yaml:"), "positioned: \(error.stderr)")
    }

    @Test func maxCostIncrease() async throws {
        // fake-model counts (words·4 + 2) / 3 tokens: prompts 2 + 2 on each side, replies
        // 2 + 2 on v1 and 15 (11 words) + 2 on v2.
        let (blocked, relaxed) = try await Self.gate(
            [Case(id: "long1"), Case(id: "ok1")],
            policy: "max_cost_increase: 10", relaxed: "max_cost_increase: 200")
        Self.expectBlocked(
            blocked,
            reasons: ["cost (tokens) rose 162.5% (8 → 21), more than max_cost_increase 10.0%"])
        Self.expectPassed(relaxed)
    }

    @Test func maxP95Latency() async throws {
        let (blocked, relaxed) = try await Self.gate(
            [Case(id: "slow1"), Case(id: "ok1"), Case(id: "ok2")],
            policy: "max_p95_latency_ms: 250", relaxed: "max_p95_latency_ms: 5000")
        #expect(blocked.status == 1, "\(blocked.stdout)")
        let reasons = GateTests.reasons(blocked.stdout)
        #expect(reasons.count == 1, "\(blocked.stdout)")
        let reason = reasons.first ?? ""
        #expect(reason.hasPrefix("candidate p95 latency "), "\(reason)")
        #expect(reason.hasSuffix(" ms exceeds max_p95_latency_ms 250"), "\(reason)")
        let ms = Int(reason.dropFirst("candidate p95 latency ".count).prefix { $0.isNumber }) ?? 0
        #expect(ms >= 400 && ms < 5000, "the slow case's latency: \(reason)")
        Self.expectPassed(relaxed)
    }

    @Test func suiteOverrideTightensAndLoosensItsOwnCases() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let strict = GateTests.suite(
            "strict", [Case(id: "reg9"), Case(id: "ok9")], gate: "max_regressions: 0")
        let lenient = GateTests.suite(
            "lenient", [Case(id: "reg1"), Case(id: "reg2"), Case(id: "ok1")],
            gate: "max_regressions: 2")
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 0",
            suites: ["strict": strict, "lenient": lenient])
        let result = try await GateTests.gate(project)
        Self.expectBlocked(
            result, reasons: ["suite strict: 1 regression (at most 0 allowed): reg9"])

        try project.write(
            "suites/strict.yaml",
            strict.replacingOccurrences(of: "max_regressions: 0", with: "max_regressions: 1"))
        let relaxed = try await GateTests.gate(project)
        #expect(
            relaxed.status == 0,
            "the lenient suite's regressions are within its own limit: \(relaxed.stdout)")
    }
}
