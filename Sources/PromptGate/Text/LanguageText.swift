import Foundation

/// The prose of a text split into words: what language detection looks at.
///
/// Fenced and inline code, URLs, e-mail addresses, words with digits and code-like tokens
/// (`res.json()`, `user_id`, `a=b`) are left out, since they say nothing about the language
/// the text is written in.
struct LanguageText {
    /// Words in reading order (NFC, original case); apostrophes inside words are kept as `'`.
    var words: [String] = []
    /// How many Spanish inverted marks (`¿`, `¡`) the prose has: they are punctuation, so
    /// they are not part of any word.
    var invertedMarks = 0

    /// Enough words to tell any language; the rest of a very long text is not read, which keeps
    /// detection fast on huge outputs.
    static let maximumWords = 2000

    init(_ text: String) {
        let prose = Self.removingCode(Self.composed(text))
        for chunk in prose.split(whereSeparator: \.isWhitespace) where !Self.isNonProse(chunk) {
            addWords(of: chunk)
            if words.count >= Self.maximumWords { break }
        }
        // Acronyms (API, CSV) and camel-case names (GitHub) are not words of any language,
        // unless the whole text is shouted in capitals.
        let capitals = words.filter(Self.isAllCapitals).count
        let shouting = capitals * 5 >= words.count * 3
        words.removeAll { Self.isCamelCase($0) || (!shouting && Self.isAllCapitals($0)) }
    }

    /// Kanji and kana belong together in Japanese words.
    private static func family(_ script: LanguageScript) -> LanguageScript {
        script == .kana ? .han : script
    }

    /// At least two cased letters, all of them capitals.
    static func isAllCapitals(_ word: String) -> Bool {
        var capitals = 0
        for scalar in word.unicodeScalars {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { capitals += 1 }
        }
        return capitals >= 2
    }

    /// A capital right after a small letter: iPhone, RateLimit.
    static func isCamelCase(_ word: String) -> Bool {
        var previousLower = false
        for scalar in word.unicodeScalars {
            if previousLower && scalar.properties.isUppercase { return true }
            previousLower = scalar.properties.isLowercase
        }
        return false
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
        var kept: [Substring] = []
        var fence: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
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

    /// URLs, e-mail addresses and @handles, and ASCII tokens that look like code.
    static func isNonProse(_ chunk: Substring) -> Bool {
        if chunk.contains("@") || chunk.contains("://") { return true }
        let lower = chunk.lowercased()
        if lower.hasPrefix("www.") || lower.hasPrefix("(www.") { return true }
        guard chunk.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        if chunk.utf8.contains(where: Self.codeBytes.contains) { return true }
        // res.json(), acme.cloud, e.g.: a dot between two letters.
        let scalars = Array(chunk.unicodeScalars)
        for index in scalars.indices.dropFirst().dropLast() where scalars[index] == "." {
            if scalars[index - 1].properties.isAlphabetic
                && scalars[index + 1].properties.isAlphabetic
            {
                return true
            }
        }
        return false
    }

    /// Splits a chunk at everything that is not a letter and where the script changes
    /// (`APIキー` is two words); drops words that touch a digit.
    private mutating func addWords(of chunk: Substring) {
        var word = String.UnicodeScalarView()
        var touchesDigit = false
        var script: LanguageScript?
        let scalars = Array(chunk.unicodeScalars)
        func flush() {
            if !word.isEmpty && !touchesDigit { words.append(String(word)) }
            word = String.UnicodeScalarView()
            touchesDigit = false
            script = nil
        }
        for (index, scalar) in scalars.enumerated() {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                if let next = LanguageScript.of(scalar).map(Self.family) {
                    if let current = script, current != next { flush() }
                    script = next
                }
                word.append(scalar)
            } else if properties.numericType != nil {
                touchesDigit = true
            } else if scalar == "'" || scalar == "\u{2019}", !word.isEmpty,
                index + 1 < scalars.count, scalars[index + 1].properties.isAlphabetic
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
    }
}
