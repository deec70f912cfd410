import Basics
import Compare
import PromptGateModel

/// The HTML report of a comparison: one self-contained file for reviewers.
extension Comparison {
    /// One self-contained HTML file: no network access, no external assets.
    ///
    /// A summary header (pass rates, paired statistics, verdict, per-tag table) above filter
    /// buttons, a search box and the cases in side-by-side base | candidate columns with
    /// word-level highlights. The cases travel as JSON in a `<script type="application/json">`
    /// block and are rendered 100 at a time, so 10,000 cases stay usable. Every input, output,
    /// id and reason is escaped; a Content-Security-Policy allows only the report's own script.
    /// Throws when the store cannot give back the results the cases show.
    public func html() throws -> String {
        var out = ""
        try writeHTML { out += $0 }
        return out
    }

    /// ``html()`` written a piece at a time: the head, then the cases' JSON a window of cases
    /// at a time, then the script. 100,000 cases never sit in memory as one page.
    public func writeHTML(_ write: (String) throws -> Void) throws {
        try writeHTML(text: write) { try write(String(decoding: $0, as: UTF8.self)) }
    }

    /// ``writeHTML(_:)`` that hands the cases' JSON over as the UTF-8 bytes it is built in
    /// (`bytes`), not copied into strings: a case with a megabyte output is not held twice.
    public func writeHTML(
        text write: (String) throws -> Void, bytes: ([UInt8]) throws -> Void
    ) throws {
        let title = "promptgate compare: " + CompareFormat.title(base: base, candidate: candidate)
        var head = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        head += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        head += "style-src 'unsafe-inline'; script-src \(CompareHTMLAssets.scriptHash)\">\n"
        head += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        head += "<title>" + HTMLEscape.escape(title) + "</title>\n"
        head += "<style>\n" + CompareHTMLAssets.css + "\n</style>\n</head>\n<body>\n<header>\n"
        head += "<h1>" + HTMLEscape.escape(title) + "</h1>\n"
        head += htmlRunLine()
        head += htmlSummary()
        head += htmlTags()
        head += promptDiffHTML()
        head += "</header>\n"
        head += htmlControls()
        head +=
            "<main id=\"rows\"></main>\n<button id=\"more\" type=\"button\" hidden>Show more</button>\n"
        head += "<noscript><p>The cases are listed by a script; enable JavaScript to see them.</p>"
        head += "</noscript>\n<script type=\"application/json\" id=\"pg-data\">["
        try write(head)
        try writeHTMLCaseData(bytes)
        try write(
            "]</script>\n<script>" + CompareHTMLAssets.script + "</script>\n</body>\n</html>\n")
    }

    private func htmlRunLine() -> String {
        func describe(_ label: String, _ info: RunInfo) -> String {
            var s = "\(label) \(info.promptRef): run \(info.id), \(info.providerName), \(info.mode)"
            if info.repeatCount > 1 { s += ", \(info.repeatCount) repeats" }
            if let commit = info.gitCommit { s += ", commit \(commit.prefix(12))" }
            return s
        }
        var out = "<p class=\"meta\">" + HTMLEscape.escape(describe("Base", base)) + "<br>"
        out += HTMLEscape.escape(describe("Candidate", candidate)) + "</p>\n"
        return out
    }

