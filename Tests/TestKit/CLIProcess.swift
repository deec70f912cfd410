import Foundation
import Glibc

/// Runs the built `promptgate` binary as a user would, capturing its output.
public enum CLIProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `promptgate` binary next to the test bundle, or `$PROMPTGATE_BIN`.
    public static func binaryPath(_ name: String = "promptgate") -> String? {
        if name == "promptgate", let path = ProcessInfo.processInfo.environment["PROMPTGATE_BIN"] {
            return path
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .standardizedFileURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `promptgate ARGS` in `directory` with `environment` added to a minimal one.
    /// Output goes to temporary files (no pipe can fill up); a run past `timeout` is killed.
    public static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:],
        timeout: Double = 60, onStart: (@Sendable (pid_t) -> Void)? = nil
    ) async throws -> Result {
        guard let binary = binaryPath() else {
            throw TestSupportError("promptgate binary not found; run `swift build` first")
        }
        let tmp = NSTemporaryDirectory() + "pg-cli-\(UUID().uuidString)"
        let outPath = tmp + ".out"
        let errPath = tmp + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1"]
        env.merge(environment) { _, new in new }
        let pid = try spawn(
            binary, arguments, directory: directory, environment: env, stdout: .file(outPath),
            stderr: errPath)
        onStart?(pid)
        let status = await wait(pid, timeout: timeout)
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: status, stdout: stdout, stderr: stderr)
    }

    /// Runs any program (a script, python3) the same way: minimal environment plus
    /// `environment`, output captured, killed after `timeout`.
    public static func runProgram(
        _ path: String, _ arguments: [String], in directory: String,
        environment: [String: String] = [:], timeout: Double = 120
    ) async throws -> Result {
        let tmp = NSTemporaryDirectory() + "pg-prog-\(UUID().uuidString)"
        defer {
            unlink(tmp + ".out")
            unlink(tmp + ".err")
        }
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { _, new in new }
        let pid = try spawn(
            path, arguments, directory: directory, environment: env,
            stdout: .file(tmp + ".out"), stderr: tmp + ".err")
        let status = await wait(pid, timeout: timeout)
        return Result(
            status: status,
            stdout: (try? String(contentsOfFile: tmp + ".out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: tmp + ".err", encoding: .utf8)) ?? "")
    }

    /// Where a spawned program's stdout goes: a file, or a descriptor (a pipe's write end).
    enum Output {
        case file(String)
        case descriptor(Int32)
    }

    static func spawn(
        _ path: String, _ arguments: [String], directory: String, environment: [String: String],
        stdout: Output, stderr: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch stdout {
        case .file(let file):
            posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .descriptor(let fd):
            posix_spawn_file_actions_adddup2(&actions, fd, 1)
        }
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // A clean signal mask and default handlers: the test runner's threads block signals.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // `env -C DIR` changes directory and execs in place (same pid); Glibc's
        // posix_spawn_file_actions_addchdir_np is not visible to Swift.
        let argv = (["/usr/bin/env", "-C", directory, path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TestSupportError("posix_spawn \(path) failed: \(rc)") }
        return pid
    }

    /// Waits for `pid` on a dedicated thread; SIGKILL after `timeout` (status 137 then).
    public static func wait(_ pid: pid_t, timeout: Double) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                let deadline = Date().addingTimeInterval(timeout)
                var status: Int32 = 0
                while true {
                    let rc = waitpid(pid, &status, WNOHANG)
                    if rc == pid { break }
                    if rc < 0 {
                        continuation.resume(returning: -1)
                        return
                    }
                    if Date() > deadline {
                        kill(pid, SIGKILL)
                        waitpid(pid, &status, 0)
                        continuation.resume(returning: 137)
                        return
                    }
                    usleep(2000)
                }
                // WIFEXITED / WEXITSTATUS by hand: the macros are not imported.
                if status & 0x7f == 0 {
                    continuation.resume(returning: (status >> 8) & 0xff)
                } else {
                    continuation.resume(returning: 128 + (status & 0x7f))
                }
            }.start()
        }
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
