import Basics
import Compare
import Diff

/// The `<details>` block of one case in the Markdown report.
extension Comparison {
    /// Longest text shown per field, so one huge output cannot push every other case out.
    static let markdownFieldLimit = 3_000

    func markdownDetails(_ c: CaseComparison) -> String {
        var out = "<details>\n<summary><code>"
        out += MarkdownEscape.text(c.suite + "/" + c.caseID) + "</code> · "
        out += MarkdownEscape.text(CompareFormat.status(c)) + " · base "
        out += CompareFormat.verdict(c.base) + " → candidate " + CompareFormat.verdict(c.candidate)
        out += "</summary>\n\n"
        if let input = c.input {
            out += "**Input**\n\n" + Self.markdownField(input)
        }
        out += markdownOutput("Base", ref: base.promptRef, side: c.base)
        out += markdownOutput("Candidate", ref: candidate.promptRef, side: c.candidate)
        var reasons: [String] = []
        reasons += CompareFormat.reasons(c.base).map { "base: " + $0 }
        reasons += CompareFormat.reasons(c.candidate).map { "candidate: " + $0 }
        if !reasons.isEmpty {
            out += "**Failing assertions**\n\n"
            out += Self.markdownField(reasons.joined(separator: "\n"))
        }
        if let change = c.toolChange {
            out += "**Tools changed** at step \(change.partingStep)\n\n"
            out += Self.markdownField(change.reportLines.joined(separator: "\n"))
        }
        if let old = c.base?.output, let new = c.candidate?.output {
            out += Self.markdownDiff(old, new)
        }
        return out + "</details>\n\n"
    }

    private func markdownOutput(_ label: String, ref: String, side: CaseSide?) -> String {
        guard let side else { return "" }
        var out = "**\(label) output** (" + MarkdownEscape.text(Self.clipped(ref, 200)) + ", "
        out += CompareFormat.verdict(side)
        if side.results.count > 1 { out += "; first repeat shown" }
        out += ")\n\n"
        if let output = side.output {
            out += Self.markdownField(output)
        } else {
            out += "_No output._\n\n"
        }
        return out
    }

    private static func markdownDiff(_ old: String, _ new: String) -> String {
        // Diff at most a bounded prefix: the block shows only that much anyway.
        let limit = markdownFieldLimit * 2
        let diff = TextDiff.words(clipped(old, limit), clipped(new, limit))
        if diff.isIdentical { return "_Outputs are identical._\n\n" }
        var out = "**Diff** (`[-removed-]{+added+}`"
        if diff.isWhitespaceOnly { out += ", whitespace only" }
        return out + ")\n\n" + markdownField(diff.markers())
    }

    /// A fenced block of untrusted text, clipped with a note of what was left out.
    static func markdownField(_ text: String) -> String {
        let (shown, omitted) = MarkdownEscape.clip(text, max: markdownFieldLimit)
        var out = MarkdownEscape.fenced(shown) + "\n"
        if omitted > 0 {
            out +=
                "_… \(MarkdownEscape.grouped(omitted)) more characters; see the HTML report._\n\n"
        }
        return out
    }

    static func clipped(_ s: String, _ max: Int) -> String {
        let (text, omitted) = MarkdownEscape.clip(s, max: max)
        return omitted > 0 ? text + "…" : text
    }
}
