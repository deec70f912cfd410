import Foundation
import SQLite
import Testing

private struct Stop: Error {}

@Suite struct SQLiteStatementTests {
    private let directory: SQLiteTestDirectory
    private let db: SQLiteDatabase

    init() throws {
        directory = try SQLiteTestDirectory()
        db = try SQLiteDatabase(path: directory.path("statements.sqlite"))
        try db.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, value)")
    }

    @Test func everyValueKindRoundTrips() throws {
        let values: [SQLiteValue] = [
            .null, .integer(Int64.max), .integer(Int64.min), .real(-0.125),
            .text("héllo 🌍 ¿Cómo? 中文"), .text(""), .text("nul\u{0}inside"),
            .blob(Array(0...255)), .blob([]),
        ]
        for value in values {
            try db.run("INSERT INTO v (value) VALUES (?)", [value])
        }
        let read = try db.query("SELECT value FROM v ORDER BY id").map { $0[0] }
        #expect(read == values)
        let types = try db.query("SELECT typeof(value) FROM v ORDER BY id").compactMap {
            $0[0].stringValue
        }
        // Empty text and blobs must not turn into NULL.
        #expect(types[5] == "text")
        #expect(types[8] == "blob")
    }

    /// `run` binds texts and blobs where their bytes lie: each parameter of a row gets its own
    /// value (not a neighbour's), a big one whole, and a wrong count is an error, not a crash.
    @Test func runBindsEveryParameterOfARowInPlace() throws {
        try db.execute("CREATE TABLE w (a, b, c, d, e)")
        let big = String(repeating: "xé", count: 1_000_000)
        let rows: [[SQLiteValue]] = [
            [.text("first"), .text(big), .blob([1, 2, 3]), .integer(7), .text("")],
            [.text(""), .null, .blob([]), .text("last"), .real(1.5)],
        ]
        for row in rows {
            try db.run("INSERT INTO w (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)", row)
        }
        #expect(try db.query("SELECT a, b, c, d, e FROM w ORDER BY rowid") == rows)
        #expect(throws: SQLiteError.self) {
            try db.run("INSERT INTO w (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)", [.text("one")])
        }
    }

    @Test func typedColumnAccessors() throws {
        let statement = try db.prepare(
            "SELECT 42 AS n, 2.5 AS d, 'tëxt' AS s, x'00ff' AS b, NULL AS z")
        #expect(try statement.step())
        #expect(statement.columnNames == ["n", "d", "s", "b", "z"])
        #expect(statement.columnInt(0) == 42)
        #expect(statement.columnDouble(1) == 2.5)
        #expect(statement.columnString(2) == "tëxt")
        #expect(statement.columnBlob(3) == [0x00, 0xff])
        #expect(statement.isNull(4) && !statement.isNull(0))
        #expect(statement.columnString(4) == nil && statement.columnBlob(4) == nil)
        #expect(statement.column(99) == .null)
        #expect(try statement.step() == false)
    }

    @Test func preparedStatementsRebindAndReset() throws {
        let insert = try db.prepare("INSERT INTO v (value) VALUES (?)")
        #expect(insert.parameterCount == 1)
        for word in ["a", "b", "c"] {
            try insert.bind([.text(word)])
            #expect(try insert.step() == false)
        }
        #expect(try db.queryValue("SELECT group_concat(value, '') FROM v") == .text("abc"))
        let mismatch = #expect(throws: SQLiteError.self) { try insert.bind(["a", "b"]) }
        #expect(mismatch?.message == "statement takes 1 parameter(s) but 2 were given")
    }

    @Test func prepareRejectsSeveralStatementsAndEmptySQL() throws {
        #expect(throws: SQLiteError.self) { try db.prepare("SELECT 1; SELECT 2") }
        #expect(throws: SQLiteError.self) { try db.prepare("   ") }
        _ = try db.prepare("SELECT 1;  \n")
    }

    @Test func nestedQueriesWithTheSameSQLDoNotShareAStatement() throws {
        try db.transaction {
            for index in 1...3 {
                try db.run("INSERT INTO v (value) VALUES (?)", [.integer(Int64(index))])
            }
        }
        var pairs: [[Int]] = []
        try db.forEachRow("SELECT value FROM v ORDER BY id") { outer in
            let left = outer.columnInt(0)
            try db.forEachRow("SELECT value FROM v ORDER BY id") { inner in
                pairs.append([left, inner.columnInt(0)])
            }
        }
        #expect(pairs.count == 9)
        #expect(pairs.first == [1, 1] && pairs.last == [3, 3])
    }

    @Test func streamsManyRowsAndStopsWhenTheBodyThrows() throws {
        let rows = 50_000
        try db.transaction {
            let insert = try db.prepare("INSERT INTO v (value) VALUES (?)")
            for index in 0..<rows {
                try insert.bind([.integer(Int64(index))])
                try insert.step()
            }
        }
        var seen = 0
        var sum = 0
        try db.forEachRow("SELECT value FROM v WHERE value >= ?", [0]) { row in
            seen += 1
            sum += row.columnInt(0)
        }
        #expect(seen == rows)
        #expect(sum == rows * (rows - 1) / 2)
        var visited = 0
        #expect(throws: Stop.self) {
            try db.forEachRow("SELECT value FROM v") { _ in
                visited += 1
                if visited == 10 { throw Stop() }
            }
        }
        #expect(visited == 10)
        // The abandoned statement was reset, so writers are not blocked by it.
        try db.run("DELETE FROM v")
        #expect(try db.queryValue("SELECT count(*) FROM v") == .integer(0))
    }
}
