import Conversation
import Foundation
import JSON
import Providers
import SQLite
import Store
import TestKit
import Testing

/// The response cache gives back exactly what was stored, whatever the text holds, and
/// keeps the text apart from the other fields.
@Suite struct ResponseCacheTests {
    private static let texts = [
        "", "plain", "quote \" and backslash \\ and slash /", "lines\nand\ttabs\r\n",
        "controls \u{01}\u{1F}\u{7F}", "é 漢字 🙂 \u{2028}",
        String(repeating: "ab\"c\n", count: 40_000),
    ]

    @Test func aResponseComesBackExactlyAsItWasStored() async throws {
        let project = try TempProject(files: [:])
        let store = try RunStore(path: project.path("cache.db"))
        for (index, text) in Self.texts.enumerated() {
            let response = ModelResponse(
                text: text, finishReason: index % 2 == 0 ? "stop" : nil,
                promptTokens: index % 3 == 0 ? nil : index, completionTokens: index + 7,
                latencyMs: Double(index) * 12.5,
                toolCalls: index == 2
                    ? [ToolCall(id: "c1", name: "lookup", arguments: #"{"q":"a\"b"}"#)] : [])
            try await store.cache(response, key: "k\(index)", repeatIndex: 0)
            #expect(try await store.cachedResponse(key: "k\(index)", repeatIndex: 0) == response)
            #expect(try store.cachedResponseNow(key: "k\(index)", repeatIndex: 0) == response)
        }
        #expect(try await store.cachedResponse(key: "k1", repeatIndex: 1) == nil)
    }

    /// The lock-guarded reader of a run's lookups sees each response once it is committed,
    /// also after it was opened, and serves lookups from many tasks at once.
    @Test func theReaderSeesLaterCommitsAndServesConcurrentLookups() async throws {
        let project = try TempProject(files: [:])
        let store = try RunStore(path: project.path("cache.db"))
        #expect(try store.cachedResponseNow(key: "later", repeatIndex: 0) == nil)
        let response = ModelResponse(
            text: "hello", finishReason: "stop", promptTokens: 1, completionTokens: 2, latencyMs: 3)
        try await store.cache(response, key: "later", repeatIndex: 0)
        #expect(try store.cachedResponseNow(key: "later", repeatIndex: 0) == response)
        #expect(try store.cachedResponseNow(key: "later", repeatIndex: 1) == nil)
        let hits = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    try store.cachedResponseNow(key: "later", repeatIndex: 0) == response
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(hits == 64)
    }

    @Test func theTextHasAColumnOfItsOwnAndTheOtherFieldsAreOneJSONObject() async throws {
        let project = try TempProject(files: [:])
        let path = project.path("cache.db")
        let store = try RunStore(path: path)
        let response = ModelResponse(
            text: "a \"b\"\n", finishReason: "length", promptTokens: 3, completionTokens: 4,
            latencyMs: 1.5)
        try await store.cache(response, key: "k", repeatIndex: 0)
        #expect(
            try sqliteText(path, "SELECT response FROM cache")
                == #"{"finishReason":"length","promptTokens":3,"completionTokens":4,"latencyMs":1.5}"#
        )
        #expect(try sqliteText(path, "SELECT text FROM cache") == "a \"b\"\n")
        // The fields (79 characters) and the text (6).
        #expect(try await store.cacheStats().bytes == 79 + 6)
    }

    /// A row written before the text had its own column (schema 8) holds it in `response`.
    @Test func aRowFromBeforeTheTextColumnIsStillRead() async throws {
        let project = try TempProject(files: [:])
        let path = project.path("cache.db")
        let store = try RunStore(path: path)
        let database = try SQLiteDatabase(path: path)
        try database.run(
            "INSERT INTO cache (request_key, repeat_index, response, created_at) VALUES (?, 0, ?, ?)",
            [
                .text("old"), .text(#"{"text":"é \"x\"","finishReason":"stop","latencyMs":2}"#),
                .text("2026-01-01T00:00:00Z"),
            ])
        let read = try #require(try await store.cachedResponse(key: "old", repeatIndex: 0))
        #expect(read.text == "é \"x\"" && read.finishReason == "stop" && read.latencyMs == 2)
    }

    private func sqliteText(_ path: String, _ sql: String) throws -> String? {
        let database = try SQLiteDatabase(path: path)
        guard case .text(let text)? = try database.queryValue(sql) else { return nil }
        return text
    }
}
