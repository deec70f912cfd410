import Foundation
import TestKit
import Testing

/// Prices, cost reports, `--dry-run` and `--max-cost`, through the binary.
@Suite struct RunCostTests {
    /// 37 words: the fake model counts (37 × 4 + 2) / 3 = 50 completion tokens, the
    /// config's max_tokens, so a reply costs exactly its upper bound.
    static let fiftyTokenReply = Array(repeating: "word", count: 37).joined(separator: " ")

    /// A JSON number as a Double, whether it was written as 10 or 10.5.
    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static func withPrices(_ project: TempProject, _ prices: String) throws {
        let config = project.read("promptgate.yaml") ?? ""
        try project.write("promptgate.yaml", config + "prices: \(prices)\n")
    }

    @Test func maxCostStopsSendingOnTimeAndResumeFinishes() async throws {
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "*", "reply": "\#(Self.fiftyTokenReply)"}]}"#)
        defer { server.stop() }
        let cases = (0..<30).map { ("c\($0)", "q\($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        // Output only: 50 tokens × $20,000 per million = $1.00 a request, bound and actual.
        try Self.withPrices(project, "{ fake-model: { input: 0, output: 20000 } }")
        let result = try await CLIProcess.run(
            [
                "run", "--prompt", "bot@1.0", "--concurrency", "4", "--max-cost", "10.5",
                "--format", "json",
            ], in: project.root, environment: E2EProject.env)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(try await server.stats()["requests"] as? Int == 10, "a $10.50 budget buys 10")
        let report = try E2EProject.json(result.stdout)
        #expect(report["status"] as? String == "budget-exceeded")
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["total"] as? Int == 10 && summary["planned"] as? Int == 30)
        #expect(Self.number(summary["spent_usd"]) == 10)
        #expect(
            result.stderr.contains("spent $10.00 of --max-cost $10.50; 20 of 30 cases did not run"),
            "\(result.stderr)")

        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--max-cost", "100", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await server.stats()["requests"] as? Int == 30, "only the 20 missing were sent")
        let finished = try E2EProject.json(resumed.stdout)
        #expect(finished["status"] as? String == "completed")
        let total = try #require(finished["summary"] as? [String: Any])
        #expect(Self.number(total["cost_usd"]) == 30 && Self.number(total["spent_usd"]) == 30)
    }

    @Test func maxCostNeedsAPrice() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "q", [])])])
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--max-cost", "1"], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no price for model 'fake-model'"), "\(result.stderr)")
        #expect(try await server.stats()["requests"] as? Int == 0)
        let bad = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--max-cost", "lots"], in: project.root,
            environment: E2EProject.env)
        #expect(bad.status == 2 && bad.stderr.contains("--max-cost takes an amount in USD"))
    }

    @Test func dryRunCountsCacheHitsTokensAndBoundWithoutSending() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let questions = (0..<10).map {
            "question number \($0) " + String(repeating: "x", count: $0)
        }
        let all = questions.enumerated().map { ("c\($0.offset)", $0.element, [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: Array(all.prefix(4)))])
        let warm = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(warm.status == 0, "\(warm.stderr)")
        try project.write("suites/s.yaml", E2EProject.suite(cases: all))
        try Self.withPrices(project, "{ fake-model: { input: 2, output: 8 } }")

        let dry = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--dry-run", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try await server.stats()["requests"] as? Int == 4, "the dry run sent nothing")
        let estimate = try E2EProject.json(dry.stdout)
        #expect(estimate["requests"] as? Int == 10)
        #expect(estimate["cached"] as? Int == 4)
        #expect(estimate["to_send"] as? Int == 6)
        // "You are a test bot." is 19 characters; each request is ⌈(19 + question) / 4⌉.
        let input = questions.dropFirst(4).map { (19 + $0.count + 3) / 4 }.reduce(0, +)
        #expect(estimate["input_tokens_estimate"] as? Int == input)
        #expect(estimate["output_tokens_max"] as? Int == 6 * 50)
        let bound = (Double(input) * 2 + 300 * 8) / 1_000_000
        let reported = Self.number(estimate["cost_bound_usd"]) ?? -1
        #expect(abs(reported - bound) < 1e-8, "\(reported) vs \(bound)")

        let text = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--dry-run"], in: project.root,
            environment: E2EProject.env)
        #expect(text.stdout.contains("from cache        4"), "\(text.stdout)")
        #expect(text.stdout.contains("to send           6"))
    }

    @Test func unknownPriceIsReportedAsUnknown() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "q", [])])])
        let json = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        let summary = try #require(try E2EProject.json(json.stdout)["summary"] as? [String: Any])
        #expect(summary["cost_usd"] is NSNull && summary["spent_usd"] is NSNull)
        let text = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(text.stdout.contains("cost unknown"), "\(text.stdout)")
        let dry = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--dry-run", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(dry.stdout.contains("unknown: no price for fake-model"), "\(dry.stdout)")
    }

    @Test func compareReportsBothSidesCost() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "q one two", [])])])
        try project.write(
            "prompts/bot/v1.1.yaml",
            E2EProject.prompt.replacingOccurrences(of: "\"1.0\"", with: "\"1.1\""))
        try Self.withPrices(project, "{ fake-model: { input: 1000000, output: 0 } }")
        let result = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 0, "\(result.stderr)")
        let cost = try #require(try E2EProject.json(result.stdout)["cost_usd"] as? [String: Any])
        // Prompt tokens at $1 each: the fake model counts them from the words sent.
        #expect((Self.number(cost["baseline"]) ?? 0) > 0)
        #expect(Self.number(cost["baseline"]) == Self.number(cost["candidate"]))
        let text = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@1.1"], in: project.root, environment: E2EProject.env)
        #expect(text.stdout.contains("cost       base $"), "\(text.stdout)")
    }
}
