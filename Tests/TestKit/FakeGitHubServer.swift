import Foundation
import Glibc
import HTTPClient
import Synchronization

/// `Tests/Support/fake-github.py`, a fake GitHub REST API on 127.0.0.1, as a real process
/// (python3's standard library only). Stopped with SIGKILL; it also exits with its parent.
public final class FakeGitHubServer: Sendable {
    public let pid: pid_t
    public let port: Int
    private let output: Int32
    private let stopped = Atomic<Bool>(false)

    /// What `GITHUB_API_URL` should be.
    public var apiURL: String { "http://127.0.0.1:\(port)" }

    private init(pid: pid_t, port: Int, output: Int32) {
        self.pid = pid
        self.port = port
        self.output = output
    }

    deinit { stop() }

    /// Starts it; `seed` unrelated comments are already on pull request 7.
    public static func start(seed: Int = 0) async throws -> FakeGitHubServer {
        let script = TempProject.repositoryRoot + "/Tests/Support/fake-github.py"
        let (pid, output) = try FakeModelServer.spawn(
            "/usr/bin/python3", [script, "--port", "0", "--seed", String(seed)])
        let line = await FakeModelServer.readLine(output, timeout: 20)
        let prefix = "listening on http://127.0.0.1:"
        guard let line, line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count)) else {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            close(output)
            throw TestSupportError("fake-github.py did not start: \(line ?? "no output")")
        }
        return FakeGitHubServer(pid: pid, port: port, output: output)
    }

    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        kill(pid, SIGKILL)
        waitpid(pid, nil, 0)
        close(output)
    }

    /// The comments and every request the server saw (`GET /_state`).
    public func state() async throws -> [String: Any] {
        let client = CurlClient(maxConnections: 2)
        defer { client.shutdown() }
        let response = try await client.send(HTTPRequest(url: apiURL + "/_state", timeout: 10))
        guard
            let object = try JSONSerialization.jsonObject(with: Data(response.body))
                as? [String: Any]
        else { throw TestSupportError("/_state is not a JSON object") }
        return object
    }
}
