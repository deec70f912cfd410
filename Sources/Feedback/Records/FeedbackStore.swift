import Basics
import Foundation
import PromptGateModel
import SQLite
import Store

/// Feedback and A/B outcomes in the project's store (`.promptgate/promptgate.db`).
///
/// A plain class over one SQLite connection: use it from one thread (imports run on a
/// dedicated thread, off Swift's cooperative pool). Writes go in batches, one transaction
/// per batch, so 100,000 records import in seconds.
///
/// `is_negative` is stored with each record, computed from the `feedback.negative` policy
/// in force at import; every import re-applies the current policy to all stored records
/// (``refreshNegatives(_:)``, one UPDATE), so the flags follow promptgate.yaml.
public final class FeedbackStore {
    let db: SQLiteDatabase
    public let path: String

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws(PromptGateError) {
        self.path = path
        db = try StoreDatabase.open(path: path)
    }

    /// How long a write waits for another process's transaction (an import, a run) before
    /// failing; 5 s unless set.
    public func setBusyTimeout(seconds: Double) {
        db.setBusyTimeout(milliseconds: Int((seconds * 1000).rounded()))
    }

    func wrap<T>(_ body: () throws -> T) throws(PromptGateError) -> T {
        do { return try body() } catch { throw .infrastructure("store \(path): \(error)") }
    }

    /// A record ready to store: the (redacted) record, its dedupe key and its negative flag.
    public struct Entry: Sendable, Hashable {
        public var record: FeedbackRecord
        /// `id:<id>` when the export has ids, else `sha256:<hash of the content>`.
        public var key: String
        public var isNegative: Bool

        public init(record: FeedbackRecord, key: String, isNegative: Bool) {
            self.record = record
            self.key = key
            self.isNegative = isNegative
        }
    }

    private static let insertFeedback = """
        INSERT INTO feedback (key, id, created_at, session_id, request_id,
          feedback_type, rating, stars, signal, comment, correction, edited_text, follow_up_text,
          system_prompt, user_input, response, model, prompt_version, latency_ms, is_negative,
          source, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (key) DO NOTHING
        """

    /// Stores `entries` in one transaction; returns how many were new, and how many of those
    /// negative (the rest were already stored under the same key).
    public func insert(_ entries: [Entry], source: String, importedAt: String)
        throws(PromptGateError) -> (new: Int, negative: Int)
    {
        let stored = try insert(
            feedback: entries, outcomes: [], source: source, importedAt: importedAt
        )
        .feedback
        var inserted = 0
        var negative = 0
        for (entry, new) in zip(entries, stored) where new {
            inserted += 1
            if entry.isNegative { negative += 1 }
        }
        return (inserted, negative)
    }

    /// Stores feedback and outcomes in one transaction; says for each whether it was new
    /// (false: already stored under the same key, or the same session and version).
    public func insert(
        feedback entries: [Entry], outcomes: [OutcomeRecord], source: String, importedAt: String
    ) throws(PromptGateError) -> (feedback: [Bool], outcomes: [Bool]) {
        try wrap {
            try db.transaction {
                var feedback: [Bool] = []
                feedback.reserveCapacity(entries.count)
                if !entries.isEmpty {
                    let statement = try db.prepare(Self.insertFeedback)
                    for entry in entries {
                        let r = entry.record
                        try statement.bind([
                            .text(entry.key), SQLiteValue(r.id), SQLiteValue(r.createdAt),
                            SQLiteValue(r.sessionID), SQLiteValue(r.requestID),
                            SQLiteValue(r.feedbackType?.rawValue), SQLiteValue(r.rating),
                            SQLiteValue(r.stars), SQLiteValue(r.signal?.rawValue),
                            SQLiteValue(r.comment), SQLiteValue(r.correction),
                            SQLiteValue(r.editedText), SQLiteValue(r.followUpText),
                            SQLiteValue(r.systemPrompt), SQLiteValue(r.userInput),
                            SQLiteValue(r.response), SQLiteValue(r.model),
                            SQLiteValue(r.promptVersion), SQLiteValue(r.latencyMs),
                            .integer(entry.isNegative ? 1 : 0), .text(source), .text(importedAt),
                        ])
                        try statement.step()
                        feedback.append(db.changes > 0)
                    }
                }
                return (
                    feedback, try insertOutcomes(outcomes, source: source, importedAt: importedAt)
                )
            }
        }
    }

