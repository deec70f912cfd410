import Feedback
import Foundation
import Testing

/// RFC 4180 CSV as real exports write it: quotes, doubled quotes, line breaks in fields,
/// CRLF, a byte-order mark, ragged rows.
@Suite struct FeedbackCSVTests {
    let dir: FeedbackTempDir

    init() throws { dir = try FeedbackTempDir() }

    private func records(_ text: String, chunkSize: Int = 256 * 1024) throws -> [[String]] {
        let path = try dir.write("t.csv", text)
        return try CSVReader.readAll(path, chunkSize: chunkSize).map { result in
            switch result {
            case .success(let record): return record.fields
            case .failure(let failure): return ["FAILURE line \(failure.line)"]
            }
        }
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\nplain,,end\n"
        #expect(
            try records(text) == [
                ["a", "b", "c"], ["x, y", "say \"hi\"", "line1\nline2"], ["plain", "", "end"],
            ])
    }

    @Test func crlfLoneCRAndMissingFinalNewline() throws {
        #expect(try records("a,b\r\n1,2\r\n3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(try records("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
        // CRLF inside quotes is data, kept as written.
        #expect(try records("a\r\n\"x\r\ny\"\r\n") == [["a"], ["x\r\ny"]])
    }

    @Test func byteOrderMarkIsDroppedOnlyAtTheStart() throws {
        let path = try dir.write(
            "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,q\n1,\u{FEFF}x\n".utf8))
        let fields = try CSVReader.readAll(path).compactMap { try? $0.get().fields }
        #expect(fields == [["id", "q"], ["1", "\u{FEFF}x"]])
        // Bytes that only start like a BOM stay.
        let near = try dir.write("near.csv", bytes: [0xEF, 0x41, 0x0A])
        let kept = try CSVReader.readAll(near).compactMap { try? $0.get().fields }
        #expect(kept == [[String(decoding: [0xEF, 0x41], as: UTF8.self)]])
    }

    @Test func raggedRowsAndBlankLines() throws {
        #expect(
            try records("a,b,c\n1\n\n1,2,3,4\n") == [
                ["a", "b", "c"], ["1"], ["1", "2", "3", "4"],
            ])
    }

    @Test func lineNumbersCountBreaksInsideQuotes() throws {
        let path = try dir.write("lines.csv", "h\n\"a\nb\nc\"\nnext\n")
        let lines = try CSVReader.readAll(path).compactMap { try? $0.get().line }
        #expect(lines == [1, 2, 5])
    }

    @Test func unterminatedQuoteIsAFailureWithItsLine() throws {
        let path = try dir.write("open.csv", "h\nok\n\"never closed\nmore\n")
        let results = try CSVReader.readAll(path)
        #expect(results.count == 3)
        guard case .failure(let failure) = results[2] else {
            Issue.record("expected a failure, got \(results[2])")
            return
        }
        #expect(failure.line == 3 && failure.message.contains("unterminated"))
        #expect(failure.lines == 2, "lines 3 and 4 are lost")
    }

    @Test func unterminatedQuoteCountsTheLinesItSwallowed() throws {
        // The quote opens on line 3 of a record that starts on line 2; trailing blank lines
        // are not lines lost.
        let path = try dir.write("open.csv", "h,i\nx,\"a\nb\",\"c\nd\n\ne\n\n\n")
        let results = try CSVReader.readAll(path)
        guard case .failure(let failure)? = results.last, results.count == 2 else {
            Issue.record("expected the header and a failure, got \(results)")
            return
        }
        #expect(failure.line == 2 && failure.lines == 5)
        #expect(
            failure.message
                == "unterminated quoted field starting on line 3; the remaining 5 lines (2–6) could not be read"
        )
    }

    @Test func lenientAboutStrayQuotes() throws {
        #expect(try records("a,b\nab\"c,\"q\"tail\n") == [["a", "b"], ["ab\"c", "qtail"]])
    }

    @Test func recordsSpanningChunkBoundaries() throws {
        let long = String(repeating: "é", count: 50)
        let text = "a,b\n\"\(long)\n\(long)\",\"x\"\"y\"\r\n"
        #expect(try records(text, chunkSize: 16) == [["a", "b"], ["\(long)\n\(long)", "x\"y"]])
    }

    @Test func headerRowSourceMapsColumnsAndRejectsExtraFields() throws {
        let path = try dir.write(
            "src.csv", "Question, Answer ,Thumbs\nq1,a1,up\nq2,a2,down,extra\nq3,a3,,\n")
        guard let reader = ByteReader(path: path) else { throw CocoaError(.fileNoSuchFile) }
        let source = try CSVRowSource(reader, name: "src.csv", delimiter: UInt8(ascii: ","))
        #expect(source.columns == ["Question", "Answer", "Thumbs"])
        var rows: [Result<SourceRow, RowFailure>] = []
        while let next = source.next() { rows.append(next) }
        #expect(rows.count == 3)
        #expect((try? rows[0].get())?.columns["question"] == .string("q1"))
        #expect((try? rows[0].get())?.columns["answer"] == .string("a1"))
        guard case .failure(let extra) = rows[1] else {
            Issue.record("4 fields for 3 columns should fail")
            return
        }
        #expect(extra.location == .line(3) && extra.message.contains("4 fields"))
        // Trailing empty fields are tolerated; empty values are absent.
        #expect((try? rows[2].get())?.columns["thumbs"] == nil)
    }
}
