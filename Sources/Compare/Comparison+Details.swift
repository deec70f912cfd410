import Basics
import PromptGateModel
import Store

/// Where a comparison's reports read back the full results its summaries leave out.
public protocol ResultSource: Sendable {
    /// The results of these stored rows, by row id.
    func results(rowIDs: [Int64]) throws(PromptGateError) -> [Int64: CaseResult]
}

extension StoredResults: ResultSource {}

extension Comparison {
    /// Calls `body` with each of `cases`, in their order, every side holding its full
    /// results: read back from ``source`` `batch` cases at a time when the comparison holds
    /// only summaries, so a report of two 100,000-case runs holds one batch of texts.
    /// Only the cases `reading` accepts get their results read back; the others come as they
    /// are (a report that shows nothing of a passing case's text).
    public func forEachCase(
        _ cases: some Sequence<CaseComparison>, batch: Int = 256,
        reading: (CaseComparison) -> Bool = { _ in true },
        _ body: (CaseComparison) throws -> Void
    ) throws {
        try visitCases(cases, batch: batch, reading: reading) { c in
            try body(c)
            return true
        }
    }

    /// ``forEachCase(_:batch:_:)`` that stops once `body` returns false (a report that is
    /// full): nothing past that batch is read.
    public func visitCases(
        _ cases: some Sequence<CaseComparison>, batch: Int = 256,
        reading: (CaseComparison) -> Bool = { _ in true },
        _ body: (CaseComparison) throws -> Bool
    ) throws {
        guard let source else {
            for c in cases where try !body(c) { return }
            return
        }
        var going = true
        var pending: [CaseComparison] = []
        pending.reserveCapacity(batch)
        func flush() throws {
            var rowIDs: [Int64] = []
            for c in pending where reading(c) {
                for side in [c.base, c.candidate] {
                    guard let side, side.results.isEmpty else { continue }
                    rowIDs.append(contentsOf: side.repeats.map(\.rowID))
                }
            }
            let loaded = rowIDs.isEmpty ? [:] : try source.results(rowIDs: rowIDs)
            func full(_ side: CaseSide?, of c: CaseComparison) throws -> CaseSide? {
                guard let side, side.results.isEmpty else { return side }
                let results = side.repeats.compactMap { loaded[$0.rowID] }
                guard results.count == side.repeats.count else {
                    throw PromptGateError.infrastructure(
                        "the store no longer holds the results of \(c.suite)/\(c.caseID) that this comparison read; compare again"
                    )
                }
                return side.with(results: results)
            }
            for var c in pending {
                if reading(c) {
                    c.base = try full(c.base, of: c)
                    c.candidate = try full(c.candidate, of: c)
                }
                guard try body(c) else {
                    going = false
                    break
                }
            }
            pending.removeAll(keepingCapacity: true)
        }
        for c in cases {
            pending.append(c)
            if pending.count == batch {
                try flush()
                guard going else { return }
            }
        }
        try flush()
    }
}
