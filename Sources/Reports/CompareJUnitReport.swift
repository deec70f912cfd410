import Basics
import Compare
import Diff

/// The JUnit XML report of a comparison, for CI systems that display test results.
extension Comparison {
    /// Longest diff written into a failure, so a huge output cannot bloat the file.
    static let junitDiffLimit = 20_000

    /// JUnit XML: each case a testcase; each regression a failure (with the failing assertions'
    /// reasons and the diff as text); errors as `<error>`; everything else passes. One
    /// `testsuite` per suite, carrying the overall statistics as properties.
    /// Throws when the store cannot give back the results a failure or an error shows.
    public func junit() throws -> String {
        var out = ""
        try writeJUnit { out += $0 }
        return out
    }

    /// ``junit()`` handed to `write` a piece of about 64 KB at a time; `extra` (more
    /// `<testsuite>` elements, the gate's) goes before the closing tag.
    public func writeJUnit(closingWith extra: String = "", _ write: (String) throws -> Void)
        throws
    {
        // Each suite's cases by position, not copied out.
        var bySuite: [(suite: String, cases: [Int])] = []
        var index: [String: Int] = [:]
        for (position, c) in cases.enumerated() {
            if let i = index[c.suite] {
                bySuite[i].cases.append(position)
            } else {
                index[c.suite] = bySuite.count
                bySuite.append((c.suite, [position]))
            }
        }
        let name = "promptgate compare " + CompareFormat.title(base: base, candidate: candidate)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out.reserveCapacity(1 << 17)
        func flushIfFull() throws {
            guard out.utf8.count >= 1 << 16 else { return }
            try write(out)
            out = ""
        }
        let coverageFailure = coverage.complete ? 0 : 1
        out += "<testsuites name=\"\(XMLEscape.escape(name))\" "
        out += "tests=\"\(cases.count + coverageFailure)\" "
        out += "failures=\"\(count(.regression) + coverageFailure)\" "
        out += "errors=\"\(count(.error))\">\n"
        let properties = junitProperties()
        if let line = coverage.verdictLine {
            // Incomplete evidence fails the report itself, so CI cannot read it as green.
            out += "  <testsuite name=\"coverage\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
            out += "    <testcase classname=\"promptgate.coverage\" name=\"complete evidence\">\n"
            out += "      <failure message=\"\(XMLEscape.escape(String(line.prefix(300))))\">"
            out += XMLEscape.escape(line + "\n" + ComparisonCoverage.hint) + "</failure>\n"
            out += "    </testcase>\n  </testsuite>\n"
        }
        for (suite, positions) in bySuite {
            let group = positions.lazy.map { cases[$0] }
            let failures = group.filter { $0.status == .regression }.count
            let errors = group.filter { $0.status == .error }.count
            out += "  <testsuite name=\"\(XMLEscape.escape(suite))\" tests=\"\(group.count)\" "
            out += "failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\">\n"
            out += properties
            // Only a regression's and an error's texts are shown: only theirs are read back.
            let shown = { (c: CaseComparison) in c.status == .regression || c.status == .error }
            try forEachCase(group, reading: shown) { c in
                out += "    <testcase classname=\"\(XMLEscape.escape("compare.\(suite)"))\" "
                out += "name=\"\(XMLEscape.escape(c.caseID))\""
                switch c.status {
                case .regression:
                    out += ">\n" + junitFailure(c) + "    </testcase>\n"
                case .error:
                    let reasons =
                        CompareFormat.reasons(c.base).map { "base: " + $0 }
                        + CompareFormat.reasons(c.candidate).map { "candidate: " + $0 }
                    let text = reasons.joined(separator: "\n")
                    out += ">\n      <error type=\"error\" message=\""
                    out +=
                        XMLEscape.escape(String(text.prefix(300))) + "\">" + XMLEscape.escape(text)
                    out += "</error>\n    </testcase>\n"
                default:
                    if let change = c.toolChange {
                        // Not a failure, but worth seeing: the calls changed under the same verdict.
                        out += ">\n      <system-out>" + XMLEscape.escape(Self.junitTools(change))
                        out += "</system-out>\n    </testcase>\n"
                    } else {
                        out += "/>\n"
                    }
                }
                try flushIfFull()
            }
            out += "  </testsuite>\n"
        }
        try write(out + extra + "</testsuites>\n")
    }

    private func junitProperties() -> String {
        let s = statistics
        var values: [(String, String)] = [
            ("base", base.promptRef), ("candidate", candidate.promptRef),
            ("base_pass_rate", CompareFormat.rate(s.baseline)),
            ("candidate_pass_rate", CompareFormat.rate(s.candidate)),
            ("mcnemar_p", CompareFormat.p(s.mcnemarP)),
            ("verdict", coverage.complete ? s.verdict.rawValue : "incomplete"),
            ("complete", coverage.complete ? "true" : "false"),
        ]
        if let needed = s.neededCases { values.append(("needed_cases", "\(needed)")) }
        if let ni = s.nonInferiority {
            values.append(("non_inferiority_margin", "\(ni.margin)"))
            values.append(("non_inferiority_upper_bound", String(format: "%.4f", ni.upperBound)))
            values.append(("non_inferiority_holds", ni.holds ? "true" : "false"))
            if let n = ni.neededCases { values.append(("non_inferiority_needed_cases", "\(n)")) }
        }
        if let j = judgeAgreement {
            values.append(("judge_unanimous_share", String(format: "%.4f", j.unanimousShare)))
            values.append(("judge_fleiss_kappa", String(format: "%.4f", j.fleissKappa)))
        }
        if !tags.isEmpty || !suites.isEmpty {
            values.append(("p_adjustment", MultipleComparisons.method))
        }
        var out = "    <properties>\n"
        for (name, value) in values {
            out += "      <property name=\"\(name)\" value=\"\(XMLEscape.escape(value))\"/>\n"
        }
        return out + "    </properties>\n"
    }

    private func junitFailure(_ c: CaseComparison) -> String {
        let reasons = CompareFormat.reasons(c.candidate)
        var message = CompareFormat.status(c) + ": " + reasons.joined(separator: "; ")
        if reasons.isEmpty { message = CompareFormat.status(c) }
        var body = "\(CompareFormat.status(c)): base \(CompareFormat.verdict(c.base)), "
        body += "candidate \(CompareFormat.verdict(c.candidate))\n"
        if !reasons.isEmpty {
            body += "\nfailing assertions (candidate):\n"
            body += reasons.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        if let change = c.toolChange { body += "\n" + Self.junitTools(change) }
        if let old = c.base?.output, let new = c.candidate?.output {
            let diff = TextDiff.words(old, new)
            if diff.isIdentical {
                body += "\noutputs are identical\n"
            } else {
                let (text, omitted) = MarkdownEscape.clip(diff.markers(), max: Self.junitDiffLimit)
                body += "\ndiff ([-removed-]{+added+}"
                body += diff.isWhitespaceOnly ? ", whitespace only):\n" : "):\n"
                body += text + "\n"
                if omitted > 0 { body += "… \(omitted) more characters\n" }
            }
        }
        var out = "      <failure type=\"regression\" message=\""
        out += XMLEscape.escape(String(message.prefix(300))) + "\">"
        return out + XMLEscape.escape(body) + "</failure>\n"
    }

    /// "tools changed at step N" and the calls and argument lines.
    static func junitTools(_ change: ToolChange) -> String {
        "tools changed at step \(change.partingStep)\n"
            + change.reportLines.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
}
