/// Collects an edit script as alternating equal texts and changes, then makes the ops readable.
struct DiffChunks {
    private enum Chunk {
        case equal(String)
        case change(deleted: String, inserted: String)
    }

    private var chunks: [Chunk] = []

    mutating func equal(_ s: String) {
        guard !s.isEmpty else { return }
        if case .equal(let previous) = chunks.last {
            chunks[chunks.count - 1] = .equal(previous + s)
        } else {
            chunks.append(.equal(s))
        }
    }

    mutating func change(deleted: String, inserted: String) {
        guard !deleted.isEmpty || !inserted.isEmpty else { return }
        if case .change(let d, let i) = chunks.last {
            chunks[chunks.count - 1] = .change(deleted: d + deleted, inserted: i + inserted)
        } else {
            chunks.append(.change(deleted: deleted, inserted: inserted))
        }
    }

    /// A space between two replacements is folded into them, so "the big cat" → "a small dog"
    /// reads as one replacement instead of three. Line breaks are kept as boundaries.
    private func folded() -> [Chunk] {
        var out: [Chunk] = []
        out.reserveCapacity(chunks.count)
        for chunk in chunks {
            if case .change(let d2, let i2) = chunk, !d2.isEmpty, !i2.isEmpty, out.count >= 2,
                case .equal(let gap) = out[out.count - 1],
                case .change(let d1, let i1) = out[out.count - 2], !d1.isEmpty, !i1.isEmpty,
                gap.allSatisfy({ $0.isWhitespace && !$0.isNewline })
            {
                out.removeLast(2)
                out.append(.change(deleted: d1 + gap + d2, inserted: i1 + gap + i2))
            } else {
                out.append(chunk)
            }
        }
        return out
    }

    func ops() -> [DiffOp] {
        var ops: [DiffOp] = []
        ops.reserveCapacity(chunks.count * 2)
        for chunk in folded() {
            switch chunk {
            case .equal(let s):
                ops.append(.equal(s))
            case .change(let d, let i):
                if !d.isEmpty { ops.append(.delete(d)) }
                if !i.isEmpty { ops.append(.insert(i)) }
            }
        }
        return ops
    }
}