    private func htmlSummary() -> String {
        let s = statistics
        var rows: [(String, String)] = [
            ("Base pass rate (\(base.promptRef))", rateText(s.baseline)),
            ("Candidate pass rate (\(candidate.promptRef))", rateText(s.candidate)),
            ("Regressions", "\(s.regressions)"),
            ("Improvements", "\(s.improvements)"),
            ("Paired cases", "\(s.pairs)"),
            ("Difference (candidate − base)", CompareFormat.difference(s)),
            ("McNemar exact p", CompareFormat.p(s.mcnemarP)),
        ]
        if let perm = s.permutationP {
            rows.append(("Permutation p (per-case pass fractions)", CompareFormat.p(perm)))
        }
        if let needed = s.neededCases {
            rows.append(
                ("Cases needed (80% power, α = \(CompareFormat.alpha(s.alpha)))", "\(needed)"))
        }
        rows += CompareFormat.extraRows(s)
        if let j = judgeAgreement { rows.append(CompareFormat.judgeAgreementRow(j)) }
        var out = "<table class=\"summary\">\n"
        for (name, value) in rows {
            out += "<tr><th>" + HTMLEscape.escape(name) + "</th><td>" + HTMLEscape.escape(value)
            out += "</td></tr>\n"
        }
        if let line = coverage.verdictLine {
            out += "<tr><th>Verdict</th><td><strong>incomplete</strong> (on the cases both sides "
            out += "have: " + s.verdict.rawValue + ")</td></tr>\n"
            out += "</table>\n<p class=\"verdict v-worse incomplete\"><strong>Incomplete evidence"
            out += "</strong> — " + HTMLEscape.escape(line) + ". "
            out += HTMLEscape.escape(ComparisonCoverage.hint) + ".</p>\n"
        } else {
            out += "<tr><th>Verdict</th><td><strong>" + s.verdict.rawValue + "</strong></td></tr>\n"
            out += "</table>\n"
        }
        out += "<p class=\"verdict v-\(s.verdict.rawValue)\">"
        out += HTMLEscape.escape(CompareFormat.explanation(s)) + "</p>\n"
        if !notes.isEmpty {
            out += "<ul class=\"notes\">\n"
            for note in notes { out += "<li>" + HTMLEscape.escape(note) + "</li>\n" }
            out += "</ul>\n"
        }
        return out
    }

    private func rateText(_ side: SideSummary) -> String {
        CompareFormat.rate(side) + " · " + CompareFormat.counts(side)
    }

    private func htmlTags() -> String {
        guard !tags.isEmpty else { return "" }
        var out = "<h2>By tag</h2>\n<table class=\"tags\">\n<tr><th>Tag</th><th>Base</th>"
        out += "<th>Candidate</th><th>Regressions</th><th>Improvements</th><th>Difference</th>"
        out += "<th>p</th><th>Holm p</th><th>Verdict</th></tr>\n"
        out.reserveCapacity(tags.count * 300)
        for (tag, s) in tags {
            out += "<tr><td>" + HTMLEscape.escape(tag) + "</td><td>"
            out += HTMLEscape.escape(CompareFormat.rate(s.baseline)) + "</td><td>"
            out += HTMLEscape.escape(CompareFormat.rate(s.candidate)) + "</td>"
            out += "<td class=\"num\">\(s.regressions)</td><td class=\"num\">\(s.improvements)</td>"
            out += "<td>" + HTMLEscape.escape(CompareFormat.difference(s)) + "</td>"
            out += "<td class=\"num\">" + HTMLEscape.escape(CompareFormat.p(s.rawP)) + "</td>"
            out += "<td class=\"num\">"
            out += HTMLEscape.escape(CompareFormat.p(s.pAdjusted ?? s.rawP)) + "</td>"
            out += "<td>" + s.verdict.rawValue + "</td></tr>\n"
        }
        out += "</table>\n<p class=\"muted\">"
        out += HTMLEscape.escape(CompareFormat.multipleComparisonsNote) + "</p>\n"
        return out
    }

    private func htmlControls() -> String {
        let filters: [(String, String, Int)] = [
            ("all", "All", cases.count),
            ("regression", "Regressions", count(.regression)),
            ("improvement", "Improvements", count(.improvement)),
            ("changed", "Changed", count(where: \.textChanged)),
            (
                "flaky", "Flaky",
                count {
                    $0.status == .flaky || $0.withinFlakiness || $0.base?.isFlaky == true
                        || $0.candidate?.isFlaky == true
                }
            ),
            ("error", "Errors", count(.error)),
            ("new-removed", "New / removed", count(.new) + count(.removed)),
        ]
        var out = "<nav class=\"controls\">\n"
        for (key, label, count) in filters {
            out += "<button type=\"button\" data-filter=\"\(key)\" aria-pressed=\""
            out += key == "all" ? "true" : "false"
            out += "\">\(label) (\(count))</button>\n"
        }
        out += "<input id=\"q\" type=\"search\" placeholder=\"Search case id or text\" "
        out +=
            "aria-label=\"Search case id or text\">\n<span id=\"count\" class=\"muted\"></span>\n"
        return out + "</nav>\n"
    }
}
