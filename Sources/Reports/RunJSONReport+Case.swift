import Basics
import Conversation
import JSON
import PromptGateModel

/// One case of the run report written straight into the text: no dictionary of values per
/// case, no sorting of its keys (they are written in sorted order), no string per scalar.
/// The bytes are the ones ``RunJSONReport/caseValue(_:)`` gives in the report layout.
extension RunJSONReport {
    private typealias Layout = ReportJSONLayout

    /// The case as an object whose members are at `level + 1`. With `spill`, a big output
    /// goes there in slices, after the text written so far (see ``ReportJSONLayout/Spill``).
    static func writeCase(
        _ r: CaseResult, into out: inout String, level: Int,
        spill: ReportJSONLayout.Spill? = nil
    ) throws {
        let inner = level + 1
        out += "{\n"
        Layout.key("assertions", into: &out, level: inner)
        Layout.array(r.assertions, into: &out, level: inner) { a, out, level in
            out += "{\n"
            let member = level + 1
            if let metric = a.metric {
                Layout.field("metric", JSONText.string(metric), into: &out, level: member)
            }
            Layout.field("passed", a.passed ? "true" : "false", into: &out, level: member)
            Layout.field("reason", JSONText.string(a.reason), into: &out, level: member)
            Layout.field("score", JSONText.number(a.score), into: &out, level: member)
            if a.skipped { Layout.field("skipped", "true", into: &out, level: member) }
            Layout.key("type", into: &out, level: member)
            out += JSONText.string(a.type)
            out += "\n"
            Layout.indent(&out, level)
            out += "}"
        }
        out += ",\n"
        Layout.field("error", r.error.map(JSONText.string) ?? "null", into: &out, level: inner)
        Layout.field("id", JSONText.string(r.caseID), into: &out, level: inner)
        let latency = r.latencyMs.map { Layout.roundedText($0, places: 1) } ?? "null"
        Layout.field("latency_ms", latency, into: &out, level: inner)
        try Layout.field("output", string: r.output, into: &out, level: inner, spill: spill)
        Layout.field("passed", r.passed ? "true" : "false", into: &out, level: inner)
        Layout.field("repeat", String(r.repeatIndex), into: &out, level: inner)
        Layout.field("score", Layout.roundedText(r.score, places: 4), into: &out, level: inner)
        Layout.field("suite", JSONText.string(r.suite), into: &out, level: inner)
        Layout.key("tags", into: &out, level: inner)
        Layout.array(r.tags, into: &out, level: inner) { tag, out, _ in out += JSONText.string(tag)
        }
        if !r.trajectory.isEmpty {
            out += ",\n"
            Layout.key("trajectory", into: &out, level: inner)
            let steps = (try? JSONParser.parse(AgentStep.jsonText(r.trajectory))) ?? []
            steps.writeReport(into: &out, level: inner)
        }
        out += "\n"
        Layout.indent(&out, level)
        out += "}"
    }
}
