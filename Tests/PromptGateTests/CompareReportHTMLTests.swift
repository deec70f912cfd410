import Basics
import Foundation
import Reports
import Testing

/// The HTML report split around its JSON data block.
struct HTMLReportParts {
    var before = ""
    var data = ""
    var after = ""

    init?(_ html: String) {
        let open = "<script type=\"application/json\" id=\"pg-data\">"
        guard let start = html.range(of: open),
            let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
        else { return nil }
        before = String(html[..<start.lowerBound])
        data = String(html[start.upperBound..<end.lowerBound])
        after = String(html[end.upperBound...])
    }

    var outside: String { before + after }

    /// The page's script: between the last `<script>` and `</script>`.
    var script: String? {
        guard let open = after.range(of: "<script>"),
            let close = after.range(of: "</script>", range: open.upperBound..<after.endIndex)
        else { return nil }
        return String(after[open.upperBound..<close.lowerBound])
    }

    var cases: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [[String: Any]] ?? []
    }
}

@Suite struct CompareReportHTMLTests {
    @Test func hostileOutputIsNeverMarkupOutsideTheDataBlock() throws {
        let html = try CompareFixture.hostile().html()
        let parts = try #require(HTMLReportParts(html))
        #expect(!parts.outside.contains(CompareFixture.script))
        #expect(!parts.outside.contains("<img"))
        #expect(!parts.outside.contains("<b>"))
        #expect(!parts.outside.contains("onerror"))
        // Our own two script elements and nothing else.
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        // The tag named `pipes|tag` and the id with markup are escaped in the per-tag table.
        #expect(parts.before.contains("<td>pipes|tag</td>"))
    }

    /// More cases than one window of chunks (8 × 256): the page is written in pieces, and the
    /// pieces together are the page, every case once, regressions first, then as listed.
    @Test func aLargeReportIsWrittenInPiecesInReportOrder() throws {
        var cases: [CompareFixture.Case] = []
        for i in 0..<5_000 {
            let pass = CompareFixture.Repeat.pass("yes \(i)")
            let fail = CompareFixture.Repeat.fail("no \(i)", "contains: missing yes")
            switch i % 5 {
            case 0: cases.append(.init(id: "r\(i)", base: [pass], candidate: [fail]))
            case 1: cases.append(.init(id: "m\(i)", base: [fail], candidate: [pass]))
            default: cases.append(.init(id: "s\(i)", base: [pass], candidate: [pass]))
            }
        }
        let comparison = CompareFixture.compare(cases)
        var pieces: [String] = []
        try comparison.writeHTML { pieces.append($0) }
        #expect(pieces.count > 3)
        let html = try comparison.html()
        #expect(pieces.joined() == html)
        let parts = try #require(HTMLReportParts(html))
        let ids = parts.cases.map { $0["i"] as? String ?? "" }
        let expected =
            (0..<5_000).filter { $0 % 5 == 0 }.map { "r\($0)" }
            + (0..<5_000).filter { $0 % 5 == 1 }.map { "m\($0)" }
            + (0..<5_000).filter { $0 % 5 > 1 }.map { "s\($0)" }
        #expect(ids == expected)
    }

