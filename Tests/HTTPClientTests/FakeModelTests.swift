import Foundation
import Glibc
import HTTPClient
import TestKit
import Testing

/// The fake server's behaviour that other test targets rely on.
@Suite(.serialized) struct FakeModelTests {
    static let script = """
        {"rules": [
          {"match": "flaky", "replies": ["first", "second"]},
          {"match": "special", "model": "gpt-special", "reply": "special reply"},
          {"match": "refuse", "error": {"message": "nope", "type": "invalid_request_error"}},
          {"match": "garbage", "raw": "not json"},
          {"match": "silent", "empty": true},
          {"match": "lag", "delay_ms": 300, "reply": "late"}
        ]}
        """

    static func chat(_ server: FakeModelServer, model: String, _ text: String) -> HTTPRequest {
        var request = TestSupport.chat(server, text)
        let body = String(decoding: request.body ?? [], as: UTF8.self)
        request.body = Array(body.replacingOccurrences(of: "test-model", with: model).utf8)
        return request
    }

    @Test func scriptedRules() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let client = CurlClient()
        var cycle: [String?] = []
        for _ in 0..<3 {
            cycle.append(
                TestSupport.content(try await client.send(TestSupport.chat(server, "flaky"))))
        }
        #expect(cycle == ["first", "second", "first"])
        let special = try await client.send(Self.chat(server, model: "gpt-special", "special"))
        #expect(TestSupport.content(special) == "special reply")
        let other = try await client.send(Self.chat(server, model: "gpt-other", "special"))
        #expect(TestSupport.content(other) == "echo: special")
        let refused = try await client.send(TestSupport.chat(server, "refuse"))
        let error = TestSupport.json(refused)["error"] as? [String: Any]
        #expect(refused.status == 400 && error?["message"] as? String == "nope")
        let garbage = try await client.send(TestSupport.chat(server, "garbage"))
        #expect(garbage.status == 200 && garbage.body == Array("not json".utf8))
        #expect(
            TestSupport.content(try await client.send(TestSupport.chat(server, "silent"))) == "")
        let (late, seconds) = try await TestSupport.timed {
            try await client.send(TestSupport.chat(server, "lag"))
        }
        #expect(TestSupport.content(late) == "late" && seconds >= 0.3)
    }

    /// Tokens are ceil(words / 0.75): 3 prompt words → 4, "echo: one two three" → 6.
    @Test func completionShapeAndUsage() async throws {
        let server = try await FakeModelServer.start()
        let response = try await CurlClient().send(TestSupport.chat(server, "one two three"))
        let json = TestSupport.json(response)
        #expect(json["object"] as? String == "chat.completion")
        let choice = (json["choices"] as? [[String: Any]])?.first
        #expect(choice?["finish_reason"] as? String == "stop")
        let usage = json["usage"] as? [String: Int]
        #expect(usage?["prompt_tokens"] == 4 && usage?["completion_tokens"] == 6)
        #expect(usage?["total_tokens"] == 10)
    }

    @Test func embeddingsAreDeterministicAndSimilarityAware() async throws {
        let server = try await FakeModelServer.start()
        let client = CurlClient()
        func embed(_ input: Any) async throws -> [[Double]] {
            let body = try JSONSerialization.data(withJSONObject: ["model": "e", "input": input])
            let response = try await client.send(
                HTTPRequest(url: server.baseURL + "/v1/embeddings", body: Array(body)))
            let data = TestSupport.json(response)["data"] as? [[String: Any]] ?? []
            return data.compactMap { $0["embedding"] as? [Double] }
        }
        let vectors = try await embed([
            "the cat sat on the mat", "the cat sat on a mat", "quantum chromodynamics lecture",
        ])
        #expect(vectors.count == 3 && vectors.allSatisfy { $0.count == 64 })
        func cosine(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }
        guard vectors.count == 3 else { return }
        #expect(cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.3)
        #expect(try await embed("the cat sat on the mat") == [vectors[0]])
    }

    @Test func pipelinedRequestsOnOneConnection() async throws {
        let server = try await FakeModelServer.start()
        let body = #"{"model":"m","messages":[{"role":"user","content":"p"}]}"#
        let one =
            "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let stats = "GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let reply = await RawSocket.exchange(port: server.port, send: one + one + stats)
        #expect(reply.components(separatedBy: "HTTP/1.1 200 OK").count == 4)
        #expect(reply.contains(#""requests":2"#) && reply.contains(#""connections":1"#))
    }

    @Test func unknownFlagExitsWithStatus2() async throws {
        #expect(try await RawSocket.exitStatus(arguments: ["--bogus"]) == 2)
        #expect(try await RawSocket.exitStatus(arguments: ["--port", "notanumber"]) == 2)
        #expect(try await RawSocket.exitStatus(arguments: ["--help"]) == 0)
    }
}

/// Blocking socket and process helpers, run on dedicated threads with bounded waits.
enum RawSocket {
    /// Sends `text` to 127.0.0.1:`port` and reads until the server closes (≤ 5 s).
    static func exchange(port: Int, send text: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(
                    fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(port).bigEndian
                address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                guard connected == 0 else { return continuation.resume(returning: "") }
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
                var received: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = chunk.withUnsafeMutableBytes {
                        recv(fd, $0.baseAddress, $0.count, 0)
                    }
                    if count <= 0 { break }
                    received += chunk[..<count]
                }
                continuation.resume(returning: String(decoding: received, as: UTF8.self))
            }.start()
        }
    }

    /// Runs fake-model with `arguments` to completion (killed after 5 s) and returns its exit status.
    static func exitStatus(arguments: [String]) async throws -> Int32 {
        let (pid, output) = try FakeModelServer.spawn(FakeModelServer.binaryPath(), arguments)
        return await withCheckedContinuation { continuation in
            Thread {
                defer { close(output) }
                var status: Int32 = 0
                let deadline = Date().addingTimeInterval(5)
                while waitpid(pid, &status, WNOHANG) == 0 {
                    if Date() > deadline {
                        kill(pid, SIGKILL)
                        waitpid(pid, &status, 0)
                        return continuation.resume(returning: -1)
                    }
                    var drain = [UInt8](repeating: 0, count: 4096)  // --help output must not block.
                    var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
                    if poll(&poller, 1, 10) > 0 { _ = read(output, &drain, drain.count) }
                }
                // Exited normally: the status is in bits 8-15.
                continuation.resume(returning: (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1)
            }.start()
        }
    }
}
