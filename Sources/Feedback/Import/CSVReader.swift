/// Streams CSV as RFC 4180 describes it: fields separated by a delimiter, records by CRLF or LF
/// (or a lone CR), fields in double quotes may hold delimiters, quotes (doubled: `""`) and
/// line breaks. A UTF-8 byte-order mark at the start is dropped.
///
/// Lenient where the RFC is silent and real exports are sloppy: a quote inside an unquoted
/// field is kept as text, and text after a closing quote is appended to the field.
public final class CSVReader {
    /// One record: its fields and the line it starts on.
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    /// A record that could not be read (an unterminated quote runs to the end of the file).
    public struct Failure: Error, Sendable, Hashable {
        public var line: Int
        public var message: String
        /// The lines lost with it, from `line` on: more than one when an unterminated quote
        /// swallowed the rest of the file.
        public var lines: Int = 1
    }

    /// A field longer than this is cut short and its record reported, so one stray quote
    /// cannot pull a whole file into memory.
    public static let maxFieldBytes = 16 * 1024 * 1024
    private let reader: ByteReader
    private let delimiter: UInt8
    private var line = 1
    private var started = false

    public init(_ reader: ByteReader, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.reader = reader
        self.delimiter = delimiter
    }

    /// The next record, a failure, or nil at end of file. Blank lines are skipped.
    public func next() -> Result<Record, Failure>? {
        if !started {
            started = true
            skipBOM()
        }
        while true {
            guard reader.peek() != nil else { return nil }
            let result = readRecord()
            if case .success(let record) = result, record.fields == [""] { continue }
            return result
        }
    }

    private func skipBOM() {
        guard reader.peek() == 0xEF else { return }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var consumed: [UInt8] = []
        for expected in bom {
            guard reader.peek() == expected, let b = reader.next() else { break }
            consumed.append(b)
        }
        // Not a BOM after all: the bytes belong to the first field.
        pendingPrefix = consumed == bom ? [] : consumed
    }

    private var pendingPrefix: [UInt8] = []

    private func readRecord() -> Result<Record, Failure> {
        let startLine = line
        var fields: [String] = []
        var field = pendingPrefix
        pendingPrefix = []
        var quoted = false
        var tooLong = false
        // Where the open quote is, and the last line with text: what an unterminated quote
        // swallowed (blank lines at the very end are not lines lost).
        var quoteLine = startLine
        var lastTextLine = startLine
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while let b = reader.next() {
            if field.count > Self.maxFieldBytes {
                tooLong = true
                field.removeAll()
            }
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if reader.peek() == UInt8(ascii: "\"") {
                        _ = reader.next()
                        field.append(b)
                    } else {
                        quoted = false
                    }
                } else {
                    if b == 0x0A {
                        line += 1
                    } else if b != 0x0D {
                        lastTextLine = line
                    }
                    field.append(b)
                }
                continue
            }
            switch b {
            case delimiter:
                finishField()
            case 0x0D, 0x0A:
                if b == 0x0D, reader.peek() == 0x0A { _ = reader.next() }
                line += 1
                finishField()
                return tooLong
                    ? .failure(overlong(startLine))
                    : .success(Record(line: startLine, fields: fields))
            case UInt8(ascii: "\"") where field.isEmpty:
                quoted = true
                quoteLine = line
            default:
                lastTextLine = line
                field.append(b)
            }
        }
        if quoted {
            let lost = lastTextLine - startLine + 1
            let start = quoteLine == startLine ? "starting here" : "starting on line \(quoteLine)"
            let rest =
                lost == 1
                ? "the remaining line (\(startLine)) could not be read"
                : "the remaining \(lost) lines (\(startLine)–\(lastTextLine)) could not be read"
            return .failure(
                Failure(
                    line: startLine,
                    message:
                        "unterminated quoted field \(start); \(rest)",
                    lines: lost))
        }
        finishField()
        return tooLong
            ? .failure(overlong(startLine)) : .success(Record(line: startLine, fields: fields))
    }

    private func overlong(_ line: Int) -> Failure {
        Failure(line: line, message: "a field is over the \(Self.maxFieldBytes)-byte limit")
    }
}
