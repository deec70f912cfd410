import Foundation

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
            "<testsuites name=\"\(XML.escape("promptgate \(info.promptRef)"))\" tests=\"\(s.total)\" "
        out +=
            "failures=\"\(s.failed)\" errors=\"\(s.errors)\" time=\"\(String(format: "%.3f", s.wallSeconds))\">\n"
        for (suite, cases) in bySuite {
            let failures = cases.filter { $0.error == nil && !$0.passed }.count
            let errors = cases.filter { $0.error != nil }.count
            let time = cases.reduce(0) { $0 + ($1.latencyMs ?? 0) } / 1000
            out += "  <testsuite name=\"\(XML.escape(suite))\" tests=\"\(cases.count)\" "
            out +=
                "failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(String(format: "%.3f", time))\">\n"
            for r in cases {
                let name = info.repeatCount > 1 ? "\(r.caseID) #\(r.repeatIndex + 1)" : r.caseID
                let time = String(format: "%.3f", (r.latencyMs ?? 0) / 1000)
                out += "    <testcase classname=\"\(XML.escape("\(info.promptRef).\(suite)"))\" "
                out += "name=\"\(XML.escape(name))\" time=\"\(time)\">\n"
                if let error = r.error {
                    out += "      <error message=\"\(XML.escape(String(error.prefix(300))))\">"
                    out += "\(XML.escape(TerminalText.capped(error)))</error>\n"
                } else if !r.passed {
                    let reasons = r.assertions.filter { !$0.passed && !$0.skipped }
                        .map { "\($0.type): \($0.reason)" }
                    let message = reasons.joined(separator: "; ")
                    out += "      <failure message=\"\(XML.escape(String(message.prefix(300))))\">"
                    out += XML.escape(
                        reasons.joined(separator: "\n") + "\n\noutput:\n" + (r.output ?? ""))
                    out += "</failure>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }
}

/// XML escaping for text and attributes. Characters XML 1.0 cannot carry, and those a terminal
/// would act on, are written as ``TerminalText`` escapes (`\x1b`; CR as `&#13;`), U+FFFE and
/// U+FFFF as U+FFFD.
enum XML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if TerminalText.needsEscape(scalar) {
                    out += TerminalText.escape(scalar)
                } else if (0xFFFE...0xFFFF).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
