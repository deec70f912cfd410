import Foundation
import TestKit
import Testing

/// The command line as a user meets it: the examples, help, typos and broken files.
@Suite struct CLITests {
    @Test func validateTheExampleProject() async throws {
        let result = try await CLIProcess.run(["validate"], in: TempProject.repositoryRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: 2 prompts (5 versions), 5 suites"), "\(result.stdout)")
    }

    @Test func versionHelpAndTypos() async throws {
        let dir = NSTemporaryDirectory()
        let version = try await CLIProcess.run(["--version"], in: dir)
        #expect(version.status == 0 && version.stdout.hasPrefix("promptgate "))
        let help = try await CLIProcess.run(["help", "run"], in: dir)
        #expect(
            help.status == 0 && help.stdout.contains("USAGE: promptgate run --prompt ID@VERSION"))
        let commandHelp = try await CLIProcess.run(["validate", "--help"], in: dir)
        #expect(commandHelp.status == 0 && commandHelp.stdout.contains("--format"))
        let typo = try await CLIProcess.run(["valdate"], in: dir)
        #expect(typo.status == 2)
        #expect(
            typo.stderr
                == "error: unknown command 'valdate'\ndid you mean 'validate'? Run 'promptgate help' for the commands.\n"
        )
        let flag = try await CLIProcess.run(["validate", "--formt", "json"], in: dir)
        #expect(flag.status == 2 && flag.stderr.contains("did you mean '--format'?"))
        let badValue = try await CLIProcess.run(["validate", "--format", "jsn"], in: dir)
        #expect(
            badValue.status == 2 && badValue.stderr.contains("did you mean 'json'?"),
            "\(badValue.stderr)")
    }

    @Test func noArgumentsPrintsUsageOnStderrAndExitsTwo() async throws {
        let dir = NSTemporaryDirectory()
        let bare = try await CLIProcess.run([], in: dir)
        #expect(bare.status == 2)
        #expect(bare.stdout == "")
        #expect(bare.stderr.contains("USAGE: promptgate [--root DIR] [--no-color] COMMAND"))
        #expect(bare.stderr.contains("\n  validate "), "the command list: \(bare.stderr)")
        for args in [["help"], ["--help"], ["-h"]] {
            let help = try await CLIProcess.run(args, in: dir)
            #expect(help.status == 0, "\(args)")
            #expect(help.stderr == "", "\(args)")
            #expect(help.stdout == bare.stderr, "\(args): the same usage, on stdout")
        }
    }

    @Test func noProjectIsAUsageError() async throws {
        let empty = try TempProject(files: ["README": "x"])
        let result = try await CLIProcess.run(["validate"], in: empty.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no promptgate.yaml found"), "\(result.stderr)")
        let root = try await CLIProcess.run(["validate", "--root", "/nonexistent"], in: empty.root)
        #expect(root.status == 2 && root.stderr.contains("--root /nonexistent"))
    }

    @Test func brokenYAMLShowsLineAndCaret() async throws {
        let project = try TempProject(files: [
            "promptgate.yaml": "providers:\n  p: { type: openai, model: m }\n",
            "prompts/x/v1.yaml":
                "id: x\nversion: \"1\"\nmessages:\n  - { role: user, content: \"hi\" }\n",
            "suites/a.yaml": "suite: a\nprompt: x\ncases:\n  - id: 'unclosed\n",
        ])
        let result = try await CLIProcess.run(["validate"], in: project.root)
        #expect(result.status == 2)
        #expect(result.stdout.contains("suites/a.yaml:"), "\(result.stdout)")
        #expect(result.stdout.contains("^"), "caret under the column: \(result.stdout)")
        let json = try await CLIProcess.run(["validate", "--format", "json"], in: project.root)
        #expect(json.status == 2)
        let object = try E2EProject.json(json.stdout)
        let first = (object["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["file"] as? String == "suites/a.yaml")
        #expect((first?["line"] as? Int ?? 0) >= 4)
    }
}
