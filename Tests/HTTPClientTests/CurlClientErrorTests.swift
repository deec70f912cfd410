import Foundation
import HTTPClient
import TestKit
import Testing

/// Transport failures map to distinct `HTTPClientError` cases.
@Suite(.serialized) struct CurlClientErrorTests {
    static let script = """
        {"rules": [
          {"match": "hang", "hang": true},
          {"match": "close", "close": true}
        ]}
        """

    @Test func hangTimesOutWithinTheLimit() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let (error, seconds) = await TestSupport.timed {
            await TestSupport.error {
                try await CurlClient().send(TestSupport.chat(server, "hang", timeout: 0.5))
            }
        }
        #expect(error as? HTTPClientError == .timeout(0.5))
        // The server never answers: only the 0.5 s timeout ends the request (the error proves it; the upper bound only catches a hang).
        #expect(seconds >= 0.4 && seconds < 120)
    }

    @Test func closedConnectionIsReported() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let error = await TestSupport.error {
            try await CurlClient().send(TestSupport.chat(server, "close please"))
        }
        guard case .connectionClosed = error as? HTTPClientError else {
            Issue.record("expected .connectionClosed, got \(String(describing: error))")
            return
        }
    }

    @Test func refusedConnectionIsConnectError() async throws {
        let server = try await FakeModelServer.start()
        server.stop()  // Nothing listens on the port any more.
        let error = await TestSupport.error {
            try await CurlClient().send(HTTPRequest(url: server.baseURL + "/", timeout: 5))
        }
        #expect(
            error as? HTTPClientError == .connect("connection refused to 127.0.0.1:\(server.port)"))
    }

    @Test func unresolvableHostIsDNSError() async {
        let error = await TestSupport.error {
            try await CurlClient().send(
                HTTPRequest(url: "http://nonexistent.invalid/", timeout: 10))
        }
        #expect(error as? HTTPClientError == .dns("could not resolve host 'nonexistent.invalid'"))
    }

    @Test func oversizedResponseIsRejected() async throws {
        let server = try await FakeModelServer.start()
        var request = TestSupport.chat(server, "a reply longer than sixty-four bytes")
        request.maxResponseBytes = 64
        let error = await TestSupport.error { try await CurlClient().send(request) }
        #expect(error as? HTTPClientError == .responseTooLarge(64))
    }

    @Test func oversizedBodyWithoutContentLengthIsRejected() async throws {
        let head = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
        let server = try #require(
            OneShotServer(reply: Array(head.utf8) + Array(repeating: 65, count: 5000)))
        var request = HTTPRequest(url: "http://127.0.0.1:\(server.port)/", timeout: 5)
        request.maxResponseBytes = 1000
        let error = await TestSupport.error { try await CurlClient().send(request) }
        #expect(error as? HTTPClientError == .responseTooLarge(1000))
    }

    @Test func truncatedBodyIsConnectionClosed() async throws {
        let reply = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part"
        let server = try #require(OneShotServer(reply: Array(reply.utf8)))
        let error = await TestSupport.error {
            try await CurlClient().send(
                HTTPRequest(url: "http://127.0.0.1:\(server.port)/", timeout: 5))
        }
        guard case .connectionClosed = error as? HTTPClientError else {
            Issue.record("expected .connectionClosed, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: ["ftp://127.0.0.1/", "not a url", "", "http://exa mple.com/"])
    func badURLIsInvalidURL(url: String) async {
        let error = await TestSupport.error { try await CurlClient().send(HTTPRequest(url: url)) }
        #expect(error as? HTTPClientError == .invalidURL(url))
    }

    @Test func headerWithLineBreakIsRejectedWithoutEchoingIt() async {
        let request = HTTPRequest(
            url: "http://127.0.0.1:9/",
            headers: [HTTPHeader(name: "Authorization", value: "Bearer x\r\nX-Evil: 1")])
        let error = await TestSupport.error { try await CurlClient().send(request) }
        guard case .transport(_, let message) = error as? HTTPClientError else {
            Issue.record("expected .transport, got \(String(describing: error))")
            return
        }
        #expect(message.contains("Authorization") && !message.contains("Bearer"))
    }

    @Test func cancellingTheTaskAbortsPromptly() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let client = CurlClient()
        let task = Task { try await client.send(TestSupport.chat(server, "hang", timeout: 30)) }
        try await Task.sleep(for: .milliseconds(200))
        let (error, seconds) = await TestSupport.timed {
            task.cancel()
            return await TestSupport.error { try await task.value }
        }
        #expect(error is CancellationError)
        #expect(seconds < 5)
        // The client keeps working after a cancellation.
        #expect(try await client.send(TestSupport.chat(server, "hi")).status == 200)
    }

    @Test func alreadyCancelledTaskNeverSends() async throws {
        let server = try await FakeModelServer.start()
        let client = CurlClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(TestSupport.chat(server, "x"))
        }
        #expect(await TestSupport.error { try await task.value } is CancellationError)
        #expect(
            TestSupport.json(try await client.send(HTTPRequest(url: server.baseURL + "/stats")))[
                "requests"] as? Int == 0)
    }

    @Test func shutdownFailsPendingAndLaterRequests() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let client = CurlClient()
        let pending = Task { try await client.send(TestSupport.chat(server, "hang", timeout: 30)) }
        try await Task.sleep(for: .milliseconds(200))
        client.shutdown()
        #expect(
            await TestSupport.error { try await pending.value } as? HTTPClientError == .cancelled)
        let later = await TestSupport.error { try await client.send(TestSupport.chat(server, "x")) }
        #expect(later as? HTTPClientError == .cancelled)
    }
}
