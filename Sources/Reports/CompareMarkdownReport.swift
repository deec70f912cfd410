import Basics
import Compare

/// The Markdown report of a comparison, for a pull-request comment.
extension Comparison {
    /// For a pull-request comment. Stays under `limit` characters (UTF-16 code units, which is
    /// never fewer than characters), truncating with a note of what was left out.
    ///
    /// The summary and per-tag tables come first, then a `<details>` block per regression and
    /// per improvement. Untrusted text (inputs, outputs, reasons) appears only inside fenced
    /// code blocks; ids, tags and names are escaped so they cannot break a table or add markup.
    /// Throws when the store cannot give back the results the listed cases show.
    public func markdown(limit: Int = 60_000) throws -> String {
        var out = markdownHeader(budget: limit / 2)
        let regressions = cases(.regression)
        let improvements = cases(.improvement)
        // Room for the section headings and the truncation note.
        let reserve = 400
        var size = out.utf16.count
        var shown = (regressions: 0, improvements: 0)
        var full = false
        for (index, group) in [regressions, improvements].enumerated() where !group.isEmpty {
            guard !full else { break }
            var section = index == 0 ? "### Regressions" : "### Improvements"
            section += " (\(group.count))\n\n"
            var sectionSize = section.utf16.count
            var blocks = 0
            try visitCases(group, batch: 32) { c in
                let block = markdownDetails(c)
                let blockSize = block.utf16.count
                if size + sectionSize + blockSize + reserve >= limit {
                    full = true
                    return false
                }
                section += block
                sectionSize += blockSize
                blocks += 1
                return true
            }
            if blocks > 0 {
                out += section
                size += sectionSize
            }
            if index == 0 { shown.regressions = blocks } else { shown.improvements = blocks }
        }
        let hiddenRegressions = regressions.count - shown.regressions
        let hiddenImprovements = improvements.count - shown.improvements
        if hiddenRegressions > 0 || hiddenImprovements > 0 {
            out += "**\(hiddenRegressions) more regression\(hiddenRegressions == 1 ? "" : "s") "
            out += "and \(hiddenImprovements) more improvement"
            out += "\(hiddenImprovements == 1 ? "" : "s") not shown** "
            out += "(limit \(MarkdownEscape.grouped(limit)) characters); see the HTML report.\n"
        }
        return Self.hardCut(out, limit: limit)
    }

    /// Title, summary table, verdict line, notes and the per-tag table (as many tag rows as fit
    /// in `budget`).
    func markdownHeader(budget: Int) -> String {
        let s = statistics
        let baseRef = MarkdownEscape.text(Self.clipped(base.promptRef, 200))
        let candidateRef = MarkdownEscape.text(Self.clipped(candidate.promptRef, 200))
        let title = CompareFormat.title(base: base, candidate: candidate)
        var out = "## promptgate compare: " + MarkdownEscape.text(Self.clipped(title, 500)) + "\n\n"
        // Reviewers read what changed in the prompt before what changed in the outputs.
        out += promptDiffMarkdown()
        if let line = coverage.verdictLine {
            out += "> ⚠️ **Incomplete evidence** — " + MarkdownEscape.text(Self.clipped(line, 2000))
            out += ". " + MarkdownEscape.text(ComparisonCoverage.hint) + ".\n\n"
        }
        var rows: [(String, String)] = [
            ("Base pass rate (\(baseRef))", rateCell(s.baseline)),
            ("Candidate pass rate (\(candidateRef))", rateCell(s.candidate)),
            ("Regressions", "\(s.regressions)"),
            ("Improvements", "\(s.improvements)"),
            ("Difference (candidate − base)", CompareFormat.difference(s)),
            ("McNemar exact p", CompareFormat.p(s.mcnemarP)),
        ]
        if let perm = s.permutationP {
            rows.append(("Permutation p (per-case pass fractions)", CompareFormat.p(perm)))
        }
        rows.append(
            coverage.complete
                ? ("Verdict", "**\(s.verdict.rawValue)**")
                : (
                    "Verdict",
                    "**incomplete** (on the cases both sides have: \(s.verdict.rawValue))"
                ))
        if let needed = s.neededCases {
            rows.append(
                (
                    "Cases needed (80% power, α = \(CompareFormat.alpha(s.alpha)))",
                    "\(needed) (the suite has \(s.pairs) paired)"
                ))
        }
        rows += CompareFormat.extraRows(s)
        if let j = judgeAgreement { rows.append(CompareFormat.judgeAgreementRow(j)) }
        out += "| Measure | Value |\n|---|---|\n"
        for (name, value) in rows { out += "| \(name) | \(value) |\n" }
        out += "\n" + MarkdownEscape.text(CompareFormat.explanation(s)) + "\n\n"
        out += markdownOtherCounts()
        for note in notes.prefix(20) {
            out += "- " + MarkdownEscape.text(Self.clipped(note, 500)) + "\n"
        }
        if !notes.isEmpty { out += "\n" }
        out += markdownTags(budget: budget - out.utf16.count)
        return out
    }

