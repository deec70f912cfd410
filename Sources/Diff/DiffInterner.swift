/// Gives each distinct token text an Int, so Myers compares Ints. ASCII tokens are keyed by their
/// bytes in an open-addressing table (the hot path); others by `Substring`, which hashes and
/// compares by canonical equivalence, so NFC and NFD spellings of a word get the same id.
///
/// The table points into the texts' UTF-8 buffers: an interner must not outlive the `withUTF8`
/// calls that produced them.
struct DiffInterner {
    private struct Entry {
        var start: UnsafePointer<UInt8>
        var count: Int
        var hash: UInt64
    }

    private var entries: [Entry] = []  // ASCII tokens seen
    private var ids: [Int] = []  // entry index → id
    private var slots = [Int](repeating: -1, count: 1024)  // entry index or -1
    private var other: [Substring: Int] = [:]
    private var next = 0

    /// The id of each token of `text` (whose UTF-8 contents are `bytes`).
    mutating func ids(
        _ tokens: [DiffToken], in text: String, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> [Int] {
        guard let base = bytes.baseAddress else { return [] }
        return tokens.map { token in
            if token.isASCII { return asciiID(base + token.start, token.end - token.start) }
            let utf8 = text.utf8
            let lo = utf8.index(utf8.startIndex, offsetBy: token.start)
            let hi = utf8.index(lo, offsetBy: token.end - token.start)
            let key = text[lo..<hi]
            if let id = other[key] { return id }
            other[key] = next
            next += 1
            return next - 1
        }
    }

    private mutating func asciiID(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        // FNV-1a: tokens are short, so a byte loop is cheaper than seeding a Hasher.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<count { hash = (hash ^ UInt64(start[i])) &* 0x100_0000_01B3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] >= 0 {
            let e = entries[slots[slot]]
            if e.hash == hash, e.count == count, Self.equal(e.start, start, count) {
                return ids[slots[slot]]
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = entries.count
        entries.append(Entry(start: start, count: count, hash: hash))
        ids.append(next)
        next += 1
        if entries.count * 2 > slots.count { grow() }
        return next - 1
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, e) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: e.hash ^ (e.hash >> 29)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }
    }

    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int)
        -> Bool
    {
        if a == b { return true }
        for i in 0..<n where a[i] != b[i] { return false }
        return true
    }
}
