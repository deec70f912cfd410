import Basics
import Feedback
import Foundation
import SQLite
import Testing

/// The import pipeline into a real store: mapping, aliases, validation, dedupe, redaction.
@Suite struct FeedbackImportTests {
    let dir: FeedbackTempDir

    init() throws { dir = try FeedbackTempDir() }

    private func run(
        _ path: String, _ options: ImportOptions, store: FeedbackStore? = nil
    ) throws -> (ImportSummary, FeedbackStore) {
        let store = try store ?? dir.store()
        let summary = try FeedbackImporter(store: store, options: options).run(path: path)
        return (summary, store)
    }

    @Test func aliasesAndNormalizedColumnNames() throws {
        let path = try dir.write(
            "a.jsonl",
            """
            {"Question": "How?", "answer": "Like this.", "Thumbs": "down", "Version": 1.2, "timestamp": 1727770320}
            {"prompt": "p", "completion": "c", "vote": true, "created_at": "2026-10-01T08:00:00Z"}

            """)
        let (summary, store) = try run(path, ImportOptions(kind: .jsonl))
        #expect(summary.imported == 2 && summary.rejected == 0, "\(summary.errors)")
        let records = try store.entries().map(\.record)
        #expect(records[0].userInput == "How?" && records[0].response == "Like this.")
        #expect(records[0].rating == -1 && records[0].promptVersion == "1.2")
        #expect(records[0].createdAt == "2024-10-01T08:12:00Z", "epoch seconds become ISO 8601")
        #expect(records[0].feedbackType == .explicit, "inferred from the rating")
        #expect(records[1].userInput == "p" && records[1].response == "c" && records[1].rating == 1)
    }

    @Test func explicitMappingWinsAndReachesNestedFields() throws {
        let path = try dir.write(
            "m.jsonl",
            #"{"input": "alias", "req": {"text": "nested"}, "out": "o", "score": 2, "feedback_type": "explicit"}"#
                + "\n")
        let options = ImportOptions(
            kind: .jsonl,
            mapping: ["user_input": "req.text", "response": "out", "stars": "score"])
        let (summary, store) = try run(path, options)
        #expect(summary.imported == 1)
        let record = try #require(try store.entries().first?.record)
        #expect(record.userInput == "nested" && record.response == "o" && record.stars == 2)
        #expect(try store.entries().first?.isNegative == true)
    }

    @Test func badRowsAreRejectedWithReasonsAndGoodRowsGoOn() throws {
        let path = try dir.write(
            "bad.jsonl",
            """
            {"user_input": "ok", "rating": 1}
            {"user_input": "x", "rating": 3}
            {"user_input": "x", "stars": 0}
            {"user_input": "x", "rating": "1", "latency_ms": "fast"}
            {"user_input": "x", "signal": "teleported"}
            {"user_input": "x", "feedback_type": "explict"}
            {"rating": -1, "comment": "no context"}
            {"user_input": "x"}
            {"user_input": {"nested": true}, "rating": 1}
            {"user_input": "x", "created_at": 1e300, "rating": 1}
            {"user_input": "fine", "response": "also", "signal": "Follow-Up"}

            """)
        let (summary, store) = try run(path, ImportOptions(kind: .jsonl))
        #expect(summary.imported == 2 && summary.rejected == 9)
        let messages = summary.errors.map { "\($0.location): \($0.message)" }
        #expect(messages[0].hasPrefix("line 2: rating: out of range (3)"), "\(messages)")
        #expect(messages[1].hasPrefix("line 3: stars: stars are 1 to 5, got 0"))
        #expect(messages[2].hasPrefix("line 4: latency_ms: expected a number, got 'fast'"))
        #expect(messages[3].contains("signal") && messages[3].contains("teleported"))
        #expect(messages[4].contains("did you mean 'explicit'?"))
        #expect(messages[5].hasPrefix("line 7: no user_input and no response"))
        #expect(messages[6].hasPrefix("line 8: no feedback"))
        #expect(messages[7].hasPrefix("line 9: user_input: expected text, got an object"))
        #expect(messages[8].hasPrefix("line 10: created_at:"))
        #expect(try store.entries().last?.record.signal == .followUp)
    }

    @Test func dedupeByIdThenByContent() throws {
        let path = try dir.write(
            "d.jsonl",
            """
            {"id": 1, "user_input": "a", "rating": 1}
            {"id": "1", "user_input": "different text, same id", "rating": -1}
            {"user_input": "no id", "rating": 1}
            {"user_input": "no id", "rating": 1}
            {"user_input": "no id", "rating": -1}

            """)
        let store = try dir.store()
        let (first, _) = try run(path, ImportOptions(kind: .jsonl), store: store)
        #expect(first.imported == 3 && first.duplicates == 2)
        let (second, _) = try run(path, ImportOptions(kind: .jsonl), store: store)
        #expect(second.imported == 0 && second.duplicates == 5)
        // Without redaction the content hash is the same: still duplicates.
        let (third, _) = try run(path, ImportOptions(kind: .jsonl, redact: false), store: store)
        #expect(third.imported == 0)
        #expect(try store.count() == 3)
        #expect(try store.entries().map(\.key).filter { $0.hasPrefix("sha256:") }.count == 2)
    }

