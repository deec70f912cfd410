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

    public func text(style: TerminalStyle) -> String {
        let safe = TerminalText.sanitize
        let headline = safe(headline)
        var out =
            decision.passed ? style.green(style.bold(headline)) : style.red(style.bold(headline))
        out += "\n"
        for r in decision.reasons { out += "  ✗ \(safe(r))\n" }
        for w in decision.warnings { out += "  ! \(style.yellow(safe(w)))\n" }
        for n in decision.notes { out += "  • \(safe(n))\n" }
        out += "record: \(path)\n\n"
        out += comparison.text(style: style, maxCasesPerSection: 20, maxChangedText: 0)
        return out
    }

    public func markdown() -> String {
        var out = "## \(decision.passed ? "✅" : "⛔") \(MarkdownEscape.text(headline))\n\n"
        for r in decision.reasons { out += "- ✗ \(MarkdownEscape.text(r))\n" }
        for w in decision.warnings { out += "- ⚠️ \(MarkdownEscape.text(w))\n" }
        for n in decision.notes { out += "- ℹ️ \(MarkdownEscape.text(n))\n" }
        out += "\nGate record: `\(path)`\n\n"
        return out + comparison.markdown(limit: 60_000 - out.count)
    }

    public func json() -> String {
        let object: [String: Any] = [
            "gate_id": id, "decision": decision.passed ? "pass" : "blocked", "record": path,
            "complete": comparison.isComplete,
            "reasons": decision.reasons, "warnings": decision.warnings, "notes": decision.notes,
        ]
        guard let members = try? JSONText.pretty(object), members.hasPrefix("{\n") else {
            return "\n"
        }
        // The comparison's own JSON, one level deeper, as the first member ("comparison"
        // sorts first): not parsed and written again, which for thousands of cases cost
        // more than the rest of the gate. A newline in JSON text is always layout (strings
        // escape theirs), so indenting after each one indents the lines; empty lines (an
        // empty list's) stay empty, as the pretty printer writes them.
        var compare = comparison.json()
        while compare.hasSuffix("\n") { compare.removeLast() }
        var out = "{\n  \"comparison\" : "
        out.reserveCapacity(compare.utf8.count + compare.utf8.count / 8 + members.utf8.count)
        var first = true
        for line in compare.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out += line.isEmpty ? "\n" : "\n  " }
            out += line
            first = false
        }
        out += ",\n"
        out += members.dropFirst(2)
        return out
    }

    public func junit() -> String {
        var xml = comparison.junit()
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
        if let range = xml.range(of: "</testsuites>", options: .backwards) {
            xml.insert(contentsOf: gate, at: range.lowerBound)
        } else {
            xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n\(gate)</testsuites>\n"
        }
        return xml
    }
}
