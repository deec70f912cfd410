import Basics
import Testing

/// `TerminalText.sanitize`: every scalar a terminal acts on becomes a visible escape; `\n`,
/// `\t` and all printable text (combining marks, emoji, right-to-left scripts) stay as they are.
@Suite struct TerminalTextTests {
    @Test func escapesC0ControlsButLineFeedAndTab() {
        for value in UInt32(0)..<0x20 where value != 0x09 && value != 0x0A {
            let scalar = Unicode.Scalar(value)!
            let hex = String(value, radix: 16)
            let expected = "\\x" + (hex.count == 1 ? "0" + hex : hex)
            #expect(TerminalText.sanitize("a\(Character(scalar))b") == "a\(expected)b")
        }
        #expect(TerminalText.sanitize("one\ntwo\tthree\n") == "one\ntwo\tthree\n")
    }

    @Test func escapesCarriageReturnEvenBeforeALineFeed() {
        #expect(TerminalText.sanitize("fine\rpwned") == #"fine\x0dpwned"#)
        #expect(TerminalText.sanitize("line\r\nnext") == "line\\x0d\nnext")
    }

    @Test func escapesDELAndC1Controls() {
        #expect(TerminalText.sanitize("a\u{7F}b") == #"a\x7fb"#)
        for value in UInt32(0x80)...0x9F {
            let scalar = Unicode.Scalar(value)!
            var text = ""
            text.unicodeScalars.append(scalar)
            #expect(TerminalText.sanitize(text) == "\\x" + String(value, radix: 16))
        }
        // CSI (U+009B) and NEL (U+0085) written as one scalar each.
        #expect(TerminalText.sanitize("\u{9B}31m\u{85}") == #"\x9b31m\x85"#)
    }

    @Test func escapesBidiControls() {
        let controls: [UInt32] = Array(0x202A...0x202E) + Array(0x2066...0x2069)
        for value in controls {
            var text = "x"
            text.unicodeScalars.append(Unicode.Scalar(value)!)
            #expect(TerminalText.sanitize(text) == "x\\u{\(String(value, radix: 16))}")
        }
        // The "Trojan Source" line: an RLO ... PDI pair that reorders what the reader sees.
        #expect(
            TerminalText.sanitize("if admin \u{202E}\u{2066}// check\u{2069}\u{2066}")
                == #"if admin \u{202e}\u{2066}// check\u{2069}\u{2066}"#)
        // Marks that belong in right-to-left text (LRM, RLM, ALM) are text, not controls.
        #expect(
            TerminalText.sanitize("abc\u{200F}\u{200E}\u{061C}") == "abc\u{200F}\u{200E}\u{061C}")
    }

    @Test func terminalAttackBecomesVisible() {
        let attack = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{1B}[0m"
        #expect(TerminalText.sanitize(attack) == #"\x1b[2J\x1b]0;pwned\x07\x1b[31mred\x1b[0m"#)
        #expect(!TerminalText.sanitize(attack).unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func printableTextIsUntouched() {
        let texts = [
            "plain ASCII, with a backslash \\x1b and \\u{202e} written out",
            "e\u{301}, n\u{303}, a\u{308}\u{304} (combining marks)",
            "👩‍👩‍👧 👍🏽 🇫🇷 1️⃣ ❤️ (emoji: ZWJ, skin tone, flag, keycap, VS16)",
            "日本語のテキスト, 한국어, ไทย, русский, ελληνικά",
            "שלום עולם, مرحبا بالعالم (right-to-left scripts)",
            "zero\u{200B}width\u{200D}joiner, soft\u{AD}hyphen, \u{FEFF}BOM, \u{2028}",
            "\u{FFFD} (what an invalid byte or a lone surrogate becomes when decoded)",
        ]
        for text in texts { #expect(TerminalText.sanitize(text) == text) }
        // A lone surrogate cannot reach a Swift string: decoding replaces it.
        let lone = String(decoding: [0x61, 0xED, 0xA0, 0x80, 0x62] as [UInt8], as: UTF8.self)
        #expect(TerminalText.sanitize(lone) == lone)
        #expect(!lone.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
    }

    @Test func escapesSitBetweenGraphemesWithoutChangingThem() {
        let text = "e\u{301}\u{1B}👩‍👩‍👧\u{7}"
        let sanitized = TerminalText.sanitize(text)
        #expect(sanitized == "e\u{301}\\x1b👩‍👩‍👧\\x07")
        #expect(Array(sanitized).first == "e\u{301}")
    }

    @Test func cappedKeepsThePrefixAndCountsTheRest() {
        #expect(TerminalText.capped("short") == "short")
        let long = String(repeating: "x", count: 1_700)
        #expect(
            TerminalText.capped(long) == String(repeating: "x", count: 500)
                + "… 1,200 more characters")
        #expect(TerminalText.capped("👍🏽👍🏽👍🏽", limit: 2) == "👍🏽👍🏽… 1 more character")
    }
}
