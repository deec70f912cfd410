import Assertions
import Basics
import Conversation
import Foundation
import PromptGateModel
import SQLite

extension RunStore {
    /// A run's results in plan order as a comparison pairs them: a summary each, without
    /// the texts (``RepeatSummary``). The output is read only to digest it; the input, the
    /// failed assertions and the error's text stay in the store for reports to read back
    /// (``StoredResults``).
    /// Read a page at a time (`limit` results after `cursor`, all with -1), with the cursor
    /// to read on from (nil after the last page), so a comparison never holds a whole run's.
    public func comparisonSummaries(
        runID: Int64, after cursor: ResultCursor? = nil, limit: Int = -1
    ) throws(PromptGateError) -> (results: [SummarizedResult], next: ResultCursor?) {
        try wrapped {
            var out: [SummarizedResult] = []
            if limit > 0 { out.reserveCapacity(limit) }
            var last: ResultCursor?
            // Most cases share a handful of suite names and tag lists: one copy each.
            var suites: [String: String] = [:]
            var tagLists: [String: [String]] = [:]
            try database.forEachRow(
                """
                SELECT suite, case_id, repeat_index, tags_json, passed, score, error IS NOT NULL,
                  latency_ms, prompt_tokens, completion_tokens, assertions_json, output,
                  trajectory_json, rowid, ordinal
                FROM results WHERE run_id = ? AND (ordinal, rowid) > (?, ?)
                ORDER BY ordinal, rowid LIMIT ?
                """,
                [
                    .integer(runID), .integer(Int64(cursor?.ordinal ?? Int.min)),
                    .integer(cursor?.rowID ?? Int64.min), .integer(Int64(limit)),
                ]
            ) { row in
                last = ResultCursor(ordinal: row.columnInt(14), rowID: Int64(row.columnInt(13)))
                let suiteName = row.columnString(0) ?? ""
                let suite = suites[suiteName] ?? suiteName
                suites[suiteName] = suite
                let tagText = row.columnString(3) ?? ""
                let tags = tagLists[tagText] ?? Self.decodeStrings(tagText)
                tagLists[tagText] = tags
                let assertions =
                    row.withColumnBytes(10) { Self.mayHold($0, failed: false) }
                    ? Self.decodeAssertions(row.columnString(10)).filter(RepeatSummary.keeps)
                    : []
                let summary = RepeatSummary(
                    repeatIndex: row.columnInt(2), passed: row.columnInt(4) == 1,
                    errored: row.columnInt(6) == 1, score: row.columnDouble(5),
                    latencyMs: row.isNull(7) ? nil : row.columnDouble(7),
                    tokens: row.columnInt(8) + row.columnInt(9), assertions: assertions,
                    outputDigest: row.withColumnBytes(11) { $0.map(OutputDigest.of(bytes:)) },
                    rowID: Int64(row.columnInt(13)))
                out.append(
                    SummarizedResult(
                        suite: suite, caseID: row.columnString(1) ?? "", tags: tags,
                        trajectory: row.isNull(12)
                            ? [] : AgentStep.steps(fromJSON: row.columnString(12)),
                        summary: summary))
            }
            return (out, limit >= 0 && out.count == limit ? last : nil)
        }
    }
}

/// Stored results read back by row, on a connection of their own: how a comparison's
/// reports get the texts its summaries leave in the store, a few cases at a time. The
/// results are those of ``RunStore/comparisonResults(runID:)``.
public final class StoredResults: @unchecked Sendable {
    // One connection, used by one reader at a time.
    private let db: SQLiteDatabase
    private let lock = NSLock()
    public let path: String

    public init(path: String) throws(PromptGateError) {
        self.path = path
        db = try StoreDatabase.open(path: path)
    }

    /// The results of these rows, by row id; a row that no longer exists is missing.
    public func results(rowIDs: [Int64]) throws(PromptGateError) -> [Int64: CaseResult] {
        let list = "[" + rowIDs.map(String.init).joined(separator: ",") + "]"
        do {
            return try lock.withLock {
                var out: [Int64: CaseResult] = [:]
                out.reserveCapacity(rowIDs.count)
                try db.forEachRow(
                    """
                    SELECT \(RunStore.resultColumns) FROM results
                    WHERE rowid IN (SELECT value FROM json_each(?))
                    """, [.text(list)]
                ) { statement in
                    let row = statement.row()
                    if case .integer(let rowID) = row[18] {
                        out[rowID] = RunStore.comparisonResult(row)
                    }
                }
                return out
            }
        } catch {
            throw .infrastructure("store \(path): \(error)")
        }
    }
}
