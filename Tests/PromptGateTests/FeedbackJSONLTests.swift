import Feedback
import Foundation
import JSON
import Testing

/// JSONL read line by line: types kept apart, bad lines reported with their line and skipped.
@Suite struct FeedbackJSONLTests {
    let dir: FeedbackTempDir

    init() throws { dir = try FeedbackTempDir() }

    private func read(_ text: String, chunkSize: Int = 256 * 1024) throws -> [Result<
        SourceRow, RowFailure
    >] {
        try read(bytes: Array(text.utf8), chunkSize: chunkSize)
    }

    private func read(bytes: [UInt8], chunkSize: Int = 256 * 1024) throws -> [Result<
        SourceRow, RowFailure
    >] {
        let path = try dir.write("t.jsonl", bytes: bytes)
        guard let reader = ByteReader(path: path, chunkSize: chunkSize) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let jsonl = JSONLReader(reader)
        var out: [Result<SourceRow, RowFailure>] = []
        while let next = jsonl.next() { out.append(next) }
        return out
    }

    @Test func valuesKeepTheirJSONTypes() throws {
        let rows = try read(
            #"{"id": 7, "Rating": -1, "x": 1.5, "ok": true, "n": null, "s": "a\"b\\c\u00e9\ud83d\ude00", "o": {"In": [1, "2"]}}"#
        )
        let columns = try #require(try rows.first?.get().columns)
        #expect(columns["id"] == .integer(7))
        #expect(columns["rating"] == .integer(-1), "keys are normalized")
        #expect(columns["x"] == .number(1.5))
        #expect(columns["ok"] == .bool(true))
        #expect(columns["n"] == .null)
        #expect(columns["s"] == .string("a\"b\\cé😀"))
        #expect(columns["o"] == .object(["in": .array([.integer(1), .string("2")])]))
    }

    @Test func bigIntegersAreExactAndKeysAreNormalizedAtEveryLevel() throws {
        let rows = try read(
            #"{"Feedback-ID": 1580000000000000001, "Request": {"Trace ID": 9007199254740993}, "feedback_id": 2}"#
        )
        let columns = try #require(try rows.first?.get().columns)
        guard case .integer(1_580_000_000_000_000_001)? = columns["feedbackid"] else {
            Issue.record("\(columns): the first of two keys that normalize alike wins, exactly")
            return
        }
        #expect(columns["request"] == .object(["traceid": .integer(9_007_199_254_740_993)]))
        #expect(columns["request"] != .object(["traceid": .number(9_007_199_254_740_992)]))
    }

    @Test func linesNestDeeperThan64LevelsAreRejected() throws {
        let nest = { (levels: Int) in
            String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        }
        let rows = try read("{\"a\": \(nest(63))}\n{\"a\": \(nest(64))}\n")
        #expect((try? rows[0].get()) != nil, "64 levels with the object")
        guard case .failure(let failure) = rows[1] else {
            Issue.record("65 levels were read")
            return
        }
        #expect(failure.message == "invalid JSON at column 70: nested more than 64 levels deep")
    }

    @Test func badLinesAreReportedWithTheirNumbersAndReadingGoesOn() throws {
        let text = """
            {"a": 1}

            {"a": 2,}
            [1, 2]
            {"a": "unterminated}
            not json
            {"a": 3}
            {"a": 1} trailing
            """
        let rows = try read(text)
        #expect(rows.count == 7, "the blank line is skipped")
        let good = rows.compactMap { try? $0.get().location }
        #expect(good == [.line(1), .line(7)])
        let failures = rows.compactMap { result -> RowFailure? in
            if case .failure(let f) = result { return f }
            return nil
        }
        #expect(failures.map(\.location) == [.line(3), .line(4), .line(5), .line(6), .line(8)])
        #expect(failures[0].message == "invalid JSON at column 9: expected a quoted key")
        #expect(failures[1].message == "expected a JSON object, got a list")
    }

    @Test func crlfBomAndNoFinalNewline() throws {
        let rows = try read(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}\r\n{\"a\": 2}".utf8))
        #expect(rows.compactMap { try? $0.get().columns["a"] } == [.integer(1), .integer(2)])
    }

    @Test func linesLongerThanTheChunkAreReadWhole() throws {
        let long = String(repeating: "x", count: 10_000)
        let rows = try read("{\"a\": \"\(long)\"}\n{\"a\": 2}\n", chunkSize: 64)
        #expect(rows.compactMap { try? $0.get().columns["a"] } == [.string(long), .integer(2)])
    }

    @Test func hostileInputDoesNotCrash() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let lone = #"{"s": "\ud800 x", "t": "\u12"}"#
        let rows = try read("{\"a\": \(deep)}\n\(lone)\n{\"n\": 1e999999}\n{\"n\": -}\n")
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { (try? $0.get()) == nil })
    }

    @Test func loneSurrogateBecomesReplacementCharacter() throws {
        let rows = try read(#"{"s": "a\ud800b"}"#)
        #expect(try rows.first?.get().columns["s"] == .string("a\u{FFFD}b"))
    }

    @Test func dottedPathsReachNestedValues() throws {
        let rows = try read(#"{"request": {"User Input": "hi"}}"#)
        let row = try #require(try rows.first?.get())
        #expect(row.value(at: "request.user_input") == .string("hi"))
        #expect(row.value(at: "request.missing") == nil)
    }
}