    @Test func integerIdsBeyondTwoToThe53StayExact() throws {
        // As Doubles both ids would be 1580000000000000000 and the second a duplicate.
        let path = try dir.write(
            "big.jsonl",
            """
            {"id": 1580000000000000001, "session_id": 1580000000000000003, "user_input": "a", "rating": 1}
            {"id": 1580000000000000002, "session_id": -9223372036854775808, "user_input": "b", "rating": 1}

            """)
        let (summary, store) = try run(path, ImportOptions(kind: .jsonl))
        #expect(summary.imported == 2 && summary.duplicates == 0, "\(summary.errors)")
        let entries = try store.entries()
        #expect(entries.map(\.key) == ["id:1580000000000000001", "id:1580000000000000002"])
        #expect(entries.map(\.record.sessionID) == ["1580000000000000003", "-9223372036854775808"])
    }

    @Test func redactionIsOnByDefaultAndCanBeTurnedOff() throws {
        let path = try dir.write(
            "r.jsonl",
            #"{"id": "a", "session_id": "s-1@x.io", "user_input": "I am bob@example.com, card 4111 1111 1111 1111", "response": "key sk-abcdefghijklmnop1234567890ABCDEFGHIJ", "correction": "call +1 555 123 4567", "rating": -1}"#
                + "\n")
        let (summary, store) = try run(path, ImportOptions(kind: .jsonl))
        let r = try #require(try store.entries().first?.record)
        #expect(r.userInput == "I am [EMAIL], card [CARD]")
        #expect(r.response == "key [SECRET]" && r.correction == "call [PHONE]")
        #expect(r.sessionID == "s-1@x.io", "identifiers are not rewritten")
        #expect(summary.redacted.total == 4)
        let raw = try FeedbackStore(path: dir.file("plain/promptgate.db"))
        let (kept, _) = try run(path, ImportOptions(kind: .jsonl, redact: false), store: raw)
        #expect(kept.redacted.total == 0)
        #expect(try raw.entries().first?.record.userInput?.contains("bob@example.com") == true)
    }

    @Test func sqliteWithOtherColumnNamesAndATableChoice() throws {
        let path = dir.file("export.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute(
                """
                CREATE TABLE logs (q TEXT, a TEXT, thumbs INTEGER, ver TEXT);
                CREATE TABLE other (x TEXT);
                INSERT INTO logs VALUES ('q1', 'a1', 1, '1.0'), ('q2', 'a2', 7, '1.0'),
                  (NULL, NULL, -1, '1.0');
                """)
        }
        let options = ImportOptions(
            kind: .sqlite, table: "logs", mapping: ["user_input": "q", "response": "a"])
        let (summary, _) = try run(path, options)
        #expect(summary.imported == 1 && summary.rejected == 2)
        #expect(summary.errors.map(\.location) == [.rowid(2), .rowid(3)])
        #expect(summary.columnsIgnored == ["ver"], "version is an alias, ver is not")
        #expect(throws: PromptGateError.self) {
            try run(path, ImportOptions(kind: .sqlite, mapping: ["user_input": "q"]))
        }
        #expect(throws: PromptGateError.self) {
            try run(path, ImportOptions(kind: .sqlite, table: "logz"))
        }
        #expect(throws: PromptGateError.self) {
            try run(
                path, ImportOptions(kind: .sqlite, table: "logs", mapping: ["user_input": "qq"]))
        }
    }

    @Test func emptySourcesImportNothing() throws {
        for (name, kind) in [("e.jsonl", SourceKind.jsonl), ("e.csv", .csv), ("h.csv", .csv)] {
            let path = try dir.write(name, name == "h.csv" ? "user_input,rating\n" : "")
            let (summary, _) = try run(path, ImportOptions(kind: kind))
            #expect(summary.rows == 0, "\(name)")
        }
    }

    @Test func outcomesDedupeBySessionAndVersion() throws {
        let path = try dir.write(
            "o.csv",
            """
            session,variant,result,time_to_outcome_ms,satisfied
            s1,1.2,Resolved,1000,true
            s1,1.3,escalated,2000,0
            s1,1.2,resolved,999,yes
            ,1.2,resolved,1,true
            s2,1.2,resolved,-5,true
            s3,1.2,resolved,10,maybe

            """)
        let (summary, store) = try run(path, ImportOptions(kind: .csv, outcomes: true))
        #expect(summary.imported == 2 && summary.duplicates == 1 && summary.rejected == 3)
        let outcomes = try store.outcomes()
        #expect(
            outcomes == [
                OutcomeRecord(
                    sessionID: "s1", promptVersion: "1.2", outcome: "resolved",
                    timeToOutcomeMs: 1000, satisfied: true),
                OutcomeRecord(
                    sessionID: "s1", promptVersion: "1.3", outcome: "escalated",
                    timeToOutcomeMs: 2000, satisfied: false),
            ])
    }

    @Test func theSharedSampleImportsCompletely() throws {
        let data = TempProjectPaths.exampleFeedback
        let (jsonl, store) = try run(data + "/feedback-sample.jsonl", ImportOptions(kind: .jsonl))
        #expect(jsonl.imported == 600 && jsonl.rejected == 0 && jsonl.redacted.total == 0)
        #expect(jsonl.negatives == 251)
        let (sqlite, _) = try run(
            data + "/feedback-sample.sqlite", ImportOptions(kind: .sqlite), store: store)
        #expect(sqlite.table == "feedback" && sqlite.duplicates == 600 && sqlite.imported == 0)
        let (outcomes, _) = try run(
            data + "/feedback-sample.sqlite", ImportOptions(kind: .sqlite, outcomes: true),
            store: store)
        #expect(outcomes.table == "outcomes" && outcomes.imported == 1200)
    }
}

/// The example feedback export kept in the repository (examples/feedback).
enum TempProjectPaths {
    static var exampleFeedback: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/feedback").path
    }
}
