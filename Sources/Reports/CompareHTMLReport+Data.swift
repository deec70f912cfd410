import Compare
import Diff
import Dispatch
import Synchronization

/// The cases of the HTML report as JSON, for a `<script type="application/json">` block.
///
/// Every `<` is written as `\u003c`, so neither `</script` nor `<!--` (which would change how
/// the browser finds the end of the block) can occur; U+2028 and U+2029 are escaped too.
/// Output columns are shipped as HTML escaped here (with `<del>`/`<ins>` word highlights); all
/// other fields are raw text that the page's script sets with `textContent`.
extension Comparison {
    /// The cases' JSON array elements (without the brackets), in report order, handed to
    /// `write` a chunk at a time. Diffing dominates, so a window of chunks is diffed over the
    /// cores at once, each chunk into its own buffer, and written out in order before the next
    /// window starts: memory holds one window, not the page.
    func writeHTMLCaseData(_ write: ([UInt8]) throws -> Void) throws {
        let order = htmlOrder()
        let chunkSize = 256
        let window = 8
        let chunkCount = (order.count + chunkSize - 1) / chunkSize
        var first = 0
        while first < chunkCount {
            let last = min(chunkCount, first + window)
            let parts = ChunkBuffers(count: last - first)
            let start = first
            DispatchQueue.concurrentPerform(iterations: last - first) { offset in
                let chunk = start + offset
                var writer = JSONWriter()
                let range = chunk * chunkSize..<min(order.count, (chunk + 1) * chunkSize)
                writer.bytes.reserveCapacity(range.count * 2_048)
                var index = range.lowerBound
                do {
                    // Each chunk reads its own cases' texts back (the source takes one at a time).
                    let chunkCases = order[range].lazy.map { self.cases[Int($0)] }
                    try forEachCase(chunkCases, batch: chunkSize) { c in
                        if index > 0 { writer.raw(",") }
                        Self.writeCase(c, into: &writer)
                        index += 1
                    }
                } catch {
                    parts.fail(error)
                }
                parts.set(offset, writer.bytes)
            }
            if let error = parts.failure { throw error }
            for offset in 0..<(last - first) { try write(parts.take(offset)) }
            first = last
        }
    }

    /// Positions of the cases in report order: by rank (regressions first), then as listed.
    /// A bucket per rank keeps it stable without a sorted copy of the cases.
    private func htmlOrder() -> [Int32] {
        var buckets: [Int: [Int32]] = [:]
        for (i, c) in cases.enumerated() {
            buckets[CompareFormat.rank(c), default: []].append(Int32(i))
        }
        var order: [Int32] = []
        order.reserveCapacity(cases.count)
        for rank in buckets.keys.sorted() { order += buckets[rank]! }
        return order
    }

    private static func writeCase(_ c: CaseComparison, into w: inout JSONWriter) {
        w.raw("{\"s\":")
        w.string(c.suite)
        w.raw(",\"i\":")
        w.string(c.caseID)
        w.raw(",\"st\":")
        w.string(c.status.rawValue)
        let flaky =
            c.status == .flaky || c.withinFlakiness || c.base?.isFlaky == true
            || c.candidate?.isFlaky == true
        w.raw(c.withinFlakiness ? ",\"w\":true" : ",\"w\":false")
        w.raw(c.textChanged ? ",\"t\":true" : ",\"t\":false")
        w.raw(flaky ? ",\"f\":true" : ",\"f\":false")
        if let change = c.toolChange {
            w.raw(",\"tp\":")
            w.bytes.append(contentsOf: Array(String(change.partingStep).utf8))
            w.raw(",\"tl\":")
            w.string(change.reportLines.joined(separator: "\n"))
        }
        w.raw(",\"g\":[")
        for (i, tag) in c.tags.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(tag)
        }
        w.raw("],\"in\":")
        if let input = c.input { w.string(input) } else { w.raw("null") }
        var columns: (old: Column, new: Column) = (
            Column(c.base?.output), Column(c.candidate?.output)
        )
        var whitespaceOnly = false
        if let old = c.base?.output, let new = c.candidate?.output {
            if old == new {
                columns.new = .sameAsBase
            } else {
                let diff = TextDiff.words(old, new)
                whitespaceOnly = diff.isWhitespaceOnly
                let html = diff.htmlSideBySide()
                columns = (.html(html.old), .html(html.new))
            }
        }
        w.raw(whitespaceOnly ? ",\"ws\":true" : ",\"ws\":false")
        w.raw(",\"b\":")
        writeSide(c.base, column: columns.old, into: &w)
        w.raw(",\"c\":")
        writeSide(c.candidate, column: columns.new, into: &w)
        w.raw("}")
    }

    /// What a side's output column holds.
    private enum Column {
        /// No output (the side errored): `"h": null`.
        case none
        /// Text to escape: no diff to show.
        case text(String)
        /// HTML already escaped, with `<del>`/`<ins>` highlights.
        case html(String)
        /// The candidate's output equals the base's: `h` is left out and the page reuses the
        /// base column, so identical outputs travel once.
        case sameAsBase

        init(_ output: String?) { self = output.map(Column.text) ?? .none }
    }

    private static func writeSide(_ side: CaseSide?, column: Column, into w: inout JSONWriter) {
        guard let side else {
            w.raw("null")
            return
        }
        let verdict = CompareFormat.verdict(side)
        let kind: String
        switch verdict {
        case "passed": kind = "pass"
        case "failed": kind = "fail"
        case "error": kind = "error"
        default: kind = side.isFlaky ? "mixed" : (side.passed ? "pass" : "fail")
        }
        w.raw("{\"v\":")
        w.string(verdict)
        w.raw(",\"k\":")
        w.string(kind)
        switch column {
        case .none: w.raw(",\"h\":null")
        case .text(let text):
            w.raw(",\"h\":")
            w.string(text, html: true)
        case .html(let html):
            w.raw(",\"h\":")
            w.string(html)
        case .sameAsBase: break
        }
        w.raw(",\"r\":[")
        for (i, reason) in CompareFormat.reasons(side).enumerated() {
            if i > 0 { w.raw(",") }
            w.string(reason)
        }
        w.raw("]}")
    }
}

/// Per-chunk results of a concurrent loop; each index is written by exactly one iteration.
private final class ChunkBuffers: Sendable {
    private let parts: Mutex<[[UInt8]]>

    init(count: Int) { parts = Mutex(Array(repeating: [], count: count)) }

    func set(_ index: Int, _ bytes: [UInt8]) {
        parts.withLock { $0[index] = bytes }
    }

    private let error = Mutex<(any Error)?>(nil)

    func fail(_ error: any Error) {
        self.error.withLock { $0 = $0 ?? error }
    }

    var failure: (any Error)? { error.withLock { $0 } }

    /// The bytes of chunk `index`, handed over (the buffer no longer holds them).
    func take(_ index: Int) -> [UInt8] {
        parts.withLock { parts in
            defer { parts[index] = [] }
            return parts[index]
        }
    }
}
