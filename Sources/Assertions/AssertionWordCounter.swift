import Basics

/// Counts words for `word-count`, Unicode-aware.
///
/// A word is a run of non-space characters that contains a letter or digit, so Markdown
/// bullets, `—` and emoji alone are not words, while `don't`, `state-of-the-art` and `1,000`
/// are one each. Scripts written without spaces count differently: every Han ideograph,
/// hiragana and katakana letter is one word, and so is every Thai, Lao, Khmer and Myanmar
/// letter (combining vowels and tone marks excluded) — for those scripts the count is a
/// character count and overstates real words, so set `max` generously.
enum AssertionWordCounter {
    static func count(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII fast path: letters and digits make words, spaces end them.
                switch value {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                    if !inWord {
                        count += 1
                        inWord = true
                    }
                case 0x09...0x0D, 0x20:
                    inWord = false
                default:
                    break
                }
                continue
            }
            let properties = scalar.properties
            if properties.isWhitespace {
                inWord = false
            } else if UnspacedScript.contains(value) {
                if properties.generalCategory == .otherLetter { count += 1 }
                inWord = false
            } else if properties.isAlphabetic || properties.numericType != nil {
                if !inWord {
                    count += 1
                    inWord = true
                }
            }
        }
        return count
    }
}
