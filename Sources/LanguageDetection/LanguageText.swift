import Foundation

/// The prose of a text split into words: what language detection looks at.
///
/// Fenced and inline code, URLs, e-mail addresses, words with digits and code-like tokens
/// (`res.json()`, `user_id`, `a=b`) are left out, since they say nothing about the language
/// the text is written in.
struct LanguageText {
    /// A word and how much it counts.
    struct Word {
        /// NFC, original case; apostrophes inside the word are kept as `'`.
        var text: String
        /// 1, or ``labelWeight`` for a capitalized word inside a sentence.
        var weight: Double
    }

    /// Words in reading order.
    var words: [Word] = []
    /// How many Spanish inverted marks (`¿`, `¡`) the prose has: they are punctuation, so
    /// they are not part of any word.
    var invertedMarks = 0

    /// Enough words to tell any language; the rest of a very long text is not read, which keeps
    /// detection fast on huge outputs.
    static let maximumWords = 2000
    /// Likewise, only the first 64 KiB of a text are read.
    static let maximumBytes = 65_536
    /// What a capitalized word inside a sentence counts: it is often a name or an interface
    /// label quoted in another language ("Ve a Settings > Billing").
    static let labelWeight = 0.35

    init(_ text: String) {
        let head = text.utf8.count > Self.maximumBytes ? Self.head(of: text) : text
        let prose = Self.removingCode(Self.composed(head))
        lines: for line in prose.split(whereSeparator: \.isNewline) {
            var startsSentence = true
            for piece in line.split(whereSeparator: \.isWhitespace) {
                let chunk = piece.trimmingMarkdown()
                if chunk.isEmpty || Self.isNonProse(chunk) { continue }
                let hasLetters = addWords(of: chunk, startsSentence: startsSentence)
                if words.count >= Self.maximumWords { break lines }
                // A bullet or number keeps the sentence start; a period, colon or the like
                // begins a new sentence.
                startsSentence = (startsSentence && !hasLetters) || Self.endsSentence(chunk)
            }
        }
        // Acronyms (API, CSV) and camel-case names (GitHub) are not words of any language,
        // unless the whole text is shouted in capitals.
        let capitals = words.filter { Self.isAllCapitals($0.text) }.count
        let shouting = capitals * 5 >= words.count * 3
        words.removeAll {
            Self.isCamelCase($0.text) || (!shouting && Self.isAllCapitals($0.text))
        }
    }

    /// The text cut to at most ``maximumBytes`` of UTF-8; a character cut in half becomes
    /// U+FFFD, which is not a letter.
    static func head(of text: String) -> String {
        String(decoding: text.utf8.prefix(maximumBytes), as: UTF8.self)
    }

    /// The text in NFC, so `é` is one letter however it was typed; only texts with combining
    /// marks or conjoining Jamo need the (slow) Foundation call.
    static func composed(_ text: String) -> String {
        let needed = text.unicodeScalars.contains { scalar in
            scalar.value >= 0x300
                && (scalar.properties.canonicalCombiningClass != .notReordered
                    || (0x1100...0x11FF).contains(scalar.value))
        }
        return needed ? text.precomposedStringWithCanonicalMapping : text
    }

