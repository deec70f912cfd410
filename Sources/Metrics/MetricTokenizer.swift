import Basics

/// Splits text into the words the reference metrics compare, Unicode-aware.
///
/// A word is a run of letters, digits and combining marks; everything else (whitespace,
/// punctuation) separates words and is dropped, except that an apostrophe between letters
/// stays inside the word (`don't`, `l'homme`; `’` counts as `'`) and `.` or `,` between digits
/// keeps a number whole (`3.14`, `1,000`). Each symbol (emoji, `€`, `+`) is a word of its own.
/// Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) give one word per
/// character. Words are lower-cased by Unicode case folding (`Straße` = `strasse`).
enum MetricTokenizer {
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        func flush() {
            if !word.isEmpty { tokens.append(TextFolding.caseFold(word)) }
            word = ""
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard let first = character.unicodeScalars.first else { continue }
            let properties = first.properties
            let isWordPart =
                properties.isAlphabetic || properties.numericType != nil
                || isMark(properties.generalCategory)
            if isWordPart && UnspacedScript.contains(first.value) {
                flush()
                tokens.append(TextFolding.caseFold(String(character)))
            } else if isWordPart {
                word.append(character)
            } else if let joined = joiner(characters, at: index, word: word) {
                word.append(joined)
            } else if isSymbol(properties.generalCategory) {
                flush()
                tokens.append(String(character))
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// An apostrophe between letters or a `.`/`,` between digits, as it joins the word.
    private static func joiner(_ characters: [Character], at index: Int, word: String)
        -> Character?
    {
        guard let previous = word.last, index + 1 < characters.count else { return nil }
        let next = characters[index + 1]
        switch characters[index] {
        case "'", "’":
            return previous.isLetter && next.isLetter ? "'" : nil
        case ".", ",":
            return previous.isNumber && next.isNumber ? characters[index] : nil
        default:
            return nil
        }
    }

    private static func isMark(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func isSymbol(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
    }
}
