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
            } else if isUnspacedScript(value) {
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

    /// Han, kana, Thai, Lao, Khmer and Myanmar: scripts written without spaces between words.
    private static func isUnspacedScript(_ value: UInt32) -> Bool {
        switch value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF,  // Khmer
            0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F,  // kana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han
            0x20000...0x323AF:  // Han extensions
            return true
        default:
            return false
        }
    }
}