    private func rateCell(_ side: SideSummary) -> String {
        MarkdownEscape.text(CompareFormat.rate(side) + " · " + CompareFormat.counts(side))
    }

    /// "Also: 3 flaky, 2 new, …; the output text changed in 40 of 100 cases."
    private func markdownOtherCounts() -> String {
        var parts: [String] = []
        let counts: [(CaseStatus, String)] = [
            (.flaky, "flaky"), (.new, "new"), (.removed, "removed"), (.notRun, "not run"),
            (.error, "errored"), (.stillFailing, "still failing"),
        ]
        for (status, name) in counts {
            let n = count(status)
            if n > 0 { parts.append("\(n) \(name)") }
        }
        let changed = count(where: \.textChanged)
        var line = parts.isEmpty ? "" : "Also: " + parts.joined(separator: ", ") + ". "
        line += "The output text changed in \(changed) of \(CompareFormat.cases(cases.count))"
        let tools = count(where: \.toolsChanged)
        if tools > 0 { line += "; the tool calls in \(tools)" }
        line += ".\n\n"
        return line
    }

    private func markdownTags(budget: Int) -> String {
        guard !tags.isEmpty else { return "" }
        var out = "### By tag\n\n"
        out += "| Tag | Base | Candidate | Regressions | Improvements | Difference | p | Holm p "
        out += "| Verdict |\n|---|---|---|---:|---:|---|---:|---:|---|\n"
        var size = out.utf16.count
        var shown = 0
        for (tag, s) in tags {
            var row = "| " + MarkdownEscape.text(Self.clipped(tag, 100)) + " | "
            row += MarkdownEscape.text(CompareFormat.rate(s.baseline)) + " | "
            row += MarkdownEscape.text(CompareFormat.rate(s.candidate)) + " | "
            row += "\(s.regressions) | \(s.improvements) | "
            row += MarkdownEscape.text(CompareFormat.difference(s)) + " | "
            row += MarkdownEscape.text(CompareFormat.p(s.rawP)) + " | "
            row += MarkdownEscape.text(CompareFormat.p(s.pAdjusted ?? s.rawP)) + " | "
            row += s.verdict.rawValue + " |\n"
            size += row.utf16.count
            if size > budget - 200 { break }
            out += row
            shown += 1
        }
        out += "\n_" + MarkdownEscape.text(CompareFormat.multipleComparisonsNote) + "._\n\n"
        if shown < tags.count {
            out += "_\(tags.count - shown) more tags not shown; see the HTML report._\n\n"
        }
        return out
    }

    /// The last resort for limits too small for even the summary: cut at a character boundary.
    private static func hardCut(_ s: String, limit: Int) -> String {
        guard s.utf16.count >= limit else { return s }
        let note = "\n\n_(cut at the character limit)_\n"
        var out = ""
        var size = 0
        let room = max(0, limit - 1 - note.utf16.count)
        for c in s {
            let n = c.utf16.count
            if size + n > room { break }
            out.append(c)
            size += n
        }
        return note.utf16.count < limit ? out + note : out
    }
}
