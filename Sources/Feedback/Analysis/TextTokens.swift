/// Words for comparing texts: lowercased letters and digits, without common function words
/// and numbers (ids, amounts), plurals folded (`exports` → `export`); runs of CJK characters,
/// written without spaces, become overlapping pairs.
enum TextTokens {
    static func of(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        var cjk: [Character] = []
        func flushWord() {
            defer { word = "" }
            guard word.count >= 2, !word.allSatisfy(\.isNumber), !stopWords.contains(word)
            else { return }
            if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") {
                out.append(String(word.dropLast()))
            } else {
                out.append(word)
            }
        }
        func flushCJK() {
            defer { cjk = [] }
            if cjk.count == 1 { out.append(String(cjk)) }
            for index in cjk.indices.dropLast() { out.append(String(cjk[index...index + 1])) }
        }
        for character in text.lowercased() {
            if isCJK(character) {
                flushWord()
                cjk.append(character)
            } else if character.isLetter || character.isNumber {
                flushCJK()
                word.append(character)
            } else {
                flushWord()
                flushCJK()
            }
        }
        flushWord()
        flushCJK()
        return out
    }

    private static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF:
            return true
        default:
            return false
        }
    }

    /// Function words of English and the most common European languages.
    static let stopWords: Set<String> = [
        "a", "about", "after", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been",
        "but", "by", "can", "could", "did", "do", "does", "for", "from", "get", "had", "has",
        "have", "how", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of",
        "on", "or", "our", "please", "so", "some", "that", "the", "their", "then", "there",
        "this", "to", "too", "up", "was", "we", "what", "when", "where", "which", "who", "why",
        "will", "with", "would", "you", "your", "i", "there's", "it's", "i'm",
        // Spanish, Portuguese, French, German, Italian, Dutch.
        "el", "la", "los", "las", "de", "del", "en", "un", "una", "y", "que", "mi", "mis",
        "es", "por", "para", "con", "se", "lo", "como", "cómo", "puedo", "o", "os", "as", "um",
        "uma", "meu", "meus", "minha", "minhas", "do", "da", "em", "posso", "le", "les", "des",
        "du", "et", "je", "mon", "ma", "mes", "est", "pour", "dans", "une", "comment", "où",
        "der", "die", "das", "und", "ich", "mein", "meine", "meinen", "ist", "wie", "wo", "zu",
        "mit", "ein", "eine", "kann", "il", "di", "che", "per", "het", "een", "van",
    ]
}
