import Foundation
import HTTPClient
import TestKit
import Testing

/// Many requests overlap on one loop thread and reuse kept-alive connections.
@Suite(.serialized) struct CurlClientConcurrencyTests {
    /// Sends `count` chat requests at once and returns how many got a 200.
    static func burst(_ client: CurlClient, _ server: FakeModelServer, count: Int) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = try? await client.send(TestSupport.chat(server, "n\(index)"))
                    return response.map { TestSupport.content($0) == "echo: n\(index)" } ?? false
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    @Test func requestsOverlap() async throws {
        // A long latency keeps every request open while the others start, even on a loaded machine.
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "1500"])
        let client = CurlClient()
        try await TestSupport.resetStats(client, server)
        let ok64 = await Self.burst(client, server, count: 64)
        #expect(ok64 == 64)
        let stats = try await TestSupport.stats(client, server)
        #expect((stats["max_in_flight"] as? Int ?? 0) >= 64)
        try await TestSupport.resetStats(client, server)

        let (ok200, seconds) = await TestSupport.timed {
            await Self.burst(client, server, count: 200)
        }
        #expect(ok200 == 200)
        #expect(seconds < 20, "200 × 1.5 s one at a time would take 300 s")
    }

    @Test func maxConnectionsLimitsOpenConnections() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "100"])
        let client = CurlClient(maxConnections: 8)
        try await TestSupport.resetStats(client, server)
        let (ok, seconds) = await TestSupport.timed { await Self.burst(client, server, count: 64) }
        #expect(ok == 64)
        let stats = try await TestSupport.stats(client, server)
        #expect((stats["max_in_flight"] as? Int ?? 99) <= 8)
        #expect((stats["connections"] as? Int ?? 99) <= 8)
        #expect(seconds >= 0.7, "64 requests over 8 connections need 8 rounds of 0.1 s")
    }

    @Test func connectionsAreReused() async throws {
        let server = try await FakeModelServer.start()
        let client = CurlClient()
        try await TestSupport.resetStats(client, server)
        for index in 0..<20 {
            #expect(try await client.send(TestSupport.chat(server, "\(index)")).status == 200)
        }
        let sequential = try await TestSupport.stats(client, server)
        #expect(sequential["requests"] as? Int == 20)
        #expect((sequential["connections"] as? Int ?? 99) <= 1)

        // With latency each burst needs 32 connections at once; the second burst finds
        // the first one's connections in the cache.
        let slow = try await FakeModelServer.start(arguments: ["--latency-ms", "100"])
        #expect(await Self.burst(client, slow, count: 32) == 32)
        let first = try await TestSupport.stats(client, slow)
        #expect((first["connections"] as? Int ?? 0) >= 16)
        try await TestSupport.resetStats(client, slow)
        #expect(await Self.burst(client, slow, count: 32) == 32)
        let second = try await TestSupport.stats(client, slow)
        #expect((second["connections"] as? Int ?? 99) <= 1)
    }

    @Test func threadCountDoesNotGrowWithInFlightRequests() async throws {
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "600"])
        let client = CurlClient()
        _ = try await client.send(HTTPRequest(url: server.baseURL + "/v1/models"))
        let before = TestSupport.threadCount()
        async let done = Self.burst(client, server, count: 150)
        try await Task.sleep(for: .milliseconds(300))
        let inFlight = try await TestSupport.stats(client, server)["in_flight"] as? Int ?? 0
        let during = TestSupport.threadCount()
        #expect(await done == 150)
        #expect(inFlight >= 100, "the requests must really be in flight when counting")
        #expect(
            before > 0 && during < before + 40,
            "a thread per request would add 150; threads: \(before) before, \(during) during")
    }
}
