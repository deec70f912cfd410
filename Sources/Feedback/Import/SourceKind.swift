import Foundation

/// The kind of an export file.
public enum SourceKind: String, Sendable, CaseIterable {
    case jsonl, csv, sqlite

    /// From the extension, else from the first bytes (SQLite's header, a `{`); nil when unclear.
    public static func infer(path: String) -> SourceKind? {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        case "csv", "tsv": return .csv
        case "sqlite", "sqlite3", "db", "db3": return .sqlite
        default: break
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        if head.starts(with: Data("SQLite format 3\0".utf8)) { return .sqlite }
        if head.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) })
            == UInt8(ascii: "{")
        {
            return .jsonl
        }
        return nil
    }
}
