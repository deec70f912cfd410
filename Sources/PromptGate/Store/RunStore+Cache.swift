import Foundation

/// The response cache: successful responses by request key and repeat slot. Errors are
/// never cached; keys never contain a secret.
extension RunStore {
    public func cachedResponse(key: String, repeatIndex: Int) throws(PromptGateError)
        -> ModelResponse?
    {
        try wrapped {
            guard
                let row = try database.query(
                    "SELECT response FROM cache WHERE request_key = ? AND repeat_index = ?",
                    [.text(key), .integer(Int64(repeatIndex))]
                ).first, case .text(let text) = row[0]
            else { return nil }
            return try? JSONDecoder().decode(ModelResponse.self, from: Data(text.utf8))
        }
    }

    public func cache(_ response: ModelResponse, key: String, repeatIndex: Int)
        throws(PromptGateError)
    {
        var stored = response
        stored.retries = 0
        let text = String(decoding: (try? JSONEncoder().encode(stored)) ?? Data(), as: UTF8.self)
        try wrapped {
            try database.run(
                """
                INSERT OR REPLACE INTO cache (request_key, repeat_index, response, created_at)
                VALUES (?, ?, ?, ?)
                """,
                [.text(key), .integer(Int64(repeatIndex)), .text(text), .text(Timestamp.now())])
        }
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
                    "SELECT COUNT(*), COALESCE(SUM(LENGTH(response)), 0), MIN(created_at), MAX(created_at) FROM cache",
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
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                try database.run(
                    "DELETE FROM cache WHERE created_at < ?",
                    [.text(formatter.string(from: olderThan))])
            } else {
                try database.run("DELETE FROM cache", [])
            }
            return database.changes
        }
    }
}
