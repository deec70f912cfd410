import Basics
import TestKit
import Testing

/// How a diagnostic quotes its source line: a bounded, terminal-safe window around the column
/// with the caret under the marked character. Inputs mark the column with `1️⃣`.
@Suite struct DiagnosticRenderingTests {
    /// The plain rendering of an error at the marker of a one-line `marked` input.
    func render(_ marked: String, message: String = "bad value") -> String {
        let src = MarkedSource(marked)
        let column = src.marks["1️⃣"]?.column ?? 0
        return Diagnostic(
            file: "suites/a.yaml", line: 1, column: column, message: message, sourceLine: src.text
        ).rendered(color: false)
    }

    @Test func shortLineIsQuotedWholeWithTheCaretUnderTheColumn() {
        #expect(
            render("prompt: 1️⃣suport")
                == """
                suites/a.yaml:1:9: error: bad value
                    prompt: suport
                            ^
                """)
    }

    @Test func longLineShowsAWindowAroundTheColumn() {
        let a = String(repeating: "a", count: 1_000)
        let b = String(repeating: "b", count: 1_000)
        let out = render(a + "1️⃣X" + b)
        let window =
            "…" + String(repeating: "a", count: 100) + "X"
            + String(repeating: "b", count: 99) + "…"
        #expect(
            out == """
                suites/a.yaml:1:1001: error: bad value
                    \(window)
                    \(String(repeating: " ", count: 101))^
                """)
    }

    @Test func nearTheEndTheWindowTakesMoreBefore() {
        let a = String(repeating: "a", count: 1_000)
        let out = render(a + "1️⃣Xbb")
        let window = "…" + String(repeating: "a", count: 197) + "Xbb"
        #expect(
            out == """
                suites/a.yaml:1:1001: error: bad value
                    \(window)
                    \(String(repeating: " ", count: 198))^
                """)
    }

    @Test func nearTheStartTheWindowTakesMoreAfter() {
        let b = String(repeating: "b", count: 1_000)
        let out = render("ab1️⃣X" + b)
        let window = "abX" + String(repeating: "b", count: 197) + "…"
        #expect(
            out == """
                suites/a.yaml:1:3: error: bad value
                    \(window)
                      ^
                """)
    }

    @Test func columnPastTheEndPutsTheCaretAfterTheText() {
        #expect(
            render("key: value1️⃣")
                == """
                suites/a.yaml:1:11: error: bad value
                    key: value
                              ^
                """)
    }

    @Test func combiningMarksAndWideCharactersKeepTheCaretAligned() {
        // é is two scalars (the column counts both) and one cell; 日本 are two cells each.
        #expect(
            render("e\u{301}日本: 1️⃣x")
                == """
                suites/a.yaml:1:7: error: bad value
                    e\u{301}日本: x
                           ^
                """)
        // A ZWJ family is one character, five scalars, two cells.
        #expect(
            render("👩‍👩‍👧 1️⃣x")
                == """
                suites/a.yaml:1:7: error: bad value
                    👩‍👩‍👧 x
                       ^
                """)
    }

    @Test func windowNeverSplitsACharacter() {
        // 300 flags (two scalars each) before the column: the cut falls between two flags.
        let flags = String(repeating: "🇫🇷", count: 300)
        let out = render(flags + "1️⃣X")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "    …" + String(repeating: "🇫🇷", count: 199) + "X")
        #expect(lines[2] == "    " + String(repeating: " ", count: 1 + 199 * 2) + "^")
    }

    @Test func controlCharactersInTheLineAreEscapedAndCounted() {
        #expect(
            render("key: \u{1B}[31m1️⃣x\u{07}")
                == #"""
                suites/a.yaml:1:11: error: bad value
                    key: \x1b[31mx\x07
                                 ^
                """#)
        // An error at the control character itself points at its escape.
        #expect(
            render("key: 1️⃣\u{1B}]0;pwned")
                == #"""
                suites/a.yaml:1:6: error: bad value
                    key: \x1b]0;pwned
                         ^
                """#)
    }

    @Test func tabsAreShownAsSpaces() {
        #expect(
            render("\tkey: 1️⃣x")
                == """
                suites/a.yaml:1:7: error: bad value
                     key: x
                          ^
                """)
    }

    @Test func messageIsEscapedAndBounded() {
        let out = render("k: 1️⃣v", message: "unknown key '\u{1B}[2J\u{202E}'")
        #expect(out.hasPrefix(#"suites/a.yaml:1:4: error: unknown key '\x1b[2J\u{202e}'"#))
        let long = render("k: 1️⃣v", message: "unknown key '" + String(repeating: "k", count: 5_000))
        #expect(long.utf8.count < 700)
        #expect(long.contains("… 4,513 more characters"))
    }

    @Test func hugeLineCostsABoundedDiagnostic() {
        let half = String(repeating: "x: 1, ", count: 350_000)
        let line = "{" + half + "oops" + half + "}"
        let rendered = Diagnostic(
            file: "suites/a.yaml", line: 1, column: half.unicodeScalars.count + 2, message: "bad",
            sourceLine: line
        ).rendered(color: true)
        #expect(line.utf8.count > 4_000_000)
        #expect(rendered.utf8.count < 600, "\(rendered.utf8.count) bytes")
        let lines = rendered.split(separator: "\n").map(Array.init)
        // The caret (after its color code, ESC [ 3 2 m) sits under the first "o" of "oops".
        let caret = lines[2].firstIndex(of: "^")
        #expect(caret != nil && caret.map { $0 - 5 } == lines[1].firstIndex(of: "o"), "\(rendered)")
    }
}
