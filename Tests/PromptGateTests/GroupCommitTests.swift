import Foundation
import PromptGateModel
import Providers
import SQLite
import Store
import TestKit
import Testing

/// Results that arrive together share a commit, and still none returns before it is durable.
@Suite struct GroupCommitTests {
    private static func count(_ path: String, _ sql: String) throws -> Int64 {
        let other = try SQLiteDatabase(readOnlyPath: path)
        guard case .integer(let n) = try other.queryValue(sql) else { return -1 }
        return n
    }

    @Test func aPaidResultIsCommittedWhenItsAppendReturns() async throws {
        let project = try TempProject(files: [:])
        let path = project.path(".promptgate/promptgate.db")
        let store = try RunStore(path: path)
        let runID = try await store.createRun(GradingMetricsTests.info("1"))
        let response = ModelResponse(
            text: "cached", finishReason: "stop", promptTokens: 1, completionTokens: 1,
            latencyMs: 1)
        // Seen from another connection, which sees only what was committed.
        let seen = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<48 {
                group.addTask {
                    var r = ComparisonResultsTests.result(
                        "c\(n)", ordinal: n, passed: true, output: "o")
                    r.requestKey = "key\(n)"
                    try await store.append(r, runID: runID, caching: n % 2 == 0 ? response : nil)
                    let rows = try Self.count(
                        path, "SELECT COUNT(*) FROM results WHERE case_id = 'c\(n)'")
                    let cached = try Self.count(
                        path, "SELECT COUNT(*) FROM cache WHERE request_key = 'key\(n)'")
                    return rows == 1 && cached == (n % 2 == 0 ? 1 : 0)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(seen == 48)
    }

    @Test func freeResultsWaitForTheBatchOrTheNextPaidOne() async throws {
        let project = try TempProject(files: [:])
        let path = project.path(".promptgate/promptgate.db")
        let store = try RunStore(path: path)
        let runID = try await store.createRun(GradingMetricsTests.info("1"))
        for n in 0..<3 {
            var r = ComparisonResultsTests.result("free\(n)", ordinal: n, passed: true, output: "o")
            r.origin = .cache
            try await store.append(r, runID: runID)
        }
        // Free to redo: not committed yet, so a kill costs nothing but replaying them.
        #expect(try Self.count(path, "SELECT COUNT(*) FROM results") == 0)
        let paid = ComparisonResultsTests.result("paid", ordinal: 3, passed: true, output: "o")
        try await store.append(paid, runID: runID)
        #expect(try Self.count(path, "SELECT COUNT(*) FROM results") == 4)
    }
}
