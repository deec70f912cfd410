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
        #expect(try lean.text(style: style) == whole.text(style: style))
        #expect(try lean.json() == whole.json())
        #expect(try lean.markdown() == whole.markdown())
        #expect(try lean.html() == whole.html())
        #expect(try lean.junit() == whole.junit())
        #expect(lean.statistics == whole.statistics)
        #expect(lean.judgeAgreement == whole.judgeAgreement)
        #expect(lean.metricDifferences == whole.metricDifferences)
        #expect(lean.cases.map(\.input) == whole.cases.map(\.input))
        #expect(lean.cases.first?.input == "the input of kept")

        // Summaries only, read a page at a time, the texts read back by the reports.
        for pageSize in [2, 4096] {
            var pairing = Pairing()
            for (side, info) in [(ComparisonSide.base, baseInfo), (.candidate, candidateInfo)] {
                let all = try await store.comparisonSummaries(runID: info.id).results
                pairing.begin(side: side, info, expected: .filled(by: all))
                var cursor: ResultCursor?
                repeat {
                    let page = try await store.comparisonSummaries(
                        runID: info.id, after: cursor, limit: pageSize)
                    pairing.add(side: side, page.results)
                    cursor = page.next
                } while cursor != nil
            }
            var summarized = pairing.finish(alpha: 0.05)
            #expect(summarized.cases.allSatisfy { ($0.base?.results ?? []).isEmpty })
            #expect(summarized.cases.allSatisfy { ($0.candidate?.results ?? []).isEmpty })
            summarized.source = try StoredResults(path: store.path)
            #expect(try summarized.text(style: style) == whole.text(style: style), "\(pageSize)")
            #expect(try summarized.json() == whole.json(), "\(pageSize)")
            #expect(try summarized.markdown() == whole.markdown(), "\(pageSize)")
            #expect(try summarized.html() == whole.html(), "\(pageSize)")
            #expect(try summarized.junit() == whole.junit(), "\(pageSize)")
            #expect(summarized.statistics == whole.statistics)
            #expect(summarized.coverage == whole.coverage)
            #expect(summarized.judgeAgreement == whole.judgeAgreement)
            #expect(summarized.metricDifferences == whole.metricDifferences)
            #expect(summarized.cases.map(\.status) == whole.cases.map(\.status))
            #expect(summarized.cases.map(\.toolChange) == whole.cases.map(\.toolChange))
            // Whether a text changed is told from the digests alone.
            let changed = Dictionary(
                uniqueKeysWithValues: summarized.cases.map { ($0.caseID, $0.textChanged) })
            #expect(
                changed == [
                    "kept": false, "broke": true, "fixed": true, "tools": false,
                    "down": true, "plain": true,
                ])
        }

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

    /// A source that has lost every row: what a report sees when the store was pruned
    /// under it.
    struct EmptySource: ResultSource {
        func results(rowIDs: [Int64]) throws(PromptGateError) -> [Int64: CaseResult] { [:] }
    }

    @Test func aReportWhoseTextsAreGoneFailsRatherThanShowingNothing() async throws {
        let project = try TempProject(files: [:])
        let store = try RunStore(path: project.path(".promptgate/promptgate.db"))
        var ids: [Int64] = []
        for (version, output) in [("1", "old"), ("2", "new")] {
            let id = try await store.createRun(GradingMetricsTests.info(version))
            try await store.append(
                Self.result("a", ordinal: 0, passed: version == "1", output: output), runID: id)
            ids.append(id)
        }
        var pairing = Pairing()
        for (side, id) in zip([ComparisonSide.base, .candidate], ids) {
            let info = try #require(try await store.run(id))
            let all = try await store.comparisonSummaries(runID: id).results
            pairing.add(side: side, info, results: all, expected: nil)
        }
        var comparison = pairing.finish(alpha: 0.05)
        comparison.source = EmptySource()
        let message =
            "the store no longer holds the results of s/a that this comparison read; compare again"
        let reports: [(String, () throws -> String)] = [
            ("json", { try comparison.json() }),
            ("text", { try comparison.text(style: TerminalStyle(enabled: false)) }),
            ("markdown", { try comparison.markdown() }),
            ("html", { try comparison.html() }),
            ("junit", { try comparison.junit() }),
        ]
        for (name, report) in reports {
            do {
                _ = try report()
                Issue.record("\(name): no error")
            } catch let error as PromptGateError {
                guard case .infrastructure(let text) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(text == message, "\(name)")
                #expect(error.exitStatus == .infrastructure)
            }
        }
        // The statistics need no text: they are there without the source.
        #expect(comparison.statistics.regressions == 1)
    }
}
