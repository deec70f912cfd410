import Foundation
import Glibc
import TestKit
import Testing

/// `promptgate run` against an application behind the `exec` provider: a shell script that
/// answers from its stdin, run by the built binary.
@Suite struct ProviderExecRunTests {
    static let config = """
        providers:
          app:
            type: exec
            command: bin/answer.sh
            args: [--mode, test]
            model: support-app
            timeout: 5
        defaults: { provider: app, concurrency: 4 }

        """

    /// Replies from the request JSON on stdin; fails loudly on FAIL.
    static let script = """
        #!/bin/sh
        input=$(cat)
        case "$input" in
          *FAIL*) echo "backend down" >&2; exit 4 ;;
          *ping*) echo "pong ($1 $2)" ;;
          *) echo "I don't know" ;;
        esac

        """

    func project() throws -> TempProject {
        let suite = E2EProject.suite(
            "s",
            cases: [
                ("c-ping", "ping please", [#"{ type: equals, value: "pong (--mode test)" }"#]),
                ("c-other", "hello", [#"{ type: contains, value: pong }"#]),
                ("c-fail", "FAIL now", []),
            ])
        let ok = E2EProject.suite(
            "ok", cases: [("only", "ping", [#"{ type: contains, value: pong }"#])])
        let project = try TempProject(files: [
            "promptgate.yaml": Self.config, "prompts/bot/v1.0.yaml": E2EProject.prompt,
            "suites/s.yaml": suite, "suites/ok.yaml": ok,
        ])
        try FileManager.default.createDirectory(
            atPath: project.path("bin"), withIntermediateDirectories: true)
        try Self.writeExecutable(project.path("bin/answer.sh"), Self.script)
        return project
    }

    /// Writes through a close-on-exec descriptor, so a binary another test spawns meanwhile
    /// cannot keep the script open for writing (exec would fail with ETXTBSY).
    static func writeExecutable(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw TestSupportError("cannot write \(path)") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw TestSupportError("short write to \(path)")
        }
    }

    @Test func runsTheScriptPerCaseAndGradesItsOutput() async throws {
        let project = try project()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--suite", "s", "--format", "json"], in: project.root,
            timeout: 60)
        #expect(result.status == 3, "a failing command is an error: \(result.stderr)")
        let byID = E2EProject.cases(try E2EProject.json(result.stdout))
        #expect(byID["c-ping#0"]?["output"] as? String == "pong (--mode test)")
        #expect(byID["c-ping#0"]?["passed"] as? Bool == true)
        #expect(byID["c-other#0"]?["output"] as? String == "I don't know")
        #expect(byID["c-other#0"]?["passed"] as? Bool == false)
        #expect(byID["c-other#0"]?["error"] is NSNull)
        #expect(
            byID["c-fail#0"]?["error"] as? String
                == "command 'bin/answer.sh' exited with status 4: stderr: backend down")
        #expect(byID["c-fail#0"]?["passed"] as? Bool == false)
    }

    @Test func recordsAndReplaysOffline() async throws {
        let project = try project()
        let recorded = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--suite", "ok", "--record"], in: project.root,
            timeout: 60)
        #expect(recorded.status == 0, "\(recorded.stdout)\(recorded.stderr)")
        // Without the script, only the recording can answer.
        try FileManager.default.removeItem(atPath: project.path("bin/answer.sh"))
        let offline = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--suite", "ok", "--offline", "--format", "json"],
            in: project.root, timeout: 60)
        #expect(offline.status == 0, "\(offline.stdout)\(offline.stderr)")
        let byID = E2EProject.cases(try E2EProject.json(offline.stdout))
        #expect(byID["only#0"]?["output"] as? String == "pong (--mode test)")
    }
}
