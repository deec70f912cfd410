import Basics
import Conversation
import JSON
import PromptGateModel

/// One case of the run report written straight into the text: no dictionary of values per
/// case, no sorting of its keys (they are written in sorted order), no string per scalar.
/// The bytes are the ones ``RunJSONReport/caseValue(_:)`` gives in the report layout.
extension RunJSONReport {
    /// The case as an object whose members are at `level + 1`.
    static func writeCase(_ r: CaseResult, into out: inout String, level: Int) {
        let inner = level + 1
        out += "{\n"
        key("assertions", into: &out, level: inner)
        array(r.assertions, into: &out, level: inner) { a, out, level in
            out += "{\n"
            let member = level + 1
            if let metric = a.metric {
                field("metric", JSONText.string(metric), into: &out, level: member)
            }
            field("passed", a.passed ? "true" : "false", into: &out, level: member)
            field("reason", JSONText.string(a.reason), into: &out, level: member)
            field("score", JSONText.number(a.score), into: &out, level: member)
            if a.skipped { field("skipped", "true", into: &out, level: member) }
            key("type", into: &out, level: member)
            out += JSONText.string(a.type)
            out += "\n"
            indent(&out, level)
            out += "}"
        }
        out += ",\n"
        field("error", r.error.map(JSONText.string) ?? "null", into: &out, level: inner)
        field("id", JSONText.string(r.caseID), into: &out, level: inner)
        let latency = r.latencyMs.map { roundedText($0, places: 1) } ?? "null"
        field("latency_ms", latency, into: &out, level: inner)
        field("output", r.output.map(JSONText.string) ?? "null", into: &out, level: inner)
        field("passed", r.passed ? "true" : "false", into: &out, level: inner)
        field("repeat", String(r.repeatIndex), into: &out, level: inner)
        field("score", roundedText(r.score, places: 4), into: &out, level: inner)
        field("suite", JSONText.string(r.suite), into: &out, level: inner)
        key("tags", into: &out, level: inner)
        array(r.tags, into: &out, level: inner) { tag, out, _ in out += JSONText.string(tag) }
        if !r.trajectory.isEmpty {
            out += ",\n"
            key("trajectory", into: &out, level: inner)
            let steps = (try? JSONParser.parse(AgentStep.jsonText(r.trajectory))) ?? []
            steps.writeReport(into: &out, level: inner)
        }
        out += "\n"
        indent(&out, level)
        out += "}"
    }

    /// `JSONValue.rounded(value, places:)`'s text.
    static func roundedText(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return JSONText.number((value * scale).rounded() / scale)
    }

    /// Indentation a level at a time would be four appends a line at the depth of an
    /// assertion's members: one append of a ready string instead.
    private static let indents = (0..<8).map { String(repeating: "  ", count: $0) }

    private static func indent(_ out: inout String, _ level: Int) {
        guard level < indents.count else {
            for _ in 0..<level { out += "  " }
            return
        }
        out += indents[level]
    }

    /// An indented `"name" : ` (the names here need no escaping).
    private static func key(_ name: String, into out: inout String, level: Int) {
        indent(&out, level)
        out += "\""
        out += name
        out += "\" : "
    }

    /// A member that is not the last of its object: `"name" : value,` and a new line.
    private static func field(_ name: String, _ json: String, into out: inout String, level: Int) {
        key(name, into: &out, level: level)
        out += json
        out += ",\n"
    }

    /// An array at `level`: each item on its own line one level in, written by `item` (which
    /// is given that level), an empty one as `[`, a blank line, `]`.
    private static func array<T>(
        _ items: [T], into out: inout String, level: Int,
        item: (T, inout String, Int) -> Void
    ) {
        out += "[\n"
        if items.isEmpty { out += "\n" }
        for (index, value) in items.enumerated() {
            indent(&out, level + 1)
            item(value, &out, level + 1)
            out += index == items.count - 1 ? "\n" : ",\n"
        }
        indent(&out, level)
        out += "]"
    }
}
