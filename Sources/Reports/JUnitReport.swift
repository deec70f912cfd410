import Basics
import Conversation
import Foundation
import PromptGateModel

/// JUnit XML: one `testsuite` per suite, one `testcase` per case × repeat; failures carry
/// the assertions' reasons and errors the provider's message. Model output is escaped.
extension RunReport {
    public func junit() -> String {
        var bySuite: [(String, [CaseResult])] = []
        for r in results {
            if let i = bySuite.firstIndex(where: { $0.0 == r.suite }) {
                bySuite[i].1.append(r)
            } else {
                bySuite.append((r.suite, [r]))
            }
        }
        let s = summary
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"\(XMLEscape.escape("promptgate \(info.promptRef)"))\" tests=\"\(s.total)\" "
        out +=
            "failures=\"\(s.failed)\" errors=\"\(s.errors)\" time=\"\(String(format: "%.3f", s.wallSeconds))\">\n"
        for (suite, cases) in bySuite {
            let failures = cases.filter { $0.error == nil && !$0.passed }.count
            let errors = cases.filter { $0.error != nil }.count
            let time = cases.reduce(0) { $0 + ($1.latencyMs ?? 0) } / 1000
            out += "  <testsuite name=\"\(XMLEscape.escape(suite))\" tests=\"\(cases.count)\" "
            out +=
                "failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(String(format: "%.3f", time))\">\n"
            for r in cases {
                let name = info.repeatCount > 1 ? "\(r.caseID) #\(r.repeatIndex + 1)" : r.caseID
                let time = String(format: "%.3f", (r.latencyMs ?? 0) / 1000)
                out +=
                    "    <testcase classname=\"\(XMLEscape.escape("\(info.promptRef).\(suite)"))\" "
                out += "name=\"\(XMLEscape.escape(name))\" time=\"\(time)\">\n"
                if let error = r.error {
                    out +=
                        "      <error message=\"\(XMLEscape.escape(String(error.prefix(300))))\">"
                    out += XMLEscape.escape(TerminalText.capped(error) + trajectory(r))
                    out += "</error>\n"
                } else if !r.passed {
                    let reasons = r.assertions.filter { !$0.passed && !$0.skipped }
                        .map { "\($0.type): \($0.reason)" }
                    let message = reasons.joined(separator: "; ")
                    out +=
                        "      <failure message=\"\(XMLEscape.escape(String(message.prefix(300))))\">"
                    out += XMLEscape.escape(
                        reasons.joined(separator: "\n") + "\n\noutput:\n" + (r.output ?? "")
                            + trajectory(r))
                    out += "</failure>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// "trajectory:" and one line per step, for a case that called tools.
    private func trajectory(_ r: CaseResult) -> String {
        r.trajectory.isEmpty
            ? "" : "\n\ntrajectory:\n" + AgentStep.reportLines(r.trajectory).joined(separator: "\n")
    }
}
