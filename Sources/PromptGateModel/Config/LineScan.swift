/// Reads a file's bytes once, in pieces, for what a snapshot needs to know about its lines:
/// where every `stride`-th line starts, and whether every line break is `\n` (or `\r\n`) in
/// UTF-8 — no lone `\r`, no U+0085/U+2028/U+2029, no UTF-16 — so that lines count the same
/// here as in libyaml.
struct LineScan {
    private let stride: Int
    private(set) var sampledStarts = [0]
    private var line = 1
    private var offset = 0
    private var ok = true
    /// The bytes just before this piece that a break may still be waiting on.
    private var last: UInt8 = 0
    private var beforeLast: UInt8 = 0

    init(stride: Int) { self.stride = stride }

    mutating func add(_ piece: UnsafeBufferPointer<UInt8>) {
        guard !piece.isEmpty else { return }
        if offset == 0, let first = piece.first, first == 0xFE || first == 0xFF || first == 0 {
            ok = false
        }
        // A `\r` at the end of the last piece needs a `\n` first in this one.
        if last == 0x0D && piece[0] != 0x0A { ok = false }
        // Only five byte values matter; every other byte costs one comparison or two.
        let count = piece.count
        var i = 0
        while i < count {
            let byte = piece[i]
            if byte > 0x0D && byte < 0x85 {
                i += 1
                continue
            }
            switch byte {
            case 0x0A:
                line += 1
                if line % stride == 1 { sampledStarts.append(offset + i + 1) }
            case 0x0D:
                if i + 1 < count && piece[i + 1] != 0x0A { ok = false }
            case 0x85:
                if (i > 0 ? piece[i - 1] : last) == 0xC2 { ok = false }
            case 0xA8, 0xA9:
                let one = i > 0 ? piece[i - 1] : last
                let two = i > 1 ? piece[i - 2] : (i == 1 ? last : beforeLast)
                if two == 0xE2 && one == 0x80 { ok = false }
            default: break
            }
            i += 1
        }
        beforeLast = count > 1 ? piece[count - 2] : last
        last = piece[count - 1]
        offset += count
    }

    /// Whether lines are `\n`-separated only; the scan is done after this.
    mutating func finish() -> Bool {
        if last == 0x0D { ok = false }
        return ok
    }
}
