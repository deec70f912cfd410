import Foundation
import HTTPClient
import TestKit

/// Helpers shared by the HTTPClient tests.
enum TestSupport {
    static let secret = "sk-test-secret-do-not-echo"

    /// A chat completion request whose only user message is `text`.
    static func chat(_ server: FakeModelServer, _ text: String, timeout: Double = 10) -> HTTPRequest
    {
        let payload: [String: Any] = [
            "model": "test-model", "messages": [["role": "user", "content": text]],
        ]
        let body = (try? JSONSerialization.data(withJSONObject: payload)) ?? Data()
        return HTTPRequest(
            url: server.baseURL + "/v1/chat/completions",
            headers: [
                HTTPHeader(name: "Content-Type", value: "application/json"),
                HTTPHeader(name: "Authorization", value: "Bearer \(secret)"),
            ],
            body: Array(body), timeout: timeout)
    }

    static func json(_ response: HTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// The assistant text of a chat completion response.
    static func content(_ response: HTTPResponse) -> String? {
        let choices = json(response)["choices"] as? [[String: Any]]
        let message = choices?.first?["message"] as? [String: Any]
        return message?["content"] as? String
    }

    static func stats(_ client: CurlClient, _ server: FakeModelServer) async throws -> [String: Any]
    {
        json(try await client.send(HTTPRequest(url: server.baseURL + "/stats", timeout: 5)))
    }

    static func resetStats(_ client: CurlClient, _ server: FakeModelServer) async throws {
        let reset = HTTPRequest(url: server.baseURL + "/stats/reset", method: "POST", timeout: 5)
        _ = try await client.send(reset)
    }

    /// The calling process's thread count from /proc/self/status.
    static func threadCount() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
        return line.flatMap {
            Int($0.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces))
        }
            ?? -1
    }

    /// Runs `body` and returns its result with the wall-clock seconds it took.
    static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let value = try await body()
        let elapsed = start.duration(to: .now)
        return (
            value,
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
    }

    /// The error `body` threw, or nil if it succeeded.
    static func error(_ body: () async throws -> HTTPResponse) async -> (any Error)? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }
}
