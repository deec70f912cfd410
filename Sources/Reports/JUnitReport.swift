import Basics
import Conversation
import Foundation
import PromptGateModel

/// JUnit XML: one `testsuite` per suite, one `testcase` per case × repeat; failures carry
/// the assertions' reasons and errors the provider's message. Model output is escaped.
extension RunReport {
    public func junit() -> String {
        var counts: [SuiteTally] = []
        for r in results {
            if counts.last?.suite != r.suite {
                counts.append(SuiteTally(suite: r.suite))
            }
            counts[counts.count - 1].add(r)
        }
        var writer = RunJUnitReport(info: info, summary: summary, suites: counts)
        var out = writer.head
        for r in results { out += writer.item(r) }
        return out + writer.tail
    }
}

/// The JUnit report in pieces, so `run --format junit` writes it as it reads the results
/// (in plan order, a suite's cases together) from the store: ``head``, ``item(_:)`` per
/// result, ``tail``. Each suite's element carries its counts, known up front.
public struct RunJUnitReport: Sendable {
    public var info: RunInfo
    public var summary: RunSummary
    public var suites: [String: SuiteTally]
    private var open: String?

    public init(info: RunInfo, summary: RunSummary, suites: [SuiteTally]) {
        self.info = info
        self.summary = summary
        self.suites = Dictionary(suites.map { ($0.suite, $0) }) { first, _ in first }
    }

    public var head: String {
        let s = summary
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"\(XMLEscape.escape("promptgate \(info.promptRef)"))\" tests=\"\(s.total)\" "
        out +=
            "failures=\"\(s.failed)\" errors=\"\(s.errors)\" time=\"\(String(format: "%.3f", s.wallSeconds))\">\n"
        return out
    }

    /// One `testcase`, after the `testsuite` tags its suite needs.
    public mutating func item(_ r: CaseResult) -> String {
        var out = ""
        if open != r.suite {
            if open != nil { out += "  </testsuite>\n" }
            open = r.suite
            let counts = suites[r.suite] ?? SuiteTally(suite: r.suite)
            let time = String(format: "%.3f", counts.latencyMs / 1000)
            out += "  <testsuite name=\"\(XMLEscape.escape(r.suite))\" tests=\"\(counts.tests)\" "
            out += "failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" time=\"\(time)\">\n"
        }
        let name = info.repeatCount > 1 ? "\(r.caseID) #\(r.repeatIndex + 1)" : r.caseID
        let time = String(format: "%.3f", (r.latencyMs ?? 0) / 1000)
        out += "    <testcase classname=\"\(XMLEscape.escape("\(info.promptRef).\(r.suite)"))\" "
        out += "name=\"\(XMLEscape.escape(name))\" time=\"\(time)\">\n"
        if let error = r.error {
            out += "      <error message=\"\(XMLEscape.escape(String(error.prefix(300))))\">"
            out += XMLEscape.escape(TerminalText.capped(error) + Self.trajectory(r))
            out += "</error>\n"
        } else if !r.passed {
            let reasons = r.assertions.filter { !$0.passed && !$0.skipped }
                .map { "\($0.type): \($0.reason)" }
            let message = reasons.joined(separator: "; ")
            out += "      <failure message=\"\(XMLEscape.escape(String(message.prefix(300))))\">"
            out += XMLEscape.escape(
                reasons.joined(separator: "\n") + "\n\noutput:\n" + (r.output ?? "")
                    + Self.trajectory(r))
            out += "</failure>\n"
        }
        out += "    </testcase>\n"
        return out
    }

    /// Closes the last suite and the document.
    public var tail: String {
        (open != nil ? "  </testsuite>\n" : "") + "</testsuites>\n"
    }

    /// "trajectory:" and one line per step, for a case that called tools.
    private static func trajectory(_ r: CaseResult) -> String {
        r.trajectory.isEmpty
            ? "" : "\n\ntrajectory:\n" + AgentStep.reportLines(r.trajectory).joined(separator: "\n")
    }
}
