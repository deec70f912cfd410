import Foundation

/// `1 error`, `2 errors`, `0 errors`: a count with its noun in the number it needs. The plural
/// is `word + "s"`, or `word` ending in a consonant and `y` with `ies` (`retry` → `retries`),
/// unless `plural` spells it.
public func plural(_ count: Int, _ word: String, _ plural: String? = nil) -> String {
    "\(count) \(pluralWord(count, word, plural))"
}

/// The noun alone in the number `count` needs: `error` or `errors`.
public func pluralWord(_ count: Int, _ word: String, _ plural: String? = nil) -> String {
    if count == 1 { return word }
    if let plural { return plural }
    if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) {
        return word.dropLast() + "ies"
    }
    return word + "s"
}

/// A byte count for people: `0 bytes`, `1 byte`, `512 bytes`, then `ByteCountFormatter`'s
/// `12 KB`, `3.4 MB` (it would say `Zero KB` for 0).
public func byteCountText(_ bytes: Int) -> String {
    if bytes < 1000 { return plural(bytes, "byte") }
    return ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
}
