import Basics
import Foundation
import JSON

/// Rows of an export, one at a time.
public protocol RowSource: AnyObject {
    /// Column names when the source declares them up front (CSV header, SQLite table).
    var columns: [String]? { get }
    /// The next row, a failure for a row that cannot be read, or nil at the end.
    func next() -> Result<SourceRow, RowFailure>?
    /// Set when reading stopped on an I/O error rather than at the end.
    var readError: String? { get }
}

/// A JSONL file as a ``RowSource``.
public final class JSONLRowSource: RowSource {
    private let byteReader: ByteReader
    private let reader: JSONLReader
    public var columns: [String]? { nil }
    public var readError: String? { byteReader.readError }

    public init(_ byteReader: ByteReader) {
        self.byteReader = byteReader
        reader = JSONLReader(byteReader)
    }

    public func next() -> Result<SourceRow, RowFailure>? { reader.next() }
}

/// A CSV file with a header row as a ``RowSource``.
public final class CSVRowSource: RowSource {
    private let byteReader: ByteReader
    private let reader: CSVReader
    public let columns: [String]?
    private let keys: [String]
    public var readError: String? { byteReader.readError }

    /// Reads the header; an unreadable header is a usage error.
    public init(_ byteReader: ByteReader, name: String, delimiter: UInt8) throws(PromptGateError) {
        self.byteReader = byteReader
        reader = CSVReader(byteReader, delimiter: delimiter)
        switch reader.next() {
        case nil:
            columns = []
        case .failure(let failure)?:
            throw .usage("\(name):\(failure.line): header row: \(failure.message)")
        case .success(let header)?:
            columns = header.fields.enumerated().map { index, name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? "column_\(index + 1)" : trimmed
            }
        }
        keys = (columns ?? []).map(FeedbackField.normalize)
    }

    public func next() -> Result<SourceRow, RowFailure>? {
        guard let result = reader.next() else { return nil }
        switch result {
        case .failure(let failure):
            return .failure(
                RowFailure(
                    location: .line(failure.line), message: failure.message, lines: failure.lines))
        case .success(let record):
            let location = SourceRow.Location.line(record.line)
            if record.fields.count > keys.count,
                record.fields[keys.count...].contains(where: { !$0.isEmpty })
            {
                return .failure(
                    RowFailure(
                        location: location,
                        message:
                            "\(record.fields.count) fields but the header has \(keys.count) columns"
                    ))
            }
            var columns: [String: JSONValue] = [:]
            for (key, text) in zip(keys, record.fields)
            where columns[key] == nil && !text.isEmpty {
                columns[key] = .string(text)
            }
            return .success(SourceRow(location: location, columns: columns))
        }
    }
}
