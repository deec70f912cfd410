import JSON

/// Streams a JSONL file: one JSON object per line, read line by line with flat memory.
///
/// Blank lines are skipped; a line that is not a JSON object comes back as a failure with
/// its line number, and reading goes on.
public final class JSONLReader {
    /// Lines longer than this are reported and skipped rather than held in memory.
    public static let maxLineBytes = 16 * 1024 * 1024
    /// JSON nested deeper than this in a line is reported rather than read.
    public static let maxDepth = 64
    private let reader: ByteReader
    private var lineNumber = 0
    /// Keys are normalized as they are read, each distinct key once per file.
    private var keys = JSONKeyMap(FeedbackField.normalize)

    public init(_ reader: ByteReader) {
        self.reader = reader
    }

    /// The next row, a failure for a bad line, or nil at end of file.
    public func next() -> Result<SourceRow, RowFailure>? {
        while true {
            guard let line = reader.nextLine(maxLength: Self.maxLineBytes) else { return nil }
            lineNumber += 1
            let location = SourceRow.Location.line(lineNumber)
            switch line {
            case .tooLong(let length):
                return .failure(
                    RowFailure(
                        location: location,
                        message: "line is \(length) bytes, over the \(Self.maxLineBytes)-byte limit"
                    ))
            case .bytes(var bytes):
                if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                    bytes.removeFirst(3)
                }
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    let value = try JSONParser.parse(bytes, maxDepth: Self.maxDepth, keys: &keys)
                    guard case .object(let columns) = value else {
                        return .failure(
                            RowFailure(
                                location: location,
                                message: "expected a JSON object, got \(value.importTypeName)"))
                    }
                    return .success(SourceRow(location: location, columns: columns))
                } catch {
                    return .failure(
                        RowFailure(
                            location: location,
                            message: "invalid JSON at column \(error.column): \(error.message)"))
                }
            }
        }
    }
}