    @Test func dataBlockCannotEndTheScriptElement() throws {
        let html = try CompareFixture.hostile().html()
        let parts = try #require(HTMLReportParts(html))
        #expect(!parts.data.lowercased().contains("</script"))
        #expect(!parts.data.contains("<"))
        #expect(!parts.data.contains("\u{2028}") && !parts.data.contains("\u{2029}"))
        let cases = parts.cases
        #expect(cases.count == 12)
        // Regressions first.
        #expect(cases.prefix(4).allSatisfy { $0["st"] as? String == "regression" })
        let script = try #require(cases.first { $0["i"] as? String == "reg-script" })
        #expect(script["in"] as? String == "<b>hi</b> | `x` " + CompareFixture.script)
        let candidate = try #require(script["c"] as? [String: Any])
        let column = try #require(candidate["h"] as? String)
        // The output column is escaped HTML: no tags but the diff's own.
        let tagsRemoved = ["<del>", "</del>", "<ins>", "</ins>"].reduce(column) {
            $0.replacingOccurrences(of: $1, with: "")
        }
        #expect(!tagsRemoved.contains("<"))
        #expect(tagsRemoved == HTMLEscape.escape(CompareFixture.script))
        #expect(candidate["v"] as? String == "failed")
        #expect(
            candidate["r"] as? [String] == ["not-contains: found \"\(CompareFixture.script)\""])
        let pipes = try #require(cases.first { $0["i"] as? String == "reg|<b>pipe</b>" })
        let pipesColumn = (pipes["c"] as? [String: Any])?["h"] as? String
        #expect(pipesColumn?.contains("c\u{2028}d\u{2029}e") == true)
    }

    @Test func eachSideKeepsItsVerdictAndFlags() throws {
        let parts = try #require(HTMLReportParts(CompareFixture.hostile().html()))
        let byID = Dictionary(
            parts.cases.map { ($0["i"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let flaky = try #require(byID["flaky"])
        #expect(flaky["f"] as? Bool == true)
        #expect((flaky["b"] as? [String: Any])?["v"] as? String == "2/3 passed")
        #expect((flaky["b"] as? [String: Any])?["k"] as? String == "mixed")
        let whitespace = try #require(byID["changed-pass"])
        #expect(whitespace["t"] as? Bool == true && whitespace["ws"] as? Bool == true)
        let error = try #require(byID["err"])
        let errorSide = try #require(error["c"] as? [String: Any])
        #expect(errorSide["h"] is NSNull)
        #expect((errorSide["r"] as? [String])?.first?.hasPrefix("error: HTTP 500") == true)
        #expect(byID["new-case"]?["b"] is NSNull)
        #expect(byID["removed-case"]?["c"] is NSNull)
        // Identical outputs travel once: the candidate side has no column of its own.
        let same = try #require(byID["same-pass"])
        #expect(same["t"] as? Bool == false)
        #expect((same["b"] as? [String: Any])?["h"] as? String == "Same text.")
        #expect((same["c"] as? [String: Any])?["h"] == nil)
        #expect((same["c"] as? [String: Any])?["v"] as? String == "passed")
    }

    @Test func selfContainedAndTheScriptMatchesThePolicy() throws {
        let html = try CompareFixture.hostile().html()
        let parts = try #require(HTMLReportParts(html))
        for external in ["http://", "https://", "<link", " src=", "@import", "url("] {
            #expect(!parts.outside.contains(external), "external reference \(external)")
        }
        let script = try #require(parts.script)
        let hash = Data(Digest.sha256(script.utf8)).base64EncodedString()
        #expect(
            parts.before.contains(
                "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                    + "script-src 'sha256-\(hash)'\""))
    }

    @Test func summaryFiltersAndTags() throws {
        let html = try CompareFixture.counts(a: 61, b: 10, c: 2, d: 27).html()
        #expect(html.contains("<title>promptgate compare: support@1.2 → support@1.3</title>"))
        #expect(html.contains("<td>71.0% (61.5–79.0) · 71 passed, 29 failed</td>"))
        #expect(html.contains("<tr><th>McNemar exact p</th><td>0.0386</td></tr>"))
        #expect(html.contains("<strong>worse</strong>"))
        #expect(html.contains("McNemar exact p = 0.0386 &lt; 0.05</p>"))
        for label in [
            "All (100)", "Regressions (10)", "Improvements (2)", "Changed (", "Flaky (0)",
            "Errors (0)", "New / removed (0)",
        ] {
            #expect(html.contains(label), "missing filter \(label)")
        }
        #expect(html.contains("id=\"q\" type=\"search\""))
        let tagged = try CompareFixture.hostile().html()
        #expect(tagged.contains("<h2>By tag</h2>"))
        #expect(tagged.contains("<td>multilingual</td>"))
    }

    /// The whole report at 10,000 cases; how fast is bench/compare.sh's to say, not a test's.
    @Test func tenThousandCasesRenderWhole() throws {
        let comparison = CompareFixture.large(
            regressions: 1_500, improvements: 1_500, passing: 7_000, length: 600)
        let parts = try #require(HTMLReportParts(comparison.html()))
        #expect(parts.cases.count == 10_000)
    }
}
