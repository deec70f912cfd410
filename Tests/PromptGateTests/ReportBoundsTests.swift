import Basics
import Diff
import Foundation
import PromptGateModel
import Reports
import Testing

/// Huge error messages and outputs cost a bounded amount of every text, Markdown and JUnit
/// report, with a note of what was left out.
@Suite struct ReportBoundsTests {
    static let hugeError =
        "HTTP 500: " + String(repeating: "<html>overloaded</html> ", count: 45_000)

    static func words(_ word: String, _ n: Int) -> String {
        (0..<n).map { "\(word)\($0)" }.joined(separator: " ")
    }

    @Test func runReportsCapAHugeError() throws {
        let result = CaseResult(
            suite: "support", caseID: "err", repeatIndex: 0, ordinal: 0, tags: [], messages: [],
            output: nil, passed: false, score: 0, assertions: [], latencyMs: nil,
            promptTokens: nil, completionTokens: nil, finishReason: nil, error: Self.hugeError,
            requestKey: "k", origin: .live)
        let report = RunReport(info: CompareFixture.info(id: 1, version: "1.2"), results: [result])
        let text = report.text(style: TerminalStyle(enabled: false))
        #expect(text.utf8.count < 1_500, "\(text.utf8.count) bytes")
        let omitted = Self.hugeError.count - TerminalText.errorLimit
        #expect(text.contains("… \(MarkdownGrouping.grouped(omitted)) more characters"), "\(text)")
        let junit = report.junit()
        #expect(junit.utf8.count < 2_500, "\(junit.utf8.count) bytes")
        #expect(junit.contains("more characters"))
        // JSON keeps what was stored.
        #expect(report.json().contains(String(Self.hugeError.suffix(100))))
    }

    @Test func compareReportsCapAHugeError() throws {
        let comparison = CompareFixture.compare([
            .init(id: "err", base: [.pass("fine")], candidate: [.error(Self.hugeError)]),
            .init(id: "reg", base: [.pass("fine")], candidate: [.fail("bad", "contains: fine")]),
        ])
        let text = try comparison.text(style: TerminalStyle(enabled: true))
        #expect(text.utf8.count < 3_000, "\(text.utf8.count) bytes")
        #expect(text.contains("more characters"))
        for (name, report) in [
            ("markdown", try comparison.markdown()), ("junit", try comparison.junit()),
        ] {
            #expect(report.utf8.count < 5_000, "\(name): \(report.utf8.count) bytes")
            // Markdown details only regressions and improvements; JUnit has the error.
            #expect(name == "markdown" || report.contains("more characters"), "\(name)")
        }
    }

    @Test func compareTextCapsEachCaseDiff() throws {
        let old = Self.words("alpha", 15_000)
        let new = Self.words("beta", 15_000)
        let comparison = CompareFixture.compare([
            .init(id: "long", base: [.pass(old)], candidate: [.fail(new, "contains: alpha")])
        ])
        for color in [false, true] {
            let text = try comparison.text(style: TerminalStyle(enabled: color))
            #expect(text.utf8.count < 6_000, "\(text.utf8.count) bytes")
            let shown = TextDiff.words(old, new).ops.reduce(0) { $0 + $1.text.count }
            let note =
                "… \(MarkdownGrouping.grouped(shown - 4_000)) more characters: "
                + "--format html or json for all"
            #expect(text.contains(note), "\(text.suffix(300))")
            // Styles are closed before the note.
            if color {
                let diffLine = text.split(separator: "\n").first { $0.contains("diff: ") }
                #expect(diffLine?.hasSuffix("\u{1B}[0m") == true)
            }
        }
    }
}

/// `60,000`, as the reports write counts.
enum MarkdownGrouping {
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
