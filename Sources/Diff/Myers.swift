/// A run of an edit script over two sequences: `old` and `new` are index ranges; an `.equal`
/// run covers the same number of elements on both sides, a `.delete` run has an empty `new`
/// range (and an `.insert` run an empty `old` range) positioned where it happens.
struct DiffSegment: Equatable {
    enum Kind { case equal, delete, insert }
    var kind: Kind
    var old: Range<Int>
    var new: Range<Int>
}

/// Myers' O(ND) difference algorithm, linear-space variant (divide and conquer on the middle
/// snake), over sequences of Ints. Common prefixes and suffixes are trimmed at every level.
enum Myers {
    /// The edit script turning `a[aRange]` into `b[bRange]`, with absolute indices, adjacent runs
    /// of one kind merged. A subproblem whose edit distance exceeds about `maxCost` is not
    /// searched further: it becomes one deletion plus one insertion, so the work stays bounded.
    static func diff(
        _ a: [Int], _ aRange: Range<Int>, _ b: [Int], _ bRange: Range<Int>, maxCost: Int
    ) -> [DiffSegment] {
        if aRange.count + bRange.count > maxCost
            && lowerBound(a, aRange, b, bRange) > maxCost
        {
            return [
                DiffSegment(kind: .delete, old: aRange, new: bRange.lowerBound..<bRange.lowerBound),
                DiffSegment(kind: .insert, old: aRange.upperBound..<aRange.upperBound, new: bRange),
            ].filter { !$0.old.isEmpty || !$0.new.isEmpty }
        }
        let dLimit = max(1, maxCost / 2)
        let size = min(maxD(aRange.count, bRange.count), dLimit + 1)
        var vf = [Int](repeating: 0, count: 2 * size + 2)
        var vb = [Int](repeating: 0, count: 2 * size + 2)
        var out: [DiffSegment] = []
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                vf.withUnsafeMutableBufferPointer { vf in
                    vb.withUnsafeMutableBufferPointer { vb in
                        var run = Run(
                            a: a, b: b, vf: vf, vb: vb, offset: size, dLimit: dLimit, out: [])
                        run.conquer(aRange, bRange)
                        out = run.out
                    }
                }
            }
        }
        return out
    }

    /// A cheap lower bound on the edit distance: every element one side has more often than
    /// the other must be inserted or deleted. Lets clearly unrelated texts skip the search.
    static func lowerBound(_ a: [Int], _ aRange: Range<Int>, _ b: [Int], _ bRange: Range<Int>)
        -> Int
    {
        let top = max(a[aRange].max() ?? 0, b[bRange].max() ?? 0)
        var counts = [Int32](repeating: 0, count: top + 1)
        for x in a[aRange] { counts[x] += 1 }
        for y in b[bRange] { counts[y] -= 1 }
        return counts.reduce(0) { $0 + Int($1.magnitude) }
    }

    static func maxD(_ n: Int, _ m: Int) -> Int { (n + m + 1) / 2 + 1 }

    private struct Run {
        let a: UnsafeBufferPointer<Int>
        let b: UnsafeBufferPointer<Int>
        let vf: UnsafeMutableBufferPointer<Int>
        let vb: UnsafeMutableBufferPointer<Int>
        let offset: Int
        let dLimit: Int
        var out: [DiffSegment]

        mutating func emit(_ kind: DiffSegment.Kind, _ old: Range<Int>, _ new: Range<Int>) {
            if old.isEmpty && new.isEmpty { return }
            if let last = out.last, last.kind == kind, last.old.upperBound == old.lowerBound,
                last.new.upperBound == new.lowerBound
            {
                out[out.count - 1] = DiffSegment(
                    kind: kind, old: last.old.lowerBound..<old.upperBound,
                    new: last.new.lowerBound..<new.upperBound)
            } else {
                out.append(DiffSegment(kind: kind, old: old, new: new))
            }
        }

        func prefixLength(_ x: Int, _ xEnd: Int, _ y: Int, _ yEnd: Int) -> Int {
            var n = 0
            while x + n < xEnd, y + n < yEnd, a[x + n] == b[y + n] { n += 1 }
            return n
        }

        func suffixLength(_ xStart: Int, _ xEnd: Int, _ yStart: Int, _ yEnd: Int) -> Int {
            var n = 0
            while xEnd - n > xStart, yEnd - n > yStart, a[xEnd - n - 1] == b[yEnd - n - 1] {
                n += 1
            }
            return n
        }

        mutating func conquer(_ aRange: Range<Int>, _ bRange: Range<Int>) {
            var (aLo, aHi, bLo, bHi) = (
                aRange.lowerBound, aRange.upperBound, bRange.lowerBound, bRange.upperBound
            )
            let prefix = prefixLength(aLo, aHi, bLo, bHi)
            emit(.equal, aLo..<aLo + prefix, bLo..<bLo + prefix)
            aLo += prefix
            bLo += prefix
            let suffix = suffixLength(aLo, aHi, bLo, bHi)
            aHi -= suffix
            bHi -= suffix
            if aLo == aHi {
                emit(.insert, aLo..<aLo, bLo..<bHi)
            } else if bLo == bHi {
                emit(.delete, aLo..<aHi, bLo..<bLo)
            } else if let (x, y) = middleSnake(aLo, aHi, bLo, bHi) {
                conquer(aLo..<x, bLo..<y)
                conquer(x..<aHi, y..<bHi)
            } else {
                emit(.delete, aLo..<aHi, bLo..<bLo)
                emit(.insert, aHi..<aHi, bLo..<bHi)
            }
            emit(.equal, aHi..<aHi + suffix, bHi..<bHi + suffix)
        }

        /// A point on an optimal path through the middle of the edit graph, or nil when the
        /// edit distance exceeds the limit. Forward and backward searches meet in the middle;
        /// `vf[k]` / `vb[k]` hold how far along diagonal k each has got (x from the start or end).
        func middleSnake(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int)? {
            let n = aHi - aLo
            let m = bHi - bLo
            let delta = n - m
            let odd = delta & 1 == 1
            let o = offset
            vf[o + 1] = 0
            vb[o + 1] = 0
            let dMax = min(Myers.maxD(n, m), dLimit + 1)
            for d in 0..<dMax {
                var k = d
                while k >= -d {
                    var x =
                        (k == -d || (k != d && vf[o + k - 1] < vf[o + k + 1]))
                        ? vf[o + k + 1] : vf[o + k - 1] + 1
                    let x0 = x
                    let y0 = x - k
                    if x < n && y0 < m { x += prefixLength(aLo + x, aHi, bLo + y0, bHi) }
                    vf[o + k] = x
                    if odd, abs(k - delta) <= d - 1, x + vb[o - (k - delta)] >= n {
                        return (aLo + x0, bLo + y0)
                    }
                    k -= 2
                }
                k = d
                while k >= -d {
                    var x =
                        (k == -d || (k != d && vb[o + k - 1] < vb[o + k + 1]))
                        ? vb[o + k + 1] : vb[o + k - 1] + 1
                    var y = x - k
                    if x < n && y < m {
                        let s = suffixLength(aLo, aHi - x, bLo, bHi - y)
                        x += s
                        y += s
                    }
                    vb[o + k] = x
                    if !odd, abs(k - delta) <= d, x + vf[o - (k - delta)] >= n {
                        return (aHi - x, bHi - y)
                    }
                    k -= 2
                }
            }
            return nil
        }
    }
}
