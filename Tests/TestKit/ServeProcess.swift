import Foundation
import Glibc
import HTTPClient

/// `promptgate feedback serve --port 0` on a project, for end-to-end tests: started from the
/// built binary, its port read from the 'listening on' line, stopped with SIGTERM (or killed).
public final class ServeProcess: @unchecked Sendable {
    public let pid: pid_t
    public let port: Int
    private let output: Int32
    public let stderrPath: String
    private var reaped: Int32?
    public let client = CurlClient(maxConnections: 16)

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(pid: pid_t, port: Int, output: Int32, stderrPath: String) {
        self.pid = pid
        self.port = port
        self.output = output
        self.stderrPath = stderrPath
    }

    deinit {
        if reaped == nil {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
        close(output)
        client.shutdown()
        unlink(stderrPath)
    }

    /// Starts the server on `root` with extra `arguments` and `environment` added.
    public static func start(
        root: String, arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> ServeProcess {
        guard let binary = CLIProcess.binaryPath() else {
            throw TestSupportError("promptgate binary not found; run `swift build` first")
        }
        let stderrPath = NSTemporaryDirectory() + "pg-serve-\(UUID().uuidString).err"
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestSupportError("pipe failed") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1"]
        env.merge(environment) { _, new in new }
        let pid: pid_t
        do {
            pid = try CLIProcess.spawn(
                binary, ["feedback", "serve", "--port", "0", "--root", root] + arguments,
                directory: root, environment: env, stdout: .descriptor(fds[1]),
                stderr: stderrPath)
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        let line = await FakeModelServer.readLine(fds[0], timeout: 30)
        guard let line, let colon = line.lastIndex(of: ":"), line.hasPrefix("listening on "),
            let port = Int(line[line.index(after: colon)...])
        else {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            close(fds[0])
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            unlink(stderrPath)
            throw TestSupportError("feedback serve did not start: \(line ?? "no output") \(err)")
        }
        return ServeProcess(pid: pid, port: port, output: fds[0], stderrPath: stderrPath)
    }

    /// What the server wrote to stderr so far.
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the exit status (137 when it had to be killed).
    public func stop(signal: Int32 = SIGTERM, timeout: Double = 60) async -> Int32 {
        if let reaped { return reaped }
        kill(pid, signal)
        let status = await CLIProcess.wait(pid, timeout: timeout)
        reaped = status
        return status
    }

    /// A request to `path` with a JSON (or other) body.
    public func send(
        _ method: String, _ path: String, body: String? = nil,
        contentType: String? = "application/json", headers: [String: String] = [:]
    ) async throws -> HTTPResponse {
        var list: [HTTPHeader] = []
        if body != nil, let contentType {
            list.append(HTTPHeader(name: "Content-Type", value: contentType))
        }
        for (name, value) in headers { list.append(HTTPHeader(name: name, value: value)) }
        return try await client.send(
            HTTPRequest(
                url: baseURL + path, method: method, headers: list,
                body: body.map { Array($0.utf8) },
                timeout: 30))
    }

    /// The response body as a JSON object.
    public static func object(_ response: HTTPResponse) throws -> [String: Any] {
        guard
            let object = try JSONSerialization.jsonObject(with: Data(response.body))
                as? [String: Any]
        else {
            throw TestSupportError(
                "not a JSON object: \(String(decoding: response.body, as: UTF8.self))")
        }
        return object
    }
}
