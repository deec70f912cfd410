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
        let a = DiffTokenizer.tokenize(old)
        let b = DiffTokenizer.tokenize(new)
        var table: [Substring: Int] = [:]
        table.reserveCapacity(a.count / 2)
        let ia = Self.ids(a, in: old, &table)
        let ib = Self.ids(b, in: new, &table)
        let segments =
            a.count + b.count > lineThreshold
            ? byLines(a, ia, b, ib)
            : Myers.diff(ia, ia.indices, ib, ib.indices, maxCost: maxCost)
        var chunks = DiffChunks()
        for s in segments {
            let oldText = Self.text(old, a, s.old)
            let newText = Self.text(new, b, s.new)
            switch s.kind {
            case .equal: chunks.equal(oldText)
            case .delete: chunks.change(deleted: oldText, inserted: "")
            case .insert: chunks.change(deleted: "", inserted: newText)
            }
        }
        return chunks.ops()
    }

    /// Interns each token's text, so Myers compares Ints.
    static func ids(_ tokens: [DiffToken], in s: String, _ table: inout [Substring: Int]) -> [Int] {
        tokens.map { token in
            let key = s[token.range]
            if let id = table[key] { return id }
            let id = table.count
            table[key] = id
            return id
        }
    }

    /// The text of a run of tokens (tokens cover the text without gaps).
    static func text(_ s: String, _ tokens: [DiffToken], _ r: Range<Int>) -> Substring {
        guard let first = r.first, let last = r.last else { return "" }
        return s[tokens[first].range.lowerBound..<tokens[last].range.upperBound]
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
    func byLines(_ a: [DiffToken], _ ia: [Int], _ b: [DiffToken], _ ib: [Int]) -> [DiffSegment] {
        let sa = Self.lineStarts(a)
        let sb = Self.lineStarts(b)
        var table: [Substring: Int] = [:]
        let la = (0..<sa.count - 1).map { Self.lineID(old, a, sa[$0]..<sa[$0 + 1], &table) }
        let lb = (0..<sb.count - 1).map { Self.lineID(new, b, sb[$0]..<sb[$0 + 1], &table) }
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

    static func lineID(
        _ s: String, _ tokens: [DiffToken], _ r: Range<Int>, _ table: inout [Substring: Int]
    ) -> Int {
        let key = text(s, tokens, r)
        if let id = table[key] { return id }
        let id = table.count
        table[key] = id
        return id
    }
}
