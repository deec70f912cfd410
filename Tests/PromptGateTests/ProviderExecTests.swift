import Foundation
import Glibc
import Providers
import TestKit
import Testing

/// The exec provider: the request on stdin, the output from stdout, and every way a
/// command fails. Scripts are /bin/sh files in a temporary directory.
@Suite struct ProviderExecTests {
    /// A temporary project root holding executable scripts.
    final class Scripts: Sendable {
        let root: String

        init(_ scripts: [String: String]) throws {
            root = NSTemporaryDirectory() + "pg-exec-\(UUID().uuidString)"
            try FileManager.default.createDirectory(
                atPath: root + "/bin", withIntermediateDirectories: true)
            for (name, body) in scripts {
                try Self.writeExecutable(root + "/bin/" + name, "#!/bin/sh\n" + body + "\n")
            }
        }

        /// Writes through a close-on-exec descriptor: a process another test spawns meanwhile
        /// must not inherit it, or exec'ing the script fails with ETXTBSY while that one lives
        /// (Foundation's `Data.write` does not set O_CLOEXEC).
        static func writeExecutable(_ path: String, _ text: String) throws {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            guard fd >= 0 else { throw StubError("cannot write \(path)") }
            defer { close(fd) }
            let bytes = Array(text.utf8)
            guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count
            else { throw StubError("short write to \(path)") }
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func provider(
            _ command: String, args: [String] = [], output: String? = nil, timeout: Double = 10
        ) throws -> ExecProvider {
            try ExecProvider(
                name: "app",
                config: ProviderConfig(
                    type: "exec", timeout: timeout, output: output, command: command, args: args,
                    env: ["GREETING"]),
                environment: ["PATH": "/usr/bin:/bin", "GREETING": "hey"], root: root)
        }
    }

    static let request = ProviderFixture.request(
        type: "exec", baseURL: "bin/echo.sh", params: ModelParams(temperature: 0, maxTokens: 9))

    static func commandError(_ provider: ExecProvider) async -> String {
        let error = await ProviderFixture.providerError {
            _ = try await provider.complete(Self.request)
        }
        guard case .command(let message) = error else {
            return "not a command error: \(String(describing: error))"
        }
        return message
    }

