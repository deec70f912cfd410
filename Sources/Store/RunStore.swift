import Assertions
import Basics
import Conversation
import Foundation
import JSON
import PromptGateModel
import Providers
import SQLite

/// The local store: `.promptgate/promptgate.db`, SQLite in WAL mode.
///
/// An actor owns the connection, so results from many concurrent requests are written one
/// at a time, each as soon as it completes: nothing accumulates in memory, and a killed run
/// keeps every result written before it died.
public actor RunStore {
    private let db: SQLiteDatabase
    /// Results written since the open batch began (see `append`).
    private var openRows = 0
    /// The paid results of the open batch, each waiting for its commit.
    private var commitWaiters: [CheckedContinuation<Result<Void, PromptGateError>, Never>] = []
    /// A commit of the open batch is queued on the actor.
    private var commitScheduled = false
    /// The locks of the runs this store runs (``RunLock``), held until each is finished.
    private var locks: [Int64: RunLock] = [:]
    /// For extensions in other files (gates, feedback).
    var database: SQLiteDatabase { db }
    public nonisolated let path: String
    /// The connection of ``cachedResponseNow(key:repeatIndex:)``, opened on first use.
    let cacheReader = CacheReader()

    public static func defaultPath(root: String) -> String {
        (root as NSString).appendingPathComponent(".promptgate/promptgate.db")
    }

    public init(path: String) throws(PromptGateError) {
        self.path = path
        db = try StoreDatabase.open(path: path)
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private static func encode(_ messages: [ChatMessage]) -> String {
        "[" + messages.map(\.jsonText).joined(separator: ",") + "]"
    }

    private static func encode(_ assertions: [AssertionResult]) -> String {
        "["
            + assertions.map { a in
                var fields: [(String, String)] = [
                    ("type", JSONText.string(a.type)), ("passed", a.passed ? "true" : "false"),
                    ("score", JSONText.number(a.score)), ("reason", JSONText.string(a.reason)),
                    ("weight", JSONText.number(a.weight)),
                    ("skipped", a.skipped ? "true" : "false"),
                ]
                if let metric = a.metric { fields.append(("metric", JSONText.string(metric))) }
                if let votes = a.judgeVotes {
                    let list = votes.map { $0 ? "true" : "false" }.joined(separator: ",")
                    fields.append(("judge_votes", "[" + list + "]"))
                }
                return JSONText.object(fields)
            }.joined(separator: ",") + "]"
    }

    /// The items of a stored JSON array (empty when absent or unreadable).
    private static func jsonArray(_ text: String?) -> [JSONValue] {
        guard let text, let value = try? JSONParser.parse(text) else { return [] }
        return value.arrayValue ?? []
    }

    private static func decodeMessages(_ text: String?) -> [ChatMessage] {
        jsonArray(text).map {
            ChatMessage(
                role: $0["role"]?.stringValue ?? "", content: $0["content"]?.stringValue ?? "",
                toolCalls: decodeToolCalls($0["tool_calls"]),
                toolCallID: $0["tool_call_id"]?.stringValue,
                toolName: $0["tool_name"]?.stringValue)
        }
    }

    static func decodeAssertions(_ text: String?) -> [AssertionResult] {
        jsonArray(text).map {
            AssertionResult(
                type: $0["type"]?.stringValue ?? "", passed: $0["passed"]?.boolValue ?? false,
                score: $0["score"]?.numberValue ?? 0,
                reason: $0["reason"]?.stringValue ?? "",
                weight: $0["weight"]?.numberValue ?? 1,
                metric: $0["metric"]?.stringValue,
                skipped: $0["skipped"]?.boolValue ?? false,
                judgeVotes: $0["judge_votes"]?.arrayValue.map { $0.compactMap(\.boolValue) })
        }
    }

    static func decodeStrings(_ text: String?) -> [String] {
        jsonArray(text).compactMap(\.stringValue)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    private func wrap<T>(_ body: () throws -> T) throws(PromptGateError) -> T {
        try wrapped(body)
    }

    /// Runs store work, turning SQLite errors into infrastructure errors naming the file.
    func wrapped<T>(_ body: () throws -> T) throws(PromptGateError) -> T {
        do { return try body() } catch { throw .infrastructure("store \(path): \(error)") }
    }

    /// Records a new run and returns its id. A `running` run belongs to this process: its
    /// pid and host are stored with it and its ``RunLock`` is taken before the row is
    /// committed, and held until ``finish(runID:status:summary:finishedAt:recordings:)``.
    public func createRun(_ info: RunInfo) throws(PromptGateError) -> Int64 {
        let owner = info.status == .running ? RunOwner.current : nil
        var taken: Int64?
        do {
            return try wrap {
                try db.transaction {
                    try db.run(
                        """
                        INSERT INTO runs (started_at, finished_at, git_commit, prompt_id, prompt_version,
                          prompt_path, prompt_sha256, suites_json, suite_names_json, provider_name,
                          provider_config, provider_sha256, promptgate_version, status, repeat_count, mode,
                          recordings_json, summary_json, owner_pid, owner_host, regraded_from)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [
                            .text(info.startedAt), info.finishedAt.map { .text($0) } ?? .null,
                            info.gitCommit.map { .text($0) } ?? .null, .text(info.promptID),
                            .text(info.promptVersion), .text(info.prompt.path),
                            .text(info.prompt.sha256),
                            .text(Self.json(info.suites)), .text(Self.json(info.suiteNames)),
                            .text(info.providerName), .text(info.providerConfig),
                            .text(info.providerSHA256), .text(info.promptgateVersion),
                            .text(info.status.rawValue), .integer(Int64(info.repeatCount)),
                            .text(info.mode), .text(Self.json(info.recordings)),
                            info.summary.map { .text(Self.json($0)) } ?? .null,
                            owner.map { .integer(Int64($0.pid)) } ?? .null,
                            owner.map { .text($0.host) } ?? .null,
                            info.regradedFrom.map { .integer($0) } ?? .null,
                        ])
                    let id = db.lastInsertRowID
                    if owner != nil {
                        guard let lock = try RunLock.acquire(store: path, runID: id) else {
                            throw RunLock.Failure(
                                description: "the lock of new run \(id) is held by another process")
                        }
                        locks[id] = lock
                        taken = id
                    }
                    return id
                }
            }
        } catch {
            // Not committed: nobody may see the lock as this run's.
            if let taken { locks.removeValue(forKey: taken)?.release() }
            throw error
        }
    }

    /// Makes a stored run this process's again (`--resume`): takes its lock, stores this
    /// process as its owner and its status as `running`. Refuses while another process
    /// still runs it.
    public func claimRun(_ id: Int64) throws(PromptGateError) {
        guard locks[id] == nil else { return }
        let lock = try wrap { try RunLock.acquire(store: path, runID: id) }
        guard let lock else {
            let who = try owner(id).map { " (process \($0.pid) on \($0.host))" } ?? ""
            throw .usage(
                "run \(id) is still running\(who); wait for it to finish or stop it, then resume")
        }
        let owner = RunOwner.current
        do {
            try wrap {
                try db.run(
                    "UPDATE runs SET status = 'running', owner_pid = ?, owner_host = ? WHERE id = ?",
                    [.integer(Int64(owner.pid)), .text(owner.host), .integer(id)])
            }
        } catch {
            lock.release()
            throw error
        }
        locks[id] = lock
    }

    /// The process stored as a run's owner; nil for runs stored before owners were.
    public func owner(_ id: Int64) throws(PromptGateError) -> RunOwner? {
        try wrap {
            let row = try db.query(
                "SELECT owner_pid, owner_host FROM runs WHERE id = ?", [.integer(id)]
            ).first
            guard let row, case .integer(let pid) = row[0] else { return nil }
            return RunOwner(pid: Int32(truncatingIfNeeded: pid), host: row[1].stringValue ?? "")
        }
    }

    /// A `running` run nobody runs any more reads as ``RunInfo/Status/stale``: no process
    /// holds its lock and, read again after that was checked, it is still `running` (its
    /// process did not just finish it).
    private func withLiveness(_ info: RunInfo) throws -> RunInfo {
        guard info.status == .running, locks[info.id] == nil,
            !RunLock.isHeld(store: path, runID: info.id)
        else { return info }
        let again = try db.query(
            "SELECT \(Self.runColumns) FROM runs WHERE id = ?", [.integer(info.id)]
        ).first.map(Self.runInfo)
        guard var again else { return info }
        if again.status == .running { again.status = .stale }
        return again
    }

    /// Writes one result. A result that cost a request is durable when this returns (with
    /// `caching`, its live response goes into the response cache in the same commit), so a
    /// killed run never sends it again on `--resume`. Results that arrive together share one
    /// commit (a group commit): each waits for it, and no result counts before it. Results
    /// answered by the cache or a recording cost nothing to redo: they return at once and
    /// are committed with the next group, or per batch of ``freeBatch``.
    public func append(_ r: CaseResult, runID: Int64, caching response: ModelResponse? = nil)
        async throws(PromptGateError)
    {
        try wrap {
            if openRows == 0, !db.inTransaction { try db.execute("BEGIN") }
            try insertResult(r, runID: runID)
            if let response {
                try insertCache(response, key: r.requestKey, repeatIndex: r.repeatIndex)
            }
            openRows += 1
        }
        guard response != nil || !r.origin.isReplay else {
            if openRows >= Self.freeBatch, !commitScheduled { try commitOpen() }
            return
        }
        let committed: Result<Void, PromptGateError> = await withCheckedContinuation {
            commitWaiters.append($0)
            guard !commitScheduled else { return }
            commitScheduled = true
            // Queued behind the appends already waiting for the actor, which join this commit.
            Task { try? self.commitOpen() }
        }
        try committed.get()
    }

    /// Results that cost nothing to redo, written per batch of this many.
    private static let freeBatch = 256

    /// Commits the open batch and tells every result waiting for it.
    private func commitOpen() throws(PromptGateError) {
        commitScheduled = false
        let waiters = commitWaiters
        commitWaiters = []
        // Also a batch left open by a failed first insert, so later writes are not lost.
        guard openRows > 0 || db.inTransaction else {
            for waiter in waiters { waiter.resume(returning: .success(())) }
            return
        }
        openRows = 0
        do {
            try wrap { try db.execute("COMMIT") }
        } catch {
            // Best effort: SQLite may already have rolled back (e.g. after SQLITE_FULL).
            if db.inTransaction { try? db.execute("ROLLBACK") }
            for waiter in waiters { waiter.resume(returning: .failure(error)) }
            throw error
        }
        for waiter in waiters { waiter.resume(returning: .success(())) }
    }

    func insertResult(_ r: CaseResult, runID: Int64) throws {
        do {
            try db.run(
                """
                INSERT OR REPLACE INTO results (run_id, suite, case_id, repeat_index, ordinal, tags_json,
                  messages_json, output, passed, score, assertions_json, latency_ms, prompt_tokens,
                  completion_tokens, finish_reason, error, request_key, origin, trajectory_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(runID), .text(r.suite), .text(r.caseID),
                    .integer(Int64(r.repeatIndex)),
                    .integer(Int64(r.ordinal)),
                    .text(JSONText.strings(r.tags)), .text(Self.encode(r.messages)),
                    r.output.map { .text($0) } ?? .null, .integer(r.passed ? 1 : 0), .real(r.score),
                    .text(Self.encode(r.assertions)), r.latencyMs.map { .real($0) } ?? .null,
                    r.promptTokens.map { .integer(Int64($0)) } ?? .null,
                    r.completionTokens.map { .integer(Int64($0)) } ?? .null,
                    r.finishReason.map { .text($0) } ?? .null, r.error.map { .text($0) } ?? .null,
                    .text(r.requestKey), .text(r.origin.rawValue),
                    r.trajectory.isEmpty ? .null : .text(AgentStep.jsonText(r.trajectory)),
                ])
        }
    }

    /// Marks a run finished (completed, interrupted or failed) with its summary.
    public func finish(
        runID: Int64, status: RunInfo.Status, summary: RunSummary, finishedAt: String,
        recordings: [RunInfo.FileDigest]
    ) throws(PromptGateError) {
        try commitOpen()
        try wrap {
            try db.run(
                """
                UPDATE runs SET status = ?, summary_json = ?, finished_at = ?, recordings_json = ?
                WHERE id = ?
                """,
                [
                    .text(status.rawValue), .text(Self.json(summary)), .text(finishedAt),
                    .text(Self.json(recordings)), .integer(runID),
                ])
        }
        // Marked finished: the run is no one's any more.
        locks.removeValue(forKey: runID)?.release()
    }

    /// The newest completed run (with errors or not) of exactly these inputs, which a comparison can reuse
    /// instead of sending the same requests again (with `unfinished`, the newest one that
    /// stopped early, for `--resume`). Shard runs are never reused.
    public func reusableRun(like info: RunInfo, unfinished: Bool = false) throws(PromptGateError)
        -> RunInfo?
    {
        let offline = info.mode == RunMode.offline.rawValue
        let status =
            unfinished
            ? "status IN ('running', 'interrupted', 'budget-exceeded')"
            : "status IN ('completed', 'completed-with-errors')"
        let candidates = try wrap {
            try db.query(
                """
                SELECT \(Self.runColumns) FROM runs
                WHERE \(status) AND prompt_id = ? AND prompt_version = ?
                  AND prompt_sha256 = ? AND provider_sha256 = ? AND repeat_count = ?
                  AND \(offline ? "mode = 'offline'" : "mode != 'offline'")
                ORDER BY id DESC LIMIT 20
                """,
                [
                    .text(info.promptID), .text(info.promptVersion), .text(info.prompt.sha256),
                    .text(info.providerSHA256), .integer(Int64(info.repeatCount)),
                ]
            ).map(Self.runInfo).map(withLiveness)
        }
        let suites = Set(info.suites)
        // A shard's run covers only part of the suites: never a stand-in for the whole.
        // A run another process is still running is not there to be resumed.
        return candidates.first { run in
            Set(run.suites) == suites && (!offline || Set(run.recordings) == Set(info.recordings))
                && run.summary?.shard == nil && run.status != .running
        }
    }

    private static let runColumns = """
        id, started_at, finished_at, git_commit, prompt_id, prompt_version, prompt_path,
        prompt_sha256, suites_json, suite_names_json, provider_name, provider_config,
        provider_sha256, promptgate_version, status, repeat_count, mode, summary_json,
        recordings_json, regraded_from
        """

    private static func runInfo(_ row: [SQLiteValue]) -> RunInfo {
        func text(_ i: Int) -> String? {
            if case .text(let s) = row[i] { return s }
            return nil
        }
        func int(_ i: Int) -> Int64 {
            if case .integer(let n) = row[i] { return n }
            return 0
        }
        return RunInfo(
            id: int(0), startedAt: text(1) ?? "", finishedAt: text(2), gitCommit: text(3),
            promptID: text(4) ?? "", promptVersion: text(5) ?? "",
            prompt: RunInfo.FileDigest(path: text(6) ?? "", sha256: text(7) ?? ""),
            suites: decode([RunInfo.FileDigest].self, text(8)) ?? [],
            suiteNames: decode([String].self, text(9)) ?? [], providerName: text(10) ?? "",
            providerConfig: text(11) ?? "", providerSHA256: text(12) ?? "",
            promptgateVersion: text(13) ?? "",
            status: RunInfo.Status(rawValue: text(14) ?? "") ?? .failed,
            repeatCount: Int(int(15)), mode: text(16) ?? "",
            recordings: decode([RunInfo.FileDigest].self, text(18)) ?? [],
            summary: decode(RunSummary.self, text(17)),
            regradedFrom: { if case .integer(let n) = row[19] { return n } else { return nil } }())
    }

    public func run(_ id: Int64) throws(PromptGateError) -> RunInfo? {
        try wrap {
            try db.query("SELECT \(Self.runColumns) FROM runs WHERE id = ?", [.integer(id)]).first
                .map(Self.runInfo).map(withLiveness)
        }
    }

    /// The newest runs first.
    public func runs(limit: Int) throws(PromptGateError) -> [RunInfo] {
        try wrap {
            try db.query(
                "SELECT \(Self.runColumns) FROM runs ORDER BY id DESC LIMIT ?",
                [.integer(Int64(limit))]
            ).map(Self.runInfo).map(withLiveness)
        }
    }

    /// A run's results in plan order; `failingOnly` keeps failed and errored ones (what the
    /// text report lists), so a large passing run is not read back whole.
    public func results(runID: Int64, failingOnly: Bool = false) throws(PromptGateError)
        -> [CaseResult]
    {
        try resultsPage(runID: runID, failingOnly: failingOnly, after: nil, limit: -1).results
    }

    /// Up to `limit` results (all with -1) in plan order after `cursor` (from the start when
    /// nil), and the cursor to read on from; a report reads a run of any size through these
    /// pages (``forEachResult(runID:failingOnly:pageSize:_:)``).
    public func resultsPage(
        runID: Int64, failingOnly: Bool = false, after cursor: ResultCursor?, limit: Int,
        forComparison: Bool = false
    ) throws(PromptGateError) -> (results: [CaseResult], next: ResultCursor?) {
        try wrap {
            var out: [CaseResult] = []
            var last: ResultCursor?
            try db.forEachRow(
                """
                SELECT \(Self.resultColumns)
                FROM results WHERE run_id = ? \(failingOnly ? "AND (passed = 0 OR error IS NOT NULL)" : "")
                  AND (ordinal, rowid) > (?, ?)
                ORDER BY ordinal, rowid LIMIT ?
                """,
                [
                    .integer(runID), .integer(Int64(cursor?.ordinal ?? Int.min)),
                    .integer(cursor?.rowID ?? Int64.min), .integer(Int64(limit)),
                ]
            ) { statement in
                let row = statement.row()
                out.append(forComparison ? Self.comparisonResult(row) : Self.caseResult(row))
                if case .integer(let rowID) = row[18] {
                    last = ResultCursor(ordinal: out[out.count - 1].ordinal, rowID: rowID)
                }
            }
            return (out, limit >= 0 && out.count == limit ? last : nil)
        }
    }

    /// The columns ``caseResult(_:lean:)`` reads, in its order, and the row id last.
    static let resultColumns = """
        suite, case_id, repeat_index, ordinal, tags_json, messages_json, output, passed, score,
          assertions_json, latency_ms, prompt_tokens, completion_tokens, finish_reason, error,
          request_key, origin, trajectory_json, rowid
        """

    /// A run's results in plan order as a comparison holds them, two runs of any size at
    /// once: without what no comparison report or gate decision reads. Of the messages only
    /// the last user turn stays (the case's input); of the assertions those that failed,
    /// were judged or name a metric; the request key goes.
    public func comparisonResults(runID: Int64) throws(PromptGateError) -> [CaseResult] {
        try resultsPage(runID: runID, after: nil, limit: -1, forComparison: true).results
    }

    static func comparisonResult(_ row: [SQLiteValue]) -> CaseResult {
        var result = caseResult(row, lean: true)
        if let input = result.messages.last(where: { $0.role == "user" }) {
            result.messages = [input]
        } else {
            result.messages = []
        }
        result.assertions.removeAll { a in
            (a.passed || a.skipped) && a.judgeVotes == nil && a.metric == nil
        }
        result.requestKey = ""
        return result
    }

    /// Whether stored assertions may hold one a comparison keeps: a failed one has a
    /// `"passed"` key followed by `false`, a named or judged one its key (a reason quoting
    /// them only costs the parse).
    static func mayKeep(assertions text: String?) -> Bool {
        guard var text else { return false }
        return text.withUTF8 { mayHold(UnsafeRawBufferPointer($0), failed: true) }
    }

    /// Whether the stored assertions' bytes may hold a named or judged assertion, or with
    /// `failed` a failed one too.
    static func mayHold(_ bytes: UnsafeRawBufferPointer?, failed: Bool) -> Bool {
        guard let bytes else { return false }
        func matches(_ key: StaticString, at i: Int) -> Bool {
            let count = key.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != key.utf8Start[k] { return false }
            return true
        }
        var i = 0
        while i < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "\"") else { continue }
            if matches(#""metric""#, at: i) || matches(#""judge_votes""#, at: i) {
                return true
            }
            guard failed, matches(#""passed""#, at: i) else { continue }
            var j = i + 8
            scan: while j < bytes.count {
                switch bytes[j] {
                case UInt8(ascii: " "), UInt8(ascii: ":"), 9, 10, 13: j += 1
                default: break scan
                }
            }
            if j < bytes.count, bytes[j] == UInt8(ascii: "f") { return true }
        }
        return false
    }

    /// `lean` leaves out assertions a comparison drops without parsing them.
    private static func caseResult(_ row: [SQLiteValue], lean: Bool = false) -> CaseResult {
        func text(_ i: Int) -> String? {
            if case .text(let s) = row[i] { return s }
            return nil
        }
        func int(_ i: Int) -> Int? {
            if case .integer(let n) = row[i] { return Int(n) }
            return nil
        }
        func real(_ i: Int) -> Double? {
            switch row[i] {
            case .real(let d): return d
            case .integer(let n): return Double(n)
            default: return nil
            }
        }
        return CaseResult(
            suite: text(0) ?? "", caseID: text(1) ?? "", repeatIndex: int(2) ?? 0,
            ordinal: int(3) ?? 0, tags: Self.decodeStrings(text(4)),
            messages: Self.decodeMessages(text(5)), output: text(6),
            passed: int(7) == 1, score: real(8) ?? 0,
            assertions: lean && !mayKeep(assertions: text(9)) ? [] : decodeAssertions(text(9)),
            latencyMs: real(10), promptTokens: int(11), completionTokens: int(12),
            finishReason: text(13), error: text(14), requestKey: text(15) ?? "",
            origin: ResponseOrigin(rawValue: text(16) ?? "") ?? .live,
            trajectory: AgentStep.steps(fromJSON: text(17)))
    }
}
