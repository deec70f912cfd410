import Assertions
import Basics
import Compare
import Foundation
import PromptGateModel
import Reports
import Store
import TestKit
import Testing

/// Named metrics: means per run, differences in compare, and where reports show them.
@Suite struct GradingMetricsTests {
    static func result(
        _ id: String, repeatIndex: Int = 0, error: String? = nil,
        _ scores: [(String?, Double, Bool)]
    ) -> CaseResult {
        CaseResult(
            suite: "s", caseID: id, repeatIndex: repeatIndex, ordinal: 0, tags: [], messages: [],
            output: "o", passed: true, score: 1,
            assertions: scores.map { metric, score, skipped in
                AssertionResult(
                    type: "llm-rubric", passed: score >= 0.5, score: score, reason: "r",
                    metric: metric, skipped: skipped)
            }, latencyMs: nil, promptTokens: nil, completionTokens: nil, finishReason: nil,
            error: error, requestKey: "k", origin: .live)
    }

    static func info(_ version: String) -> RunInfo {
        RunInfo(
            id: 1, startedAt: "t", promptID: "bot", promptVersion: version,
            prompt: .init(path: "p", sha256: "x"), suites: [], suiteNames: ["s"],
            providerName: "fake", providerConfig: "{}", providerSHA256: "x",
            promptgateVersion: "0", status: .completed, repeatCount: 1, mode: "live")
    }

    @Test func meansSkipSkippedAndErroredResults() {
        let results = [
            Self.result("a", [("tone", 0.8, false), ("accuracy", 1, false), (nil, 0, false)]),
            Self.result("b", [("tone", 0.4, false), ("tone", 0, true)]),
            Self.result("c", error: "HTTP 500", [("tone", 0, false)]),
        ]
        let means = NamedMetrics.means(results)
        #expect(means.map(\.name) == ["accuracy", "tone"])
        #expect(means[0].mean == 1 && means[0].count == 1)
        #expect(abs(means[1].mean - 0.6) < 1e-12 && means[1].count == 2)
        #expect(NamedMetrics.means([Self.result("x", [(nil, 1, false)])]).isEmpty)
    }

    @Test func runReportsShowMetrics() throws {
        let report = RunReport(
            info: Self.info("1"),
            results: [
                Self.result("a", [("tone", 0.8, false)]), Self.result("b", [("tone", 0.5, false)]),
            ])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect((json["metrics"] as? [String: Double])?["tone"] == 0.65)
        #expect(report.text(style: TerminalStyle(enabled: false)).contains("metrics: tone 0.65\n"))
        let plain = RunReport(info: Self.info("1"), results: [Self.result("a", [(nil, 1, false)])])
        #expect(!plain.json().contains("\"metrics\""))
        #expect(!plain.text(style: TerminalStyle(enabled: false)).contains("metrics"))
    }

    @Test func compareShowsEachMetricsDifference() throws {
        let base = RunReport(
            info: Self.info("1"),
            results: [Self.result("a", [("tone", 0.5, false), ("only-base", 1, false)])])
        let candidate = RunReport(
            info: Self.info("2"), results: [Self.result("a", [("tone", 0.75, false)])])
        let comparison = Comparer.compare(base: base, candidate: candidate)
        let differences = comparison.metricDifferences
        #expect(differences.map(\.name) == ["only-base", "tone"])
        #expect(differences[1].difference == 0.25 && differences[0].difference == nil)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(comparison.json().utf8)) as? [String: Any])
        let tone = try #require((json["metrics"] as? [String: Any])?["tone"] as? [String: Any])
        #expect(tone["baseline"] as? Double == 0.5 && tone["candidate"] as? Double == 0.75)
        #expect(tone["difference"] as? Double == 0.25)
        #expect(
            (json["metrics"] as? [String: Any])?["only-base"].map {
                ($0 as? [String: Any])?["candidate"] is NSNull
            } == true)
        let text = try comparison.text(style: TerminalStyle(enabled: false))
        #expect(text.contains("metrics (mean score):\n"))
        #expect(text.contains("tone       0.50 → 0.75  (+0.25)\n"))
        #expect(text.contains("only-base  1.00 →  n/a\n"))
    }
}

@Suite struct GradingStoreMetricsTests {
    @Test func storeMeansMatchTheInMemoryMeans() async throws {
        let project = try TempProject(files: [:])
        let store = try RunStore(path: project.path(".promptgate/promptgate.db"))
        let id = try await store.createRun(GradingMetricsTests.info("1"))
        let results = [
            GradingMetricsTests.result("a", [("tone", 0.8, false), ("accuracy", 1, false)]),
            GradingMetricsTests.result("b", [("tone", 0.4, false), ("tone", 0, true)]),
            GradingMetricsTests.result("c", error: "HTTP 500", [("tone", 0, false)]),
            GradingMetricsTests.result("d", [(nil, 0.1, false)]),
        ]
        for r in results { try await store.append(r, runID: id) }
        let stored = try await store.metricMeans(runID: id)
        let memory = NamedMetrics.means(results)
        #expect(stored.map(\.name) == ["accuracy", "tone"])
        #expect(stored.map(\.count) == memory.map(\.count))
        #expect(zip(stored, memory).allSatisfy { abs($0.mean - $1.mean) < 1e-12 })
    }
}
