import Assertions
import Basics
import Conversation
import Foundation
import PromptGateModel
import Testing

@testable import Compare
@testable import Reports

/// `compare --format json` writes each case by hand: byte for byte what the case's object
/// gives through the report layout, for every shape a case takes (a side missing, an error,
/// no output, failed and skipped assertions, judge votes, repeats, a tool-call change, text
/// that needs escaping, fractions that need rounding).
@Suite struct CompareJSONCaseWriterTests {
    typealias Fixture = RunJSONCaseWriterTests

    static func side(_ results: [CaseResult]) -> CaseSide { CaseSide(results: results) }

    static let failing = failed(
        Fixture.result(
            output: "line \"two\"\n\u{1B}[2J",
            assertions: [
                AssertionResult(type: "contains", passed: false, score: 0, reason: "no 'x' <b>"),
                AssertionResult(
                    type: "regex", passed: false, score: 0, reason: "skipped", skipped: true),
                AssertionResult(type: "equals", passed: true, score: 1, reason: "equal"),
            ], score: 1.0 / 3.0))

    static func failed(_ r: CaseResult) -> CaseResult {
        var r = r
        r.passed = false
        return r
    }

    static let judged = Fixture.result(
        assertions: [
            AssertionResult(
                type: "llm-rubric", passed: true, score: 1, reason: "ok",
                judgeVotes: [true, false, true])
        ])

    static func comparison(
        base: CaseSide?, candidate: CaseSide?, status: CaseStatus = .regression,
        tags: [String] = ["billing", "é"], toolChange: ToolChange? = nil
    ) -> CaseComparison {
        CaseComparison(
            suite: "support", caseID: "reset-\u{1B}[31m\"x\"", tags: tags, base: base,
            candidate: candidate, status: status, withinFlakiness: true, textChanged: true,
            toolChange: toolChange)
    }

    static let cases: [CaseComparison] = [
        comparison(base: side([Fixture.result()]), candidate: side([failing])),
        comparison(base: nil, candidate: side([Fixture.result()]), status: .new, tags: []),
        comparison(
            base: side([Fixture.result(output: nil, error: "HTTP 500: <boom>\n", latency: nil)]),
            candidate: nil, status: .removed),
        comparison(
            base: side([judged, failing, Fixture.result()]), candidate: side([judged, judged])),
        comparison(
            base: side([Fixture.result(trajectory: [call("lookup", #"{"id": 1}"#)])]),
            candidate: side([Fixture.result(trajectory: [call("lookup", #"{"id": "2"}"#)])]),
            toolChange: ToolChange(
                base: [call("lookup", #"{"id": 1}"#)], candidate: [call("lookup", "not json")])),
    ]

    static func call(_ name: String, _ arguments: String) -> AgentStep {
        AgentStep(text: "", toolCalls: [ToolCall(id: "c1", name: name, arguments: arguments)])
    }

    @Test func everyShapeHasItsCase() {
        #expect(Self.cases[4].toolChange != nil)
        #expect(Self.cases[3].base?.isFlaky == true)
    }

    @Test(arguments: cases)
    func theWrittenCaseIsItsObjectInTheReportLayout(_ c: CaseComparison) throws {
        for level in [0, 2] {
            var written = ""
            try Comparison.writeCase(c, into: &written, level: level)
            let oracle = FoundationJSON.text(Comparison.caseObject(c), pretty: true, level: level)
            #expect(written == oracle)
        }
        var written = ""
        try Comparison.writeCase(c, into: &written, level: 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(object["id"] as? String == c.caseID)
        #expect(
            (object["candidate"] as? [String: Any])?["output"] as? String == c.candidate?.output)
    }

    /// A big output goes to the spill in slices after the text before it: joined, the
    /// pieces are the case's object, and no piece holds the whole output.
    @Test func aBigOutputIsSpilledInSlicesThatJoinToTheCase() throws {
        let output = String(repeating: "é \"quoted\"\n\u{1B}x ", count: 20_000)
        let c = Self.comparison(
            base: Self.side([Fixture.result(output: output)]),
            candidate: Self.side([Self.failing]))
        var pieces: [String] = []
        var rest = ""
        try Comparison.writeCase(c, into: &rest, level: 2) { pieces.append($0) }
        let oracle = FoundationJSON.text(Comparison.caseObject(c), pretty: true, level: 2)
        #expect(pieces.joined() + rest == oracle)
        #expect(pieces.count > 4)
        #expect(pieces.allSatisfy { $0.utf8.count < 70_000 })
        #expect(!rest.contains("quoted"))
    }
}
