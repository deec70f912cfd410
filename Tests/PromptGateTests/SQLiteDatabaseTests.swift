import Foundation
import SQLite
import Testing

/// A fresh directory under the system temp dir, removed when the test is done.
final class SQLiteTestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("promptgate-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

private struct Boom: Error {}

@Suite struct SQLiteDatabaseTests {
    private let directory: SQLiteTestDirectory
    private let db: SQLiteDatabase

    init() throws {
        directory = try SQLiteTestDirectory()
        db = try SQLiteDatabase(path: directory.path("store.sqlite"))
    }

    private func count(_ table: String) throws -> Int64? {
        try db.queryValue("SELECT count(*) FROM \(table)")?.intValue
    }

    @Test func opensInWALModeWithForeignKeysAndNormalSync() throws {
        #expect(try db.queryValue("PRAGMA journal_mode") == .text("wal"))
        #expect(try db.queryValue("PRAGMA foreign_keys") == .integer(1))
        #expect(try db.queryValue("PRAGMA synchronous") == .integer(1))
        #expect(FileManager.default.fileExists(atPath: directory.path("store.sqlite")))
    }

    @Test func migrateAppliesEachVersionOnceAndIsIdempotent() throws {
        var migrations = [
            "CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
            "ALTER TABLE runs ADD COLUMN status TEXT; CREATE INDEX runs_name ON runs(name);",
        ]
        try db.migrate(migrations)
        #expect(try db.userVersion == 2)
        try db.run("INSERT INTO runs (name) VALUES ('kept')")
        try db.migrate(migrations)  // would fail on "table runs already exists" if re-applied
        #expect(try db.userVersion == 2)
        #expect(try count("runs") == 1)
        migrations.append("CREATE TABLE results (run_id INTEGER REFERENCES runs(id));")
        try db.migrate(migrations)
        #expect(try db.userVersion == 3)
        #expect(try db.tableNames() == ["results", "runs"])
        #expect(try db.columns(of: "runs") == ["id", "name", "status"])
        #expect(try db.columns(of: "nope") == [])
    }

    @Test func failedMigrationRollsBackOnlyItsOwnStep() throws {
        let migrations = [
            "CREATE TABLE a (x);",
            "CREATE TABLE b (x); INSERT INTO missing VALUES (1);",
        ]
        let error = #expect(throws: SQLiteError.self) { try db.migrate(migrations) }
        #expect(error?.message.contains("no such table: missing") == true)
        #expect(try db.userVersion == 1)
        #expect(try db.tableNames() == ["a"])
    }

    @Test func refusesADatabaseNewerThanItsMigrations() throws {
        try db.setUserVersion(5)
        let error = #expect(throws: SQLiteError.self) { try db.migrate(["CREATE TABLE a (x);"]) }
        #expect(error?.message.contains("schema version 5 is newer") == true)
    }

    @Test func transactionCommitsOrRollsBack() throws {
        try db.execute("CREATE TABLE t (v TEXT)")
        let value = try db.transaction {
            try db.run("INSERT INTO t VALUES ('a')")
            return 7
        }
        #expect(value == 7)
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES ('b')")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT v FROM t") == [[.text("a")]])
        // The connection is usable afterwards (no transaction left open).
        try db.transaction { try db.run("INSERT INTO t VALUES ('c')") }
        #expect(try count("t") == 2)
    }

    @Test func nestedTransactionFailureUndoesOnlyTheInnerPart() throws {
        try db.execute("CREATE TABLE t (v TEXT)")
        try db.transaction {
            try db.run("INSERT INTO t VALUES ('outer')")
            #expect(throws: Boom.self) {
                try db.transaction {
                    try db.run("INSERT INTO t VALUES ('inner')")
                    throw Boom()
                }
            }
            try db.transaction { try db.run("INSERT INTO t VALUES ('inner2')") }
        }
        #expect(
            try db.query("SELECT v FROM t ORDER BY v") == [[.text("inner2")], [.text("outer")]])
    }

    @Test func constraintViolationsReportSQLiteMessages() throws {
        try db.execute(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
            CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent(id));
            """)
        try db.run("INSERT INTO parent (name) VALUES (?)", ["x"])
        #expect(db.lastInsertRowID == 1)
        #expect(db.changes == 1)
        let unique = #expect(throws: SQLiteError.self) {
            try db.run("INSERT INTO parent (name) VALUES (?)", ["x"])
        }
        #expect(unique?.code == 19)
        #expect(unique?.message == "UNIQUE constraint failed: parent.name")
        #expect(unique?.sql == "INSERT INTO parent (name) VALUES (?)")
        let foreign = #expect(throws: SQLiteError.self) {
            try db.run("INSERT INTO child VALUES (42)")
        }
        #expect(foreign?.message == "FOREIGN KEY constraint failed")
        let syntax = #expect(throws: SQLiteError.self) { try db.execute("SELEC 1") }
        #expect(syntax?.message.contains("syntax error") == true)
        #expect(syntax?.description.hasPrefix("SQLite error 1: near \"SELEC\"") == true)
    }

    @Test func secondConnectionReadsWhatTheFirstWrote() throws {
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction {
            for value in 1...100 {
                try db.run("INSERT INTO t VALUES (?)", [.integer(Int64(value))])
            }
        }
        let reader = try SQLiteDatabase(readOnlyPath: directory.path("store.sqlite"))
        #expect(try reader.queryValue("SELECT sum(v) FROM t") == .integer(5050))
        let write = #expect(throws: SQLiteError.self) { try reader.run("DELETE FROM t") }
        #expect(write?.code == 8)  // SQLITE_READONLY
    }

    @Test func openingAMissingFileReadOnlyFailsClearly() {
        let path = directory.path("absent.sqlite")
        let error = #expect(throws: SQLiteError.self) { try SQLiteDatabase(readOnlyPath: path) }
        #expect(error?.code == 14)  // SQLITE_CANTOPEN
        #expect(error?.message.contains(path) == true)
    }

    @Test func readsTheSharedFeedbackExport() throws {
        let path = TempProjectPaths.exampleFeedback + "/feedback-sample.sqlite"
        try #require(FileManager.default.fileExists(atPath: path), "missing: \(path)")
        let export = try SQLiteDatabase(readOnlyPath: path)
        #expect(try export.tableNames() == ["feedback", "outcomes"])
        #expect(try export.queryValue("SELECT count(*) FROM feedback") == .integer(600))
        let columns = try export.columns(of: "feedback")
        #expect(columns.first == "id")
        #expect(columns.contains("user_input") && columns.contains("prompt_version"))
        var versions: Set<String> = []
        try export.forEachRow("SELECT DISTINCT prompt_version FROM feedback") { row in
            if let version = row.columnString(0) { versions.insert(version) }
        }
        #expect(versions == ["1.1", "1.2"])
    }
}
