/// Computes `TextDiff.words`: tokenizes both texts, maps tokens to Ints, runs Myers (by lines
/// first when the input is long), then turns the edit script into tidy ops.
struct DiffBuilder {
    /// Above this many tokens (both sides together) lines are diffed first.
    static let defaultLineThreshold = 2_000
    /// Edit distance beyond which a block is shown as one replacement.
    static let defaultMaxCost = 20_000

    let old: String
    let new: String
    var lineThreshold = DiffBuilder.defaultLineThreshold
    var maxCost = DiffBuilder.defaultMaxCost

    init(old: String, new: String) {
        self.old = old
        self.new = new
    }

    func ops() -> [DiffOp] {
        if old == new { return old.isEmpty ? [] : [.equal(old)] }
        if old.isEmpty { return [.insert(new)] }
        if new.isEmpty { return [.delete(old)] }
        var oldCopy = old
        var newCopy = new
        return oldCopy.withUTF8 { ob in newCopy.withUTF8 { nb in ops(ob, nb) } }
    }

    private func ops(_ ob: UnsafeBufferPointer<UInt8>, _ nb: UnsafeBufferPointer<UInt8>)
        -> [DiffOp]
    {
        let a = DiffTokenizer.tokenize(old, ob)
        let b = DiffTokenizer.tokenize(new, nb)
        var interner = DiffInterner()
        let ia = interner.ids(a, in: old, ob)
        let ib = interner.ids(b, in: new, nb)
        let segments =
            a.count + b.count > lineThreshold
            ? byLines(a, ia, b, ib)
            : Myers.diff(ia, ia.indices, ib, ib.indices, maxCost: maxCost)
        var chunks = DiffChunks()
        for s in segments {
            switch s.kind {
            case .equal: chunks.equal(Self.text(ob, a, s.old))
            case .delete: chunks.change(deleted: Self.text(ob, a, s.old), inserted: "")
            case .insert: chunks.change(deleted: "", inserted: Self.text(nb, b, s.new))
            }
        }
        return chunks.ops()
    }

    /// The text of a run of tokens (tokens cover the text without gaps).
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [DiffToken], _ r: Range<Int>)
        -> String
    {
        guard let first = r.first, let last = r.last else { return "" }
        let slice = UnsafeBufferPointer(rebasing: bytes[tokens[first].start..<tokens[last].end])
        return String(decoding: slice, as: UTF8.self)
    }

    /// Token index where each line starts, plus the token count: a line ends after a line break.
    static func lineStarts(_ tokens: [DiffToken]) -> [Int] {
        var starts = [0]
        for (i, t) in tokens.enumerated() where t.kind == .newline && i + 1 < tokens.count {
            starts.append(i + 1)
        }
        starts.append(tokens.count)
        return starts
    }

    /// Diffs lines, then words inside each block of changed lines. Segments use token indices.
    /// Lines are keyed by their token ids, so they compare as their tokens do.
    func byLines(_ a: [DiffToken], _ ia: [Int], _ b: [DiffToken], _ ib: [Int]) -> [DiffSegment] {
        let sa = Self.lineStarts(a)
        let sb = Self.lineStarts(b)
        var table: [ArraySlice<Int>: Int] = [:]
        func lineID(_ ids: [Int], _ r: Range<Int>) -> Int {
            if let id = table[ids[r]] { return id }
            table[ids[r]] = table.count
            return table.count - 1
        }
        let la = (0..<sa.count - 1).map { lineID(ia, sa[$0]..<sa[$0 + 1]) }
        let lb = (0..<sb.count - 1).map { lineID(ib, sb[$0]..<sb[$0 + 1]) }
        let lines = Myers.diff(la, la.indices, lb, lb.indices, maxCost: maxCost)
        var out: [DiffSegment] = []
        var i = 0
        while i < lines.count {
            var oldLines = lines[i].old
            var newLines = lines[i].new
            if lines[i].kind == .equal {
                out.append(
                    DiffSegment(
                        kind: .equal, old: sa[oldLines.lowerBound]..<sa[oldLines.upperBound],
                        new: sb[newLines.lowerBound]..<sb[newLines.upperBound]))
                i += 1
                continue
            }
            i += 1
            while i < lines.count, lines[i].kind != .equal {
                oldLines = oldLines.lowerBound..<lines[i].old.upperBound
                newLines = newLines.lowerBound..<lines[i].new.upperBound
                i += 1
            }
            out += Myers.diff(
                ia, sa[oldLines.lowerBound]..<sa[oldLines.upperBound],
                ib, sb[newLines.lowerBound]..<sb[newLines.upperBound], maxCost: maxCost)
        }
        return out
    }
}
