import Foundation
import Reports
import Testing

/// Markdown split the way a CommonMark renderer splits it: fenced code blocks and the rest.
struct MarkdownParts {
    var outside: [String] = []
    var fences: [String] = []
    var unclosedFence = false

    init(_ markdown: String) {
        var fence: (length: Int, body: [String])?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let ticks = trimmed.prefix { $0 == "`" }.count
            if var open = fence {
                // A closing fence: at most 3 spaces, at least as many backticks, then spaces.
                if line.count - trimmed.count <= 3, ticks >= open.length,
                    trimmed.dropFirst(ticks).allSatisfy({ $0 == " " })
                {
                    fences.append(open.body.joined(separator: "\n"))
                    fence = nil
                } else {
                    open.body.append(String(line))
                    fence = open
                }
            } else if line.count - trimmed.count <= 3, ticks >= 3,
                !trimmed.dropFirst(ticks).contains("`")
            {
                fence = (ticks, [])
            } else {
                outside.append(String(line))
            }
        }
        unclosedFence = fence != nil
    }

    /// Tables: runs of consecutive outside lines that start with `|`.
    var tables: [[String]] {
        var tables: [[String]] = []
        var current: [String] = []
        for line in outside + [""] {
            if line.hasPrefix("|") {
                current.append(line)
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        return tables
    }

    /// `|` characters not escaped with a backslash.
    static func pipes(_ row: String) -> Int {
        var count = 0
        var escaped = false
        for c in row {
            if c == "|" && !escaped { count += 1 }
            escaped = c == "\\" && !escaped
        }
        return count
    }
}

@Suite struct CompareReportMarkdownTests {
    @Test func summaryShowsIntervalsPValueAndVerdictLine() throws {
        let md = try CompareFixture.counts(a: 61, b: 10, c: 2, d: 27).markdown()
        #expect(md.hasPrefix("## promptgate compare: support@1.2 → support@1.3\n"))
        #expect(
            md.contains(
                "| Base pass rate (support@1.2) | 71.0% (61.5–79.0) · 71 passed, 29 failed |"))
        #expect(md.contains("| Regressions | 10 |"))
        #expect(md.contains("| Improvements | 2 |"))
        #expect(md.contains("| McNemar exact p | 0.0386 |"))
        #expect(md.contains("| Verdict | **worse** |"))
        #expect(md.contains("| Difference (candidate − base) | -8.0 points ("))
        #expect(
            md.contains(
                "\nworse: the candidate fails 10 cases the base passed and passes 2 it failed; "
                    + "McNemar exact p = 0.0386 &lt; 0.05\n"))
        #expect(!md.contains("not shown"))
        let regressions = md.range(of: "### Regressions (10)")
        let improvements = md.range(of: "### Improvements (2)")
        #expect(regressions != nil && improvements != nil)
        if let r = regressions, let i = improvements { #expect(r.lowerBound < i.lowerBound) }
        #expect(md.components(separatedBy: "<details>").count - 1 == 12)
    }

    @Test func inconclusiveSaysHowManyCasesAreNeeded() throws {
        let comparison = CompareFixture.counts(a: 15, b: 3, c: 1, d: 1)
        let md = try comparison.markdown()
        let needed = comparison.statistics.neededCases
        #expect(comparison.statistics.verdict == .inconclusive)
        #expect(needed != nil)
        if let needed {
            #expect(
                md.contains(
                    "| Cases needed (80% power, α = 0.05) | \(needed) (the suite has 20 paired) |"))
            #expect(md.contains("needs about \(needed) cases (the suite has 20)"))
        }
    }

    @Test func titleNamesProvidersWhenTheyDiffer() throws {
        let comparison = CompareFixture.compare(
            [.init(id: "x", base: [.pass("a")], candidate: [.fail("b", "contains: a")])],
            candidateProvider: "local")
        #expect(
            try comparison.markdown().hasPrefix(
                "## promptgate compare: support@1.2 (openai) → support@1.3 (local)\n"))
    }

    @Test func hostileOutputStaysInsideFencesAndTablesKeepTheirShape() throws {
        let md = try CompareFixture.hostile().markdown()
        let parts = MarkdownParts(md)
        #expect(!parts.unclosedFence)
        let outside = parts.outside.joined(separator: "\n")
        for raw in ["<script", "<img", "<b>", "<!--", "<html", "\u{2028}", "\u{2029}", "\u{1B}"] {
            #expect(!outside.contains(raw), "\(raw.debugDescription) outside a code fence")
        }
        // Only our own details blocks, balanced.
        let opened = outside.components(separatedBy: "<details>").count - 1
        #expect(opened == 4 + 1)
        #expect(outside.components(separatedBy: "</details>").count - 1 == opened)
        #expect(outside.components(separatedBy: "</summary>").count - 1 == opened)
        // The hostile texts are shown verbatim inside fences.
        #expect(parts.fences.contains(CompareFixture.script))
        #expect(parts.fences.contains(CompareFixture.backticks))
        #expect(parts.fences.contains { $0.contains("a || b | c\u{2028}d\u{2029}e") })
        #expect(parts.fences.contains { $0.contains(#"red \x1b[31mtext\x00 and \x7f done"#) })
        // Ids and tags are escaped where they appear.
        #expect(outside.contains("reg&#124;&lt;b&gt;pipe&lt;/b&gt;"))
        #expect(outside.contains("| pipes&#124;tag |"))
        let tables = parts.tables
        #expect(tables.count == 2)
        for table in tables {
            let counts = Set(table.map(MarkdownParts.pipes))
            #expect(counts.count == 1, "rows with different cell counts: \(table)")
        }
    }

    @Test func failingReasonsAndDiffAreInTheDetails() throws {
        let md = try CompareFixture.hostile().markdown()
        let parts = MarkdownParts(md)
        #expect(
            parts.fences.contains("candidate: not-contains: found \"\(CompareFixture.script)\""))
        #expect(parts.fences.contains("base: not-contains: found \"As an AI\""))
        #expect(parts.fences.contains("[-Hello, here is how.-]{+\(CompareFixture.script)+}"))
        #expect(
            md.contains(
                "<summary><code>support/reg-script</code> · regression · base passed → candidate failed</summary>"
            ))
    }

    @Test func fiveThousandCasesStayUnderTheLimitWithANote() throws {
        let comparison = CompareFixture.large(regressions: 2_500, improvements: 2_500)
        let md = try comparison.markdown()
        #expect(md.utf16.count < 60_000)
        let shown = md.components(separatedBy: "<details>").count - 1
        #expect(shown > 20)
        #expect(
            md.contains(
                "**\(2_500 - shown) more regressions and 2500 more improvements not shown** "
                    + "(limit 60,000 characters); see the HTML report.\n"))
        #expect(!MarkdownParts(md).unclosedFence)
        #expect(!md.contains("### Improvements"))
    }

    @Test func truncationDropsImprovementsBeforeRegressions() throws {
        let comparison = CompareFixture.large(regressions: 3, improvements: 200)
        let md = try comparison.markdown(limit: 20_000)
        #expect(md.utf16.count < 20_000)
        #expect(md.contains("### Regressions (3)"))
        #expect(md.contains("### Improvements (200)"))
        let shown = md.components(separatedBy: "<details>").count - 1
        #expect(
            md.contains("**0 more regressions and \(203 - shown) more improvements not shown**"))
    }

    @Test func oneHugeOutputIsClippedNotEverythingElse() throws {
        let huge = String(repeating: "word ", count: 40_000)
        let comparison = CompareFixture.compare([
            .init(
                id: "huge", base: [.pass("short")], candidate: [.fail(huge, "max-length: 200000")]),
            .init(id: "next", base: [.pass("x")], candidate: [.fail("y", "contains: x")]),
        ])
        let md = try comparison.markdown()
        #expect(md.utf16.count < 60_000)
        #expect(md.contains("support/next"))
        #expect(md.contains("_… 197,000 more characters; see the HTML report._"))
        #expect(!md.contains("not shown"))
    }

    @Test func tinyLimitsAreStillHonoured() throws {
        let comparison = CompareFixture.hostile()
        for limit in [50, 500, 2_000] {
            #expect(try comparison.markdown(limit: limit).utf16.count < limit)
        }
    }
}
