import Assertions
import Conversation
import Foundation
import JSON
import PromptGateModel
import Testing

@testable import Reports

/// `run --format json` writes each case by hand: byte for byte the report layout of the case
/// as a value, for every shape a case takes (no assertions, a skipped or named one, an error,
/// no output, no tags, a trajectory, text that needs escaping, scores that need rounding).
@Suite struct RunJSONCaseWriterTests {
    static func result(
        output: String? = "Go to Settings.", error: String? = nil, tags: [String] = ["billing"],
        assertions: [AssertionResult] = [], latency: Double? = 123.456, score: Double = 1,
        trajectory: [AgentStep] = []
    ) -> CaseResult {
        CaseResult(
            suite: "support", caseID: "reset-\u{1B}[31m\"x\"", repeatIndex: 2, ordinal: 0,
            tags: tags, messages: [], output: output, passed: error == nil, score: score,
            assertions: assertions, latencyMs: latency, promptTokens: 3, completionTokens: 4,
            finishReason: "stop", error: error, requestKey: "k", origin: .live,
            trajectory: trajectory)
    }

    static let cases: [CaseResult] = [
        result(),
        result(output: nil, error: "HTTP 500: <boom>\n", tags: [], latency: nil),
        result(
            output: "line one\nline \"two\" \u{7F}\u{2028}",
            assertions: [
                AssertionResult(type: "contains", passed: true, score: 1, reason: "contains 'x'"),
                AssertionResult(
                    type: "llm-rubric", passed: false, score: 0.333333333, reason: "tone\tcold",
                    metric: "tone"),
                AssertionResult(
                    type: "regex", passed: true, score: 0, reason: "skipped: no output",
                    skipped: true),
            ], score: 2.0 / 3.0),
        result(
            tags: ["a", "b", "c"], score: 0.12345,
            trajectory: [
                AgentStep(
                    text: "", toolCalls: [ToolCall(id: "c1", name: "lookup", arguments: "{}")]),
                AgentStep(text: "Done.", toolCalls: []),
            ]),
    ]

    @Test(arguments: cases)
    func theWrittenCaseIsItsValueInTheReportLayout(_ r: CaseResult) throws {
        for level in [0, 2] {
            var written = ""
            try RunJSONReport.writeCase(r, into: &written, level: level)
            #expect(written == RunJSONReport.caseValue(r).reportText(level: level))
        }
        var written = ""
        try RunJSONReport.writeCase(r, into: &written, level: 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(object["id"] as? String == r.caseID)
        #expect(object["output"] as? String == r.output)
    }
}
