import Foundation

/// Case-insensitive text comparison shared by assertions and reference metrics.
public enum TextFolding {
    /// Unicode case folding for case-insensitive matching. Upper- then lower-casing applies the
    /// full mappings (`ß` → `ss`, `ﬁ` → `fi`, final `ς` → `σ`); dotted capital `İ` lower-cases
    /// to `i` + U+0307, and the dot is dropped so `İstanbul` matches `istanbul`.
    public static func caseFold(_ text: some StringProtocol) -> String {
        // ASCII folds to its lower case: one copy, not an upper-cased one on the way.
        if isASCII(text) {
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var count = 0
                for byte in text.utf8 {
                    buffer[count] = lowerASCII(byte)
                    count += 1
                }
                return count
            }
        }
        let folded = text.uppercased().lowercased()
        guard folded.unicodeScalars.contains("\u{307}") else { return folded }
        return folded.replacingOccurrences(of: "i\u{307}", with: "i")
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`, comparing ASCII
    /// letters without case; both must be ASCII. Nothing is copied, so a 5 MB output is
    /// searched where it lies.
    public static func asciiOffset(of needle: some StringProtocol, in haystack: some StringProtocol)
        -> Int?
    {
        let pattern = needle.utf8.map(lowerASCII)
        guard let first = pattern.first else { return 0 }
        let bytes = haystack.utf8
        let count = bytes.count
        guard pattern.count <= count else { return nil }
        return bytes.withContiguousStorageIfAvailable { text -> Int? in
            var i = 0
            let last = count - pattern.count
            while i <= last {
                if lowerASCII(text[i]) == first {
                    var j = 1
                    while j < pattern.count, lowerASCII(text[i + j]) == pattern[j] { j += 1 }
                    if j == pattern.count { return i }
                }
                i += 1
            }
            return nil
        }
            ?? {
                let copy = Array(bytes)
                return copy.indices.first { start in
                    start + pattern.count <= copy.count
                        && zip(copy[start...], pattern).allSatisfy { lowerASCII($0) == $1 }
                }
            }()
    }

    @inline(__always) static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether every byte of `text` is ASCII: eight bytes at a time over contiguous UTF-8.
    public static func isASCII(_ text: some StringProtocol) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var i = 0
            while i + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                    != 0
                {
                    return false
                }
                i += 8
            }
            while i < raw.count {
                if raw[i] >= 0x80 { return false }
                i += 1
            }
            return true
        } ?? utf8.allSatisfy { $0 < 0x80 }
    }
}