    @Test func passesTheRequestAsJSONOnStdinAndReadsStdout() async throws {
        let scripts = try Scripts(["echo.sh": "cat; echo; echo \"$1 $GREETING $(pwd)\""])
        let provider = try scripts.provider("bin/echo.sh", args: ["one arg"])
        #expect(provider.executable == scripts.root + "/bin/echo.sh")
        let response = try await provider.complete(Self.request)
        let lines = response.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2, "trailing newline dropped: \(response.text)")
        let input = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(input.keys) == ["model", "messages", "params"])
        #expect(input["model"] as? String == "m-1")
        #expect(
            input["messages"] as? [[String: String]] == [
                ["role": "system", "content": "Be brief."],
                ["role": "user", "content": "Hi \"there\""],
            ])
        let params = try #require(input["params"] as? [String: Any])
        #expect(params["temperature"] as? Int == 0 && params["max_tokens"] as? Int == 9)
        let realRoot = URL(fileURLWithPath: scripts.root).resolvingSymlinksInPath().path
        #expect(lines[1] == "one arg hey \(realRoot)" || lines[1] == "one arg hey \(scripts.root)")
        #expect(response.latencyMs > 0)
    }

    @Test func theCommandGetsOnlyTheBaseAndTheNamedVariables() async throws {
        let scripts = try Scripts(["env.sh": "cat >/dev/null; env | sort"])
        let provider = try ExecProvider(
            name: "app",
            config: ProviderConfig(
                type: "exec", timeout: 10, command: "bin/env.sh", env: ["APP_TOKEN"]),
            environment: [
                "PATH": "/usr/bin:/bin", "HOME": "/tmp", "LC_ALL": "C", "APP_TOKEN": "tok-1",
                "OPENAI_API_KEY": "sk-not-for-children", "UNRELATED": "x",
            ], root: scripts.root)
        let lines = try await provider.complete(Self.request).text.split(separator: "\n")
        let names = Set(lines.compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(names.isSuperset(of: ["PATH", "HOME", "LC_ALL", "APP_TOKEN"]), "\(lines)")
        #expect(!names.contains("OPENAI_API_KEY") && !names.contains("UNRELATED"), "\(lines)")
        #expect(lines.contains("APP_TOKEN=tok-1"))
    }

    @Test func jsonOutputWithUsage() async throws {
        let scripts = try Scripts([
            "j.sh":
                #"cat >/dev/null; printf '{"output": "done", "finish_reason": "stop", "usage": {"prompt_tokens": 4, "completion_tokens": 2}}'"#
        ])
        let response = try await scripts.provider("bin/j.sh", output: "json").complete(Self.request)
        #expect(response.text == "done" && response.finishReason == "stop")
        #expect(response.promptTokens == 4 && response.completionTokens == 2)
    }

    @Test func nonZeroExitQuotesStderr() async throws {
        let scripts = try Scripts(["fail.sh": "cat >/dev/null; echo 'db unreachable' >&2; exit 3"])
        let message = await Self.commandError(try scripts.provider("bin/fail.sh"))
        #expect(message == "command 'bin/fail.sh' exited with status 3: stderr: db unreachable")
    }

    @Test func timeoutKillsTheCommandAndItsChildren() async throws {
        let pidFile = NSTemporaryDirectory() + "pg-exec-pid-\(UUID().uuidString)"
        defer { unlink(pidFile) }
        // The background `sleep` holds stdout open; it must die with the shell.
        let scripts = try Scripts(["slow.sh": "sleep 600 & echo $! > \(pidFile); wait"])
        let started = Date()
        let message = await Self.commandError(try scripts.provider("bin/slow.sh", timeout: 0.5))
        #expect(message == "command 'bin/slow.sh' timed out after 0.5 s and was killed")
        // Waiting for the orphan `sleep` would take 600 s. The bound is far from both that and
        // a correct run, which takes as long as the parallel suite lets it (80 s seen on two
        // cores), so it fails only when the implementation is wrong.
        #expect(Date().timeIntervalSince(started) < 300)
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let child = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<200 where alive {
            alive = kill(child, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(!alive, "the script's sleep was killed with it")
    }

    @Test func badJSONOutputAndPathMissesAreErrors() async throws {
        let scripts = try Scripts([
            "text.sh": "cat >/dev/null; echo 'plain words'",
            "other.sh": #"cat >/dev/null; echo '{"answer": 1}'"#,
        ])
        let notJSON = await Self.commandError(try scripts.provider("bin/text.sh", output: "json"))
        #expect(
            notJSON
                == "command 'bin/text.sh' printed output that is not JSON (output: json): plain words"
        )
        let miss = await Self.commandError(try scripts.provider("bin/other.sh", output: "json"))
        #expect(
            miss
                == #"command 'bin/other.sh' output: $.output does not resolve: no key 'output' in the object at $ (keys: answer): {"answer": 1}"#
        )
        let number = await Self.commandError(
            try scripts.provider("bin/other.sh", output: "$.answer"))
        #expect(
            number
                == #"command 'bin/other.sh' output: $.answer is a scalar, not a string: {"answer": 1}"#
        )
    }

    @Test func missingCommandCannotStart() async throws {
        let scripts = try Scripts([:])
        let message = await Self.commandError(try scripts.provider("bin/nope"))
        #expect(
            message
                == "command '\(scripts.root)/bin/nope' could not start: No such file or directory")
    }

    @Test func bigInputAndOutputDoNotDeadlock() async throws {
        // `cat` writes back while we are still writing: both pipes must be served at once.
        let scripts = try Scripts(["cat.sh": "exec cat"])
        let big = String(repeating: "x", count: 2_000_000)
        let request = ProviderFixture.request(
            type: "exec", baseURL: "", messages: [ChatMessage(role: "user", content: big)])
        let response = try await scripts.provider("bin/cat.sh", timeout: 20).complete(request)
        #expect(response.text.count > 2_000_000 && response.text.contains(big))
    }

    @Test func concurrentCommandsDoNotInheritEachOthersPipes() async throws {
        let scripts = try Scripts(["cat.sh": "exec cat"])
        // A leaked stdin keeps `cat` waiting until the 600 s timeout: an error, and far past
        // the bound below, which a correct run under a loaded parallel suite stays well within.
        let provider = try scripts.provider("bin/cat.sh", timeout: 600)
        let started = Date()
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let request = ProviderFixture.request(
                        type: "exec", baseURL: "",
                        messages: [ChatMessage(role: "user", content: "n\(i)")])
                    return try await provider.complete(request).text
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(texts.count == 16)
        for i in 0..<16 { #expect(texts.contains { $0.contains("\"n\(i)\"") }) }
        #expect(
            Date().timeIntervalSince(started) < 300,
            "a leaked stdin keeps cat waiting until timeout"
        )
    }

    @Test func cancellationKillsTheCommand() async throws {
        // Not killed, it would run (and the result wait) until the 600 s timeout.
        let scripts = try Scripts(["hang.sh": "sleep 600"])
        let provider = try scripts.provider("bin/hang.sh", timeout: 600)
        let started = Date()
        let task = Task { try await provider.complete(Self.request) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(Date().timeIntervalSince(started) < 300)
    }
}
