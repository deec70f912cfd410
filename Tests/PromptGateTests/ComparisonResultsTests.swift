import Assertions
import Basics
import Compare
import Conversation
import Foundation
import PromptGateModel
import Reports
import Store
import TestKit
import Testing

/// A comparison reads each run's results without what none of its reports reads (the
/// prompt's messages but the input, passing assertions, request keys), so two big runs fit
/// in memory: every report of it is the same as from the whole results.
@Suite struct ComparisonResultsTests {
    static func result(
        _ id: String, ordinal: Int, passed: Bool, output: String, error: String? = nil,
        votes: [Bool]? = nil, trajectory: [AgentStep] = [], plain: Bool = false
    ) -> CaseResult {
        let checks = [
            AssertionResult(type: "contains", passed: true, score: 1, reason: "contains 'a'"),
            AssertionResult(
                type: "regex", passed: passed, score: passed ? 1 : 0, reason: "no match"),
            AssertionResult(
                type: "llm-rubric", passed: true, score: 0.8, reason: "polite",
                judgeVotes: votes),
            AssertionResult(
                type: "llm-rubric", passed: true, score: 0.6, reason: "tone", metric: "tone"),
            AssertionResult(
                type: "equals", passed: true, score: 0, reason: "skipped", skipped: true),
        ]
        return CaseResult(
            suite: "s", caseID: id, repeatIndex: 0, ordinal: ordinal, tags: ["billing"],
            messages: [
                ChatMessage(role: "system", content: "You are a long system prompt."),
                ChatMessage(role: "user", content: "first question of \(id)"),
                ChatMessage(role: "assistant", content: "an answer"),
                ChatMessage(role: "user", content: "the input of \(id)"),
            ],
            output: output, passed: passed, score: passed ? 1 : 0.25,
            assertions: plain ? Array(checks.prefix(1)) : checks, latencyMs: 12.5, promptTokens: 10,
            completionTokens: 5, finishReason: "stop",
            error: error, requestKey: String(repeating: "k", count: 64), origin: .live,
            trajectory: trajectory)
    }

    @Test func everyReportIsTheSameAsFromTheWholeResults() async throws {
        let project = try TempProject(files: [:])
        let store = try RunStore(path: project.path(".promptgate/promptgate.db"))
        let baseID = try await store.createRun(GradingMetricsTests.info("1"))
        let candidateID = try await store.createRun(GradingMetricsTests.info("2"))
        let call = AgentStep(
            text: "", toolCalls: [ToolCall(id: "c1", name: "lookup", arguments: "{}")])
        let base = [
            Self.result("kept", ordinal: 0, passed: true, output: "same"),
            Self.result("broke", ordinal: 1, passed: true, output: "fine", votes: [true, true]),
            Self.result("fixed", ordinal: 2, passed: false, output: "bad"),
            Self.result("tools", ordinal: 3, passed: true, output: "x", trajectory: [call]),
            Self.result("plain", ordinal: 5, passed: true, output: "p", plain: true),
        ]
        let candidate = [
            Self.result("kept", ordinal: 0, passed: true, output: "same"),
            Self.result(
                "broke", ordinal: 1, passed: false, output: "worse <b>", votes: [true, false]),
            Self.result("fixed", ordinal: 2, passed: true, output: "good"),
            Self.result("tools", ordinal: 3, passed: true, output: "x"),
            Self.result("down", ordinal: 4, passed: false, output: "", error: "HTTP 500"),
            Self.result("plain", ordinal: 5, passed: true, output: "q", plain: true),
        ]
        for r in base { try await store.append(r, runID: baseID) }
        for r in candidate { try await store.append(r, runID: candidateID) }
        let baseInfo = try #require(try await store.run(baseID))
        let candidateInfo = try #require(try await store.run(candidateID))

        func comparison(_ load: (Int64) async throws -> [CaseResult]) async throws -> Comparison {
            Comparer.compare(
                base: RunReport(info: baseInfo, results: try await load(baseID)),
                candidate: RunReport(info: candidateInfo, results: try await load(candidateID)))
        }
        let whole = try await comparison { try await store.results(runID: $0) }
        let lean = try await comparison { try await store.comparisonResults(runID: $0) }
        let style = TerminalStyle(enabled: false)
        #expect(lean.text(style: style) == whole.text(style: style))
        #expect(lean.json() == whole.json())
        #expect(lean.markdown() == whole.markdown())
        #expect(lean.html() == whole.html())
        #expect(lean.junit() == whole.junit())
        #expect(lean.statistics == whole.statistics)
        #expect(lean.judgeAgreement == whole.judgeAgreement)
        #expect(lean.metricDifferences == whole.metricDifferences)
        #expect(lean.cases.map(\.input) == whole.cases.map(\.input))
        #expect(lean.cases.first?.input == "the input of kept")

        // And it did leave things out.
        let stored = try await store.comparisonResults(runID: candidateID)
        #expect(stored.allSatisfy { $0.messages.count == 1 && $0.requestKey.isEmpty })
        let broke = try #require(stored.first { $0.caseID == "broke" })
        #expect(broke.assertions.map(\.reason) == ["no match", "polite", "tone"])
        let kept = try #require(stored.first { $0.caseID == "kept" })
        #expect(kept.assertions.map(\.reason) == ["tone"])
        // Only passing, unnamed, unjudged assertions: not even parsed.
        #expect(stored.first { $0.caseID == "plain" }?.assertions.isEmpty == true)
    }
}
