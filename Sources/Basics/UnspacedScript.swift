/// Han, kana, Thai, Lao, Khmer and Myanmar: scripts written without spaces between words,
/// where each letter counts as a word (word-count) or a token (reference metrics).
/// Hangul is not here: Korean separates words with spaces.
package enum UnspacedScript {
    package static func contains(_ value: UInt32) -> Bool {
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
