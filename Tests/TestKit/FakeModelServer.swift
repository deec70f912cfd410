import Foundation
import Glibc
import HTTPClient
import Synchronization

/// Runs the `fake-model` executable for a test: started with `--port 0`, stopped
/// with SIGKILL. Build the binary first: `swift build --product fake-model`.
public final class FakeModelServer: Sendable {
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    public let pid: pid_t
    public let port: Int
    private let output: Int32
    private let scriptPath: String?
    private let stopped = Atomic<Bool>(false)

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(pid: pid_t, port: Int, output: Int32, scriptPath: String?) {
        self.pid = pid
        self.port = port
        self.output = output
        self.scriptPath = scriptPath
    }

    deinit {
        stop()
    }

    /// Starts the server with extra `arguments` and, if given, `script` (JSON text)
    /// written to a temporary file; waits up to `timeout` seconds for it to listen.
    public static func start(
        arguments: [String] = [], script: String? = nil, timeout: Double = 10
    ) async throws -> FakeModelServer {
        var arguments = arguments
        var scriptPath: String?
        if let script {
            let path = NSTemporaryDirectory() + "fake-model-\(UUID().uuidString).json"
            try Data(script.utf8).write(to: URL(fileURLWithPath: path))
            arguments += ["--script", path]
            scriptPath = path
        }
        let binary = try binaryPath()
        let (pid, output) = try spawn(binary, ["--port", "0", "--exit-with-parent"] + arguments)
        let line = await readLine(output, timeout: timeout)
        let prefix = "listening on http://127.0.0.1:"
        guard let line, line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count)) else {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            close(output)
            throw StartError(description: "fake-model did not start: \(line ?? "no output")")
        }
        return FakeModelServer(pid: pid, port: port, output: output, scriptPath: scriptPath)
    }

    /// Kills the server (SIGKILL) and reaps it; safe to call more than once.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        kill(pid, SIGKILL)
        waitpid(pid, nil, 0)
        close(output)
        if let scriptPath { unlink(scriptPath) }
    }

    /// `fake-model` next to the test bundle (`.build/<config>/`), or `$FAKE_MODEL_BIN`.
    public static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["FAKE_MODEL_BIN"] { return path }
        var folders = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for folder in folders {
            var current = folder.standardizedFileURL
            for _ in 0..<4 {
                let candidate = current.appendingPathComponent("fake-model").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                current = current.deletingLastPathComponent()
            }
        }
        throw StartError(
            description: "fake-model binary not found; run `swift build --product fake-model`")
    }

    /// Spawns `path` with stdout on a pipe; returns the pid and the pipe's read end.
    public static func spawn(_ path: String, _ arguments: [String]) throws -> (pid_t, Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw StartError(description: "pipe failed") }
        // Close-on-exec so servers spawned concurrently do not inherit each other's pipes;
        // dup2 onto stdout clears the flag for the child's own copy.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(fds[1])
        guard result == 0 else {
            close(fds[0])
            throw StartError(description: "posix_spawn failed: \(result)")
        }
        return (pid, fds[0])
    }

    /// Reads one line from `fd` on a dedicated thread (never blocking the
    /// cooperative pool); nil on EOF or timeout.
    public static func readLine(_ fd: Int32, timeout: Double) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                let deadline = Date().addingTimeInterval(timeout)
                var bytes: [UInt8] = []
                while Date() < deadline {
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    let waitMs = max(1, Int32(deadline.timeIntervalSinceNow * 1000))
                    guard poll(&poller, 1, waitMs) > 0 else { continue }
                    var byte: UInt8 = 0
                    guard read(fd, &byte, 1) == 1 else { break }
                    if byte == 0x0A {
                        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                        return
                    }
                    bytes.append(byte)
                }
                continuation.resume(returning: nil)
            }.start()
        }
    }

    /// The server's counters from `GET /stats`.
    public func stats() async throws -> [String: Any] {
        let client = CurlClient(maxConnections: 2)
        defer { client.shutdown() }
        let response = try await client.send(HTTPRequest(url: baseURL + "/stats", timeout: 5))
        guard
            let object = try JSONSerialization.jsonObject(with: Data(response.body))
                as? [String: Any]
        else {
            throw StartError(description: "/stats is not a JSON object")
        }
        return object
    }
}
