import Basics
import Diff
import Testing

@Suite struct DiffRenderingTests {
    @Test func htmlEscapeCoversTheFiveCharacters() {
        #expect(
            HTMLEscape.escape(#"a & b < c > d " e ' f 👍🏽"#)
                == "a &amp; b &lt; c &gt; d &quot; e &#39; f 👍🏽")
        #expect(HTMLEscape.escape("") == "")
    }

    @Test func htmlEscapesScriptInEveryOp() {
        let old = "<b>Hi</b> there <script>alert('old')</script>"
        let new = "<b>Hi</b> there <script>alert(\"new\")</script> & bye"
        let d = TextDiff.words(old, new)
        let html = d.html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.hasPrefix("&lt;b&gt;Hi&lt;/b&gt; there &lt;script&gt;alert("))
        #expect(html.contains("<del>&#39;old&#39;</del><ins>&quot;new&quot;</ins>"))
        #expect(html.contains("<ins> &amp; bye</ins>"))
        let (oldColumn, newColumn) = d.htmlSideBySide()
        for column in [oldColumn, newColumn] {
            #expect(!column.contains("<script") && !column.contains("<b>"))
        }
        #expect(!oldColumn.contains("<ins>") && oldColumn.contains("<del>"))
        #expect(!newColumn.contains("<del>") && newColumn.contains("<ins>"))
    }

    @Test func htmlMarksChanges() {
        let d = TextDiff.words("The cat sat.", "The dog sat.")
        #expect(d.html() == "The <del>cat</del><ins>dog</ins> sat.")
        let (old, new) = d.htmlSideBySide()
        #expect(old == "The <del>cat</del> sat.")
        #expect(new == "The <ins>dog</ins> sat.")
        let ws = TextDiff.words("a b", "a  b")
        #expect(ws.html() == "a<del>␠</del><ins>␠␠</ins>b")
    }

    @Test func ansiStrikesRemovalsAndColorsAdditions() {
        let d = TextDiff.words("The cat sat.", "The dog sat.")
        #expect(d.ansi() == "The \u{1B}[9;41mcat\u{1B}[0m\u{1B}[42mdog\u{1B}[0m sat.")
        #expect(TextDiff.words("same", "same").ansi() == "same")
    }

    @Test func ansiClosesStylesBeforeLineBreaks() {
        let d = TextDiff.words("Intro.\n", "Intro.\nNew one\nNew two\n")
        #expect(d.ansi() == "Intro.\n\u{1B}[42mNew one\u{1B}[0m\n\u{1B}[42mNew two\u{1B}[0m\n")
    }

    @Test func terminalOutputsNeutralizeControlCharacters() {
        let d = TextDiff.words("ok\u{1B}[2J", "ok\u{1B}[31m fine\r now\u{7F}\u{9B}")
        for text in [d.markers(), d.ansi()] {
            #expect(!text.contains("\u{1B}[2J") && !text.contains("\u{1B}[31m"))
            #expect(!text.unicodeScalars.contains("\r"))
            #expect(
                !text.unicodeScalars.contains("\u{9B}") && !text.unicodeScalars.contains("\u{7F}"))
        }
        #expect(d.markers() == #"ok\x1b[[-2J-]{+31m fine\x0d now\x7f\x9b+}"#)
        // Only line feeds and tabs stay: a CR is escaped before a line feed too.
        #expect(TextDiff.words("a\r\nb", "a\r\nc").markers() == "a\\x0d\n[-b-]{+c+}")
    }

    @Test func prefixCutsTheTextsNotTheMarkers() {
        let d = TextDiff.words("one two three", "one 2 three")
        let (cut, omitted) = d.prefix(characters: 6)
        #expect(cut.markers() == "one [-tw-]")
        #expect(omitted == 8)
        #expect(d.prefix(characters: 100).omitted == 0)
        #expect(d.prefix(characters: 100).diff.markers() == d.markers())
        // Styles are closed even when the cut falls inside a change.
        #expect(cut.ansi() == "one \u{1B}[9;41mtw\u{1B}[0m")
        // Characters, not bytes or scalars, are counted.
        let emoji = TextDiff.words("a", "👩‍👩‍👧👍🏽🇫🇷").prefix(characters: 2)
        #expect(emoji.diff.markers() == "[-a-]{+👩‍👩‍👧+}")
        #expect(emoji.omitted == 2)
    }
}