    /// The text without fenced code blocks (``` or ~~~, an unclosed fence runs to the end) and
    /// without inline code spans.
    static func removingCode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "`")) || text.contains("~~~") else { return text }
        var kept: [Substring] = []
        var fence: String?
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            // A line opening a fence; ```x``` on one line is inline code.
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~"),
                !trimmed.dropFirst(3).drop(while: { $0 == trimmed.first }).contains("`")
            {
                fence = String(trimmed.prefix(3))
                continue
            }
            kept.append(line)
        }
        return kept.map(removingInlineCode).joined(separator: "\n")
    }

    /// A line without its `code` spans; a backtick run without a closing run of the same
    /// length is dropped on its own.
    static func removingInlineCode(_ line: Substring) -> String {
        guard line.contains("`") else { return String(line) }
        let characters = Array(line)
        var result = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "`" else {
                result.append(characters[index])
                index += 1
                continue
            }
            var run = 0
            while index + run < characters.count, characters[index + run] == "`" { run += 1 }
            let opened = index + run
            index = opened
            var probe = opened
            while probe < characters.count {
                var closing = 0
                while probe + closing < characters.count, characters[probe + closing] == "`" {
                    closing += 1
                }
                if closing == run {
                    index = probe + closing
                    result.append(" ")
                    break
                }
                probe += Swift.max(closing, 1)
            }
        }
        return result
    }

    /// Characters that, in an ASCII token, mean code or a path rather than prose.
    private static let codeBytes = Set("=_{}<>[]|\\/$#%^*~+".utf8)

    /// URLs, e-mail addresses and @handles, and ASCII tokens that look like code: one pass
    /// over the bytes.
    static func isNonProse(_ chunk: Substring) -> Bool {
        let bytes = chunk.utf8
        if bytes.starts(with: "www.".utf8) || bytes.starts(with: "(www.".utf8) { return true }
        var ascii = true
        var code = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "@"): return true
            case UInt8(ascii: "/") where previous == (UInt8(ascii: ":"), UInt8(ascii: "/")):
                return true
            case 0x80...: ascii = false
            default:
                if codeBytes.contains(byte) { code = true }
                // res.json(), acme.cloud, e.g.: a dot between two letters.
                if isASCIILetter(byte), previous.1 == UInt8(ascii: "."), isASCIILetter(previous.0) {
                    code = true
                }
            }
            previous = (previous.1, byte)
        }
        return ascii && code
    }

    /// Splits a chunk at everything that is not a letter and where the script changes
    /// (`APIキー` is two words); drops words that touch a digit. Returns whether the chunk had
    /// letters.
    private mutating func addWords(of chunk: Substring, startsSentence: Bool) -> Bool {
        var word = String.UnicodeScalarView()
        var touchesDigit = false
        var script: LanguageScript?
        var first = true
        var hasLetters = false
        let scalars = Array(chunk.unicodeScalars)
        func flush() {
            if !word.isEmpty && !touchesDigit {
                let text = String(word)
                let label = !(first && startsSentence) && Self.isCapitalized(text)
                words.append(Word(text: text, weight: label ? Self.labelWeight : 1))
            }
            if !word.isEmpty { first = false }
            word = String.UnicodeScalarView()
            touchesDigit = false
            script = nil
        }
        for (index, scalar) in scalars.enumerated() {
            let kind = Self.kind(of: scalar)
            if kind == .letter {
                if let next = LanguageScript.of(scalar).map(Self.family) {
                    if let current = script, current != next { flush() }
                    script = next
                }
                word.append(scalar)
                hasLetters = true
            } else if kind == .digit {
                touchesDigit = true
            } else if scalar == "'" || scalar == "\u{2019}", !word.isEmpty,
                index + 1 < scalars.count, Self.kind(of: scalars[index + 1]) == .letter
            {
                word.append("'")
            } else {
                if scalar == "¿" || scalar == "¡" { invertedMarks += 1 }
                // Words joined by a hyphen stay tainted by a digit on either side (2-factor).
                if scalar == "-" && touchesDigit && word.isEmpty { continue }
                flush()
            }
        }
        flush()
        return hasLetters
    }
}

extension Substring {
    /// Without Markdown emphasis and heading marks around it: `**Billing**` → `Billing`.
    fileprivate func trimmingMarkdown() -> Substring {
        func isMark(_ character: Character) -> Bool {
            switch character {
            case "*", "_", "~", "#", ">": return true
            default: return false
            }
        }
        var start = startIndex
        var end = endIndex
        while start < end, isMark(self[start]) { start = index(after: start) }
        while end > start, isMark(self[index(before: end)]) { end = index(before: end) }
        return self[start..<end]
    }
}
