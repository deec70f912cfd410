import Basics
import PromptGateModel

/// Where a page of results ended: results are read in plan order (`ordinal`), ties (a
/// merged run's) in the order they were stored.
public struct ResultCursor: Sendable, Hashable {
    public var ordinal: Int
    public var rowID: Int64

    public init(ordinal: Int, rowID: Int64) {
        self.ordinal = ordinal
        self.rowID = rowID
    }

    /// Past every result of `ordinal`: reading resumes at the next one.
    public static func past(ordinal: Int) -> ResultCursor {
        ResultCursor(ordinal: ordinal, rowID: .max)
    }
}

extension RunStore {
    /// Calls `body` with each of a run's results in plan order, reading them a page at a
    /// time: what a report of a 100,000-case run holds is one page, not the run.
    /// With `start`, the results after it.
    public nonisolated func forEachResult(
        runID: Int64, failingOnly: Bool = false, pageSize: Int = 512,
        after start: ResultCursor? = nil, _ body: (CaseResult) throws -> Void
    ) async throws {
        var cursor = start
        repeat {
            let page = try await resultsPage(
                runID: runID, failingOnly: failingOnly, after: cursor, limit: pageSize)
            for result in page.results { try body(result) }
            cursor = page.next
        } while cursor != nil
    }
}

extension RunStore {
    /// Each suite's counts for the JUnit report's `testsuite` elements, in plan order.
    public func suiteCounts(runID: Int64) throws(PromptGateError) -> [SuiteTally] {
        try wrapped {
            try database.query(
                """
                SELECT suite, COUNT(*), SUM(error IS NULL AND passed = 0), SUM(error IS NOT NULL),
                  TOTAL(latency_ms)
                FROM results WHERE run_id = ? GROUP BY suite ORDER BY MIN(ordinal)
                """, [.integer(runID)]
            ).map { row in
                func int(_ i: Int) -> Int {
                    if case .integer(let n) = row[i] { return Int(n) }
                    return 0
                }
                let latency: Double
                switch row[4] {
                case .real(let d): latency = d
                case .integer(let n): latency = Double(n)
                default: latency = 0
                }
                return SuiteTally(
                    suite: row[0].stringValue ?? "", tests: int(1), failures: int(2),
                    errors: int(3), latencyMs: latency)
            }
        }
    }
}
