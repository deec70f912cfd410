import Basics
import Compare
import PromptGateModel

/// One case of the compare report written straight into the text, members in sorted order:
/// the bytes ``Comparison/caseObject(_:)`` gives through ``FoundationJSON`` in the report
/// layout, without a dictionary of `Any` per case and per side. The rare members (tool-call
/// changes, judge votes) still go through their objects.
extension Comparison {
    private typealias Layout = ReportJSONLayout

    /// The case as an object whose members are at `level + 1`. With `spill`, a big output
    /// goes there in slices, after the text written so far (see ``ReportJSONLayout/Spill``).
    static func writeCase(
        _ c: CaseComparison, into out: inout String, level: Int,
        spill: ReportJSONLayout.Spill? = nil
    ) throws {
        let inner = level + 1
        out += "{\n"
        Layout.key("baseline", into: &out, level: inner)
        try writeSide(c.base, into: &out, level: inner, spill: spill)
        out += ",\n"
        Layout.key("candidate", into: &out, level: inner)
        try writeSide(c.candidate, into: &out, level: inner, spill: spill)
        out += ",\n"
        Layout.field("id", JSONText.string(c.caseID), into: &out, level: inner)
        Layout.field(
            "judge_disagreed", c.judgeDisagreed ? "true" : "false", into: &out, level: inner)
        Layout.field("status", JSONText.string(c.status.rawValue), into: &out, level: inner)
        Layout.field("suite", JSONText.string(c.suite), into: &out, level: inner)
        Layout.key("tags", into: &out, level: inner)
        Layout.array(c.tags, into: &out, level: inner) { tag, out, _ in out += JSONText.string(tag)
        }
        out += ",\n"
        Layout.field("text_changed", c.textChanged ? "true" : "false", into: &out, level: inner)
        if let change = c.toolChange {
            let text = FoundationJSON.text(toolChangeObject(change), pretty: true, level: inner)
            Layout.field("tool_change", text ?? "null", into: &out, level: inner)
        }
        Layout.field("tools_changed", c.toolsChanged ? "true" : "false", into: &out, level: inner)
        Layout.last(
            "within_flakiness", c.withinFlakiness ? "true" : "false", into: &out, level: inner)
    }

    private static func writeSide(
        _ side: CaseSide?, into out: inout String, level: Int, spill: ReportJSONLayout.Spill?
    ) throws {
        guard let side else {
            out += "null"
            return
        }
        let inner = level + 1
        out += "{\n"
        let error = side.results.lazy.compactMap(\.error).first
        Layout.field("error", error.map(JSONText.string) ?? "null", into: &out, level: inner)
        Layout.key("failed_assertions", into: &out, level: inner)
        let failed = (side.first?.assertions ?? []).filter { !$0.passed && !$0.skipped }
        Layout.array(failed, into: &out, level: inner) { a, out, level in
            out += "{\n"
            Layout.field("reason", JSONText.string(a.reason), into: &out, level: level + 1)
            Layout.last("type", JSONText.string(a.type), into: &out, level: level + 1)
        }
        out += ",\n"
        Layout.field("flaky", side.isFlaky ? "true" : "false", into: &out, level: inner)
        if side.results.contains(where: { $0.assertions.contains { $0.judgeVotes != nil } }) {
            let votes = side.results.map { $0.assertions.compactMap(\.judgeVotes) }
            let text = FoundationJSON.text(votes, pretty: true, level: inner)
            Layout.field("judge_votes", text ?? "null", into: &out, level: inner)
        }
        try Layout.field("output", string: side.output, into: &out, level: inner, spill: spill)
        Layout.field("pass_fraction", Layout.number(side.passFraction), into: &out, level: inner)
        Layout.field("passed", side.passed ? "true" : "false", into: &out, level: inner)
        Layout.field("repeats", String(side.results.count), into: &out, level: inner)
        Layout.last("score", Layout.number(side.meanScore), into: &out, level: inner)
    }
}
