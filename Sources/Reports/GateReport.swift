import Basics
import Compare
import Foundation
import Gate

/// The gate's decision in each output format.
public struct GateReport {
    public var id: Int64
    public var path: String
    public var decision: GateDecision
    public var comparison: Comparison

    public init(id: Int64, path: String, decision: GateDecision, comparison: Comparison) {
        self.id = id
        self.path = path
        self.decision = decision
        self.comparison = comparison
    }

    public var headline: String {
        "\(decision.passed ? "PASS" : "BLOCKED"): \(comparison.candidate.promptRef) against \(comparison.base.promptRef) (gate \(id))"
    }

    public func text(style: TerminalStyle) throws -> String {
        let safe = TerminalText.sanitize
        let headline = safe(headline)
        var out =
            decision.passed ? style.green(style.bold(headline)) : style.red(style.bold(headline))
        out += "\n"
        for r in decision.reasons { out += "  ✗ \(safe(r))\n" }
        for w in decision.warnings { out += "  ! \(style.yellow(safe(w)))\n" }
        for n in decision.notes { out += "  • \(safe(n))\n" }
        out += "record: \(path)\n\n"
        out += try comparison.text(style: style, maxCasesPerSection: 20, maxChangedText: 0)
        return out
    }

    public func markdown() throws -> String {
        var out = "## \(decision.passed ? "✅" : "⛔") \(MarkdownEscape.text(headline))\n\n"
        for r in decision.reasons { out += "- ✗ \(MarkdownEscape.text(r))\n" }
        for w in decision.warnings { out += "- ⚠️ \(MarkdownEscape.text(w))\n" }
        for n in decision.notes { out += "- ℹ️ \(MarkdownEscape.text(n))\n" }
        out += "\nGate record: `\(path)`\n\n"
        return out + (try comparison.markdown(limit: 60_000 - out.count))
    }

    public func json() throws -> String {
        var out = ""
        try writeJSON { out += $0 }
        return out
    }

    /// The JSON report in pieces: the comparison (its first member: "comparison" sorts
    /// first) a case at a time, one level in, then the decision's members.
    public func writeJSON(_ write: (String) throws -> Void) throws {
        let object: [String: Any] = [
            "gate_id": id, "decision": decision.passed ? "pass" : "blocked", "record": path,
            "complete": comparison.isComplete,
            "reasons": decision.reasons, "warnings": decision.warnings, "notes": decision.notes,
        ]
        guard let members = try? JSONText.pretty(object), members.hasPrefix("{\n") else {
            return try write("\n")
        }
        try write("{\n  \"comparison\" : ")
        try comparison.writeJSON(level: 1, write)
        try write(",\n")
        try write(String(members.dropFirst(2)))
    }

    public func junit() throws -> String {
        var out = ""
        try writeJUnit { out += $0 }
        return out
    }

    /// ``junit()`` a piece at a time: the comparison's suites, then the gate's own.
    public func writeJUnit(_ write: (String) throws -> Void) throws {
        var gate =
            "  <testsuite name=\"gate\" tests=\"1\" failures=\"\(decision.passed ? 0 : 1)\" errors=\"0\">\n"
        gate +=
            "    <testcase classname=\"promptgate.gate\" name=\"\(XMLEscape.escape(comparison.candidate.promptRef))\">\n"
        if !decision.passed {
            let message = decision.reasons.joined(separator: "; ")
            gate +=
                "      <failure message=\"\(XMLEscape.escape(String(message.prefix(300))))\">\(XMLEscape.escape(decision.reasons.joined(separator: "\n")))</failure>\n"
        }
        gate += "    </testcase>\n  </testsuite>\n"
        try comparison.writeJUnit(closingWith: gate, write)
    }
}
