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
        if offset == 0, let first = piece.first, first == 0xFE || first == 0xFF || first == 0 {
            ok = false
        }
        for byte in piece {
            if byte == 0x0A {
                line += 1
                if line % stride == 1 { sampledStarts.append(offset + 1) }
            }
            if last == 0x0D && byte != 0x0A { ok = false }
            if last == 0xC2 && byte == 0x85 { ok = false }
            if beforeLast == 0xE2 && last == 0x80 && (byte == 0xA8 || byte == 0xA9) { ok = false }
            beforeLast = last
            last = byte
            offset += 1
        }
    }

    /// Whether lines are `\n`-separated only; the scan is done after this.
    mutating func finish() -> Bool {
        if last == 0x0D { ok = false }
        return ok
    }
}
