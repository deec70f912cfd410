import Foundation
import HTTPClient
import TestKit
import Testing

/// Replies that arrive: any status is a response, not an error.
@Suite(.serialized) struct CurlClientResponseTests {
    static let script = """
        {"rules": [
          {"match": "boom", "status": 500, "body": "kaput"},
          {"match": "slow down", "retry_after": "1"}
        ]}
        """

    @Test func okReplyIsParsed() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let client = CurlClient()
        let response = try await client.send(TestSupport.chat(server, "hello there"))
        #expect(response.status == 200)
        #expect(TestSupport.content(response) == "echo: hello there")
        #expect(TestSupport.json(response)["model"] as? String == "test-model")
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("CONTENT-LENGTH") == String(response.body.count))
        #expect(response.elapsed > 0 && response.elapsed < 5)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(!text.contains(TestSupport.secret))
    }

    @Test func serverErrorKeepsStatusAndBody() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let response = try await CurlClient().send(TestSupport.chat(server, "boom"))
        #expect(response.status == 500)
        #expect(response.body == Array("kaput".utf8))
    }

    @Test func rateLimitExposesRetryAfter() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let response = try await CurlClient().send(TestSupport.chat(server, "please slow down"))
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "1")
        let error = TestSupport.json(response)["error"] as? [String: Any]
        #expect(error?["type"] as? String == "rate_limit_exceeded")
    }

    @Test func methodsAndBodiesReachTheServer() async throws {
        let server = try await FakeModelServer.start()
        let client = CurlClient()
        let get = try await client.send(HTTPRequest(url: server.baseURL + "/v1/models"))
        #expect(get.status == 200)
        let put = HTTPRequest(url: server.baseURL + "/v1/models", method: "PUT", body: [1, 2])
        #expect(try await client.send(put).status == 405)
        let missing = try await client.send(HTTPRequest(url: server.baseURL + "/nope"))
        #expect(missing.status == 404)
        // An empty-valued header must not break the request.
        var request = TestSupport.chat(server, "x")
        request.headers.append(HTTPHeader(name: "X-Empty", value: ""))
        #expect(try await client.send(request).status == 200)
    }

    @Test func defaultsFollowTheContract() {
        let get = HTTPRequest(url: "http://127.0.0.1/")
        #expect(get.method == "GET" && get.timeout == 60 && get.connectTimeout == 10)
        #expect(get.maxResponseBytes == 16 * 1024 * 1024)
        #expect(HTTPRequest(url: "http://x/", body: []).method == "POST")
        let response = HTTPResponse(
            status: 200,
            headers: [HTTPHeader(name: "X-A", value: "1"), HTTPHeader(name: "x-a", value: "2")],
            body: [], elapsed: 0)
        #expect(response.header("X-a") == "2")
        #expect(response.header("missing") == nil)
    }
}