    /// Re-applies `policy` to every stored record's `is_negative`; returns how many changed.
    @discardableResult
    public func refreshNegatives(_ policy: NegativePolicy) throws(PromptGateError) -> Int {
        try wrap {
            try db.run(
                """
                UPDATE feedback SET is_negative = NOT is_negative
                WHERE is_negative != (CASE WHEN \(policy.sqlCondition) THEN 1 ELSE 0 END)
                """)
            return db.changes
        }
    }

    /// Number of stored feedback records.
    public func count() throws(PromptGateError) -> Int {
        try wrap { Int(try db.queryValue("SELECT count(*) FROM feedback")?.intValue ?? 0) }
    }

    private static let columns = """
        key, id, created_at, session_id, request_id, feedback_type, rating, stars, signal,
        comment, correction, edited_text, follow_up_text, system_prompt, user_input, response,
        model, prompt_version, latency_ms, is_negative
        """

    /// Calls `body` with each stored record in import order, without loading them all.
    /// `negative` keeps only negative (true) or non-negative (false) records.
    public func eachEntry(negative: Bool? = nil, _ body: (Entry) throws -> Void)
        throws(PromptGateError)
    {
        let filter = negative.map { " WHERE is_negative = \($0 ? 1 : 0)" } ?? ""
        try wrap {
            try db.forEachRow("SELECT \(Self.columns) FROM feedback\(filter) ORDER BY rowid") {
                s in
                let record = FeedbackRecord(
                    id: s.columnString(1), createdAt: s.columnString(2),
                    sessionID: s.columnString(3), requestID: s.columnString(4),
                    feedbackType: s.columnString(5).flatMap(FeedbackType.init(rawValue:)),
                    rating: s.isNull(6) ? nil : s.columnInt(6),
                    stars: s.isNull(7) ? nil : s.columnInt(7),
                    signal: s.columnString(8).flatMap(ImplicitSignal.init(rawValue:)),
                    comment: s.columnString(9), correction: s.columnString(10),
                    editedText: s.columnString(11), followUpText: s.columnString(12),
                    systemPrompt: s.columnString(13), userInput: s.columnString(14),
                    response: s.columnString(15), model: s.columnString(16),
                    promptVersion: s.columnString(17),
                    latencyMs: s.isNull(18) ? nil : s.columnDouble(18))
                try body(
                    Entry(
                        record: record, key: s.columnString(0) ?? "",
                        isNegative: s.columnInt(19) != 0))
            }
        }
    }

    /// Every stored record (for analyses that need them all in memory).
    public func entries(negative: Bool? = nil) throws(PromptGateError) -> [Entry] {
        var out: [Entry] = []
        try eachEntry(negative: negative) { out.append($0) }
        return out
    }

    private static let insertOutcome = """
        INSERT INTO outcomes (session_id, prompt_version, outcome, time_to_outcome_ms,
          satisfied, source, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (session_id, prompt_version) DO NOTHING
        """

    /// Stores outcomes in one transaction; a session already stored for the same version is
    /// skipped. Returns how many were new.
    public func insert(_ outcomes: [OutcomeRecord], source: String, importedAt: String)
        throws(PromptGateError) -> Int
    {
        try insert(feedback: [], outcomes: outcomes, source: source, importedAt: importedAt)
            .outcomes.filter { $0 }.count
    }

    /// Inside a transaction: each outcome, and whether it was new.
    private func insertOutcomes(_ outcomes: [OutcomeRecord], source: String, importedAt: String)
        throws -> [Bool]
    {
        guard !outcomes.isEmpty else { return [] }
        let statement = try db.prepare(Self.insertOutcome)
        var stored: [Bool] = []
        for o in outcomes {
            try statement.bind([
                .text(o.sessionID), .text(o.promptVersion), SQLiteValue(o.outcome),
                SQLiteValue(o.timeToOutcomeMs),
                o.satisfied.map { .integer($0 ? 1 : 0) } ?? .null, .text(source),
                .text(importedAt),
            ])
            try statement.step()
            stored.append(db.changes > 0)
        }
        return stored
    }

    /// Every stored outcome, in import order.
    public func outcomes() throws(PromptGateError) -> [OutcomeRecord] {
        try wrap {
            var out: [OutcomeRecord] = []
            try db.forEachRow(
                """
                SELECT session_id, prompt_version, outcome, time_to_outcome_ms, satisfied
                FROM outcomes ORDER BY rowid
                """
            ) { s in
                out.append(
                    OutcomeRecord(
                        sessionID: s.columnString(0) ?? "", promptVersion: s.columnString(1) ?? "",
                        outcome: s.columnString(2),
                        timeToOutcomeMs: s.isNull(3) ? nil : s.columnDouble(3),
                        satisfied: s.isNull(4) ? nil : s.columnInt(4) != 0))
            }
            return out
        }
    }
}
