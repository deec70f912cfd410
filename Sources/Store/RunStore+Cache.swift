import Basics
import Conversation
import Foundation
import JSON
import PromptGateModel
import Providers
import SQLite

/// The response cache: successful responses by request key and repeat slot. Errors are
/// never cached; keys never contain a secret.
extension RunStore {
    public func cachedResponse(key: String, repeatIndex: Int) throws(PromptGateError)
        -> ModelResponse?
    {
        try wrapped { try Self.lookup(database, key: key, repeatIndex: repeatIndex) }
    }

    /// ``cachedResponse(key:repeatIndex:)`` without a hop to the store's actor: a second,
    /// read-only connection behind a lock. A cached re-run looks up every case, and the hop
    /// (a thread wake-up when the actor is busy storing results) cost more than the lookup.
    /// It sees what the store has committed; a response is cached in its own commit.
    public nonisolated func cachedResponseNow(key: String, repeatIndex: Int)
        throws(PromptGateError) -> ModelResponse?
    {
        do {
            return try cacheReader.withConnection(path: path) { db in
                try Self.lookup(db, key: key, repeatIndex: repeatIndex)
            }
        } catch {
            throw .infrastructure("store \(path): \(error)")
        }
    }

    private static func lookup(_ db: SQLiteDatabase, key: String, repeatIndex: Int) throws
        -> ModelResponse?
    {
        guard
            let row = try db.query(
                "SELECT response, text FROM cache WHERE request_key = ? AND repeat_index = ?",
                [.text(key), .integer(Int64(repeatIndex))]
            ).first, case .text(let fields) = row[0]
        else { return nil }
        if case .text(let text) = row[1] { return decodeResponse(fields, text: text) }
        return decodeResponse(fields, text: nil)
    }

    public func cache(_ response: ModelResponse, key: String, repeatIndex: Int)
        throws(PromptGateError)
    {
        try wrapped { try insertCache(response, key: key, repeatIndex: repeatIndex) }
    }

    func insertCache(_ response: ModelResponse, key: String, repeatIndex: Int) throws {
        try database.run(
            """
            INSERT OR REPLACE INTO cache (request_key, repeat_index, response, text, created_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            [
                .text(key), .integer(Int64(repeatIndex)), .text(Self.encodeFields(response)),
                .text(response.text), .text(Timestamp.now()),
            ])
    }

    public struct CacheStats: Sendable {
        public var entries: Int
        public var bytes: Int
        public var oldest: String?
        public var newest: String?
    }

    public func cacheStats() throws(PromptGateError) -> CacheStats {
        try wrapped {
            let row =
                try database.query(
                    "SELECT COUNT(*), COALESCE(SUM(LENGTH(response) + COALESCE(LENGTH(text), 0)), 0), MIN(created_at), MAX(created_at) FROM cache",
                    []
                ).first ?? []
            func int(_ i: Int) -> Int {
                if i < row.count, case .integer(let n) = row[i] { return Int(n) }
                return 0
            }
            func text(_ i: Int) -> String? {
                if i < row.count, case .text(let s) = row[i] { return s }
                return nil
            }
            return CacheStats(entries: int(0), bytes: int(1), oldest: text(2), newest: text(3))
        }
    }

    /// Removes entries (only those created before `olderThan`, when given); returns how many.
    public func clearCache(olderThan: Date?) throws(PromptGateError) -> Int {
        try wrapped {
            if let olderThan {
                try database.run(
                    "DELETE FROM cache WHERE created_at < ?",
                    [.text(Timestamp.string(from: olderThan))])
            } else {
                try database.run("DELETE FROM cache", [])
            }
            return database.changes
        }
    }

    /// A cached response's fields but its text (which has a column of its own), written by
    /// hand: `JSONEncoder` cost more per request than the SQLite insert itself. Retries are
    /// not part of it.
    static func encodeFields(_ r: ModelResponse) -> String {
        var fields: [(String, String)] = []
        if let f = r.finishReason { fields.append(("finishReason", JSONText.string(f))) }
        if let p = r.promptTokens { fields.append(("promptTokens", String(p))) }
        if let c = r.completionTokens { fields.append(("completionTokens", String(c))) }
        fields.append(("latencyMs", JSONText.number(r.latencyMs)))
        if !r.toolCalls.isEmpty {
            fields.append(
                ("toolCalls", "[" + r.toolCalls.map(\.jsonText).joined(separator: ",") + "]"))
        }
        return JSONText.object(fields)
    }

    /// A response from its fields and its text; `text` is nil for rows written before the
    /// text had a column (schema 9), whose fields hold it.
    static func decodeResponse(_ fields: String, text: String?) -> ModelResponse? {
        guard let o = try? JSONParser.parse(fields), let body = text ?? o["text"]?.stringValue
        else { return nil }
        return ModelResponse(
            text: body, finishReason: o["finishReason"]?.stringValue,
            promptTokens: o["promptTokens"]?.intValue,
            completionTokens: o["completionTokens"]?.intValue,
            latencyMs: o["latencyMs"]?.numberValue ?? 0,
            toolCalls: Self.decodeToolCalls(o["toolCalls"]))
    }

    /// Tool calls from an array of `{arguments, id, name}` objects.
    static func decodeToolCalls(_ value: JSONValue?) -> [ToolCall] {
        (value?.arrayValue ?? []).compactMap { o in
            guard let name = o["name"]?.stringValue else { return nil }
            return ToolCall(
                id: o["id"]?.stringValue ?? "", name: name,
                arguments: o["arguments"]?.stringValue ?? "")
        }
    }
}
