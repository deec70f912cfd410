import Foundation
import TestKit
import Testing

/// `promptgate init` through the binary: the project it writes validates and runs, it never
/// overwrites without --force, every provider choice validates, and --from-feedback seeds
/// a suite that validates.
@Suite struct InitCLITests {
    static let written = [
        "promptgate.yaml", "prompts/assistant/v1.yaml", "suites/assistant.yaml", ".gitignore",
        ".github/workflows/promptgate.yml", "schemas/config.schema.json",
        "schemas/prompt.schema.json", "schemas/suite.schema.json", "schemas/release.schema.json",
    ]

    private func run(
        _ args: [String], in project: TempProject,
        environment: [String: String] = E2EProject.env
    ) async throws -> CLIProcess.Result {
        try await CLIProcess.run(args, in: project.root, environment: environment, timeout: 120)
    }

    /// Every file below the project's root, relative, sorted.
    private func files(_ project: TempProject) -> [String] {
        let manager = FileManager.default
        guard let e = manager.enumerator(atPath: project.root) else { return [] }
        var out: [String] = []
        while let path = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: project.path(path), isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                out.append(path)
            }
        }
        return out.sorted()
    }

    @Test func anEmptyFolderGetsAProjectThatValidatesAndRuns() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try TempProject(files: [:])
        let result = try await run(
            ["init", "--provider", "local", "--base-url", server.baseURL + "/v1"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(files(project) == Self.written.sorted())
        for path in Self.written {
            #expect(result.stdout.contains("  \(path) "), "\(path) not listed\n\(result.stdout)")
        }
        #expect(result.stdout.contains("promptgate validate\n"))
        #expect(result.stdout.contains("promptgate run --prompt assistant@1\n"))
        #expect(!result.stdout.contains("cd "), "no DIR given: no cd\n\(result.stdout)")
        #expect(project.read(".gitignore")?.contains("\n.promptgate/\n") == true)
        let config = try #require(project.read("promptgate.yaml"))
        #expect(config.contains("base_url: \(server.baseURL)/v1\n"))
        #expect(config.contains("# gate:\n#   min_pass_rate:"))

        let validate = try await run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("1 suite, 5 cases"), "\(validate.stdout)")

        // The fake server echoes: some assertions fail (exit 1), none is a provider error.
        let ran = try await run(
            ["run", "--prompt", "assistant@1", "--format", "json"], in: project)
        #expect(ran.status == 0 || ran.status == 1, "\(ran.stderr)")
        let summary = try E2EProject.json(ran.stdout)["summary"] as? [String: Any]
        #expect(summary?["total"] as? Int == 5, "\(ran.stdout)")
        #expect(summary?["errors"] as? Int == 0, "\(ran.stdout)")
        #expect(try await server.stats()["requests"] as? Int == 5)
    }

    @Test func aMissingDirIsCreatedAndTheNextStepsCdIntoIt() async throws {
        let project = try TempProject(files: [:])
        let result = try await run(["init", "new/app", "--prompt", "support"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("wrote a promptgate project in new/app:\n"))
        #expect(result.stdout.contains("\n  cd new/app\n"))
        #expect(result.stdout.contains("export OPENAI_API_KEY="))
        #expect(result.stdout.contains("promptgate run --prompt support@1\n"))
        #expect(
            project.read("new/app/prompts/support/v1.yaml")?.hasPrefix(
                "# yaml-language-server: $schema=../../schemas/prompt.schema.json\nid: support\n"
            ) == true)
        #expect(project.read("new/app/suites/support.yaml")?.contains("prompt: support\n") == true)
        let validate = try await run(["validate", "--root", "new/app"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }

    @Test func existingFilesAreListedAndNothingIsWrittenUnlessForced() async throws {
        let project = try TempProject(files: [
            "promptgate.yaml": "# mine\n",
            "suites/assistant.yaml": "# mine too\n",
            ".gitignore": "node_modules/\n",
            "README.md": "not init's\n",
        ])
        let before = files(project)
        let refused = try await run(["init"], in: project)
        #expect(refused.status == 2)
        #expect(refused.stdout == "")
        #expect(
            refused.stderr.contains(
                "error: this folder already has 3 of the files init writes; nothing was written:\n"
                    + "  promptgate.yaml\n  suites/assistant.yaml\n  .gitignore\n"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(files(project) == before)
        #expect(project.read("promptgate.yaml") == "# mine\n")

        // A folder where init needs one is listed too; the files under it cannot exist.
        let blocked = try TempProject(files: ["prompts": "a file\n"])
        let refusedAgain = try await run(["init"], in: blocked)
        #expect(refusedAgain.status == 2)
        #expect(
            refusedAgain.stderr.contains(
                "already has 1 of the files init writes; nothing was written:\n  prompts\n"),
            "\(refusedAgain.stderr)")

        let forced = try await run(["init", "--force"], in: project)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("promptgate.yaml "))
        #expect(forced.stdout.contains("(overwritten)"))
        #expect(project.read("promptgate.yaml")?.contains("providers:") == true)
        #expect(project.read(".gitignore") == "node_modules/\n.promptgate/\n")
        #expect(forced.stdout.contains(".gitignore "))
        #expect(forced.stdout.contains("(.promptgate/ added)"), "\(forced.stdout)")
        #expect(project.read("README.md") == "not init's\n")
        let validate = try await run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")

        // Forcing again keeps .gitignore as it is: the line is there.
        #expect(try await run(["init", "--force"], in: project).status == 0)
        #expect(project.read(".gitignore") == "node_modules/\n.promptgate/\n")
    }

    @Test(arguments: [
        ("openai", "OPENAI_API_KEY"), ("anthropic", "ANTHROPIC_API_KEY"), ("ollama", nil),
        ("local", nil),
    ])
    func everyProviderValidatesWithoutItsKey(provider: String, key: String?) async throws {
        let project = try TempProject(files: [:])
        let result = try await run(["init", "--provider", provider], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let config = try #require(project.read("promptgate.yaml"))
        #expect(config.contains("  \(provider):\n"))
        #expect(config.contains("defaults:\n  provider: \(provider)\n"))
        if let key {
            #expect(config.contains("api_key_env: \(key)"))
            #expect(result.stdout.contains("export \(key)="))
        } else {
            #expect(!config.contains("api_key_env:"))
            #expect(!result.stdout.contains("export "))
        }
        // CLIProcess passes only PATH, HOME and NO_COLOR: no key is set.
        let validate = try await run(["validate"], in: project, environment: [:])
        #expect(validate.status == 0, "\(provider): \(validate.stdout)\(validate.stderr)")
    }

    @Test func fromFeedbackSeedsASuiteThatValidates() async throws {
        let project = try TempProject(files: [:])
        let export = FeedbackImportCLITests.data + "/feedback-sample.jsonl"
        let result = try await run(["init", "--from-feedback", export], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let suite = try #require(project.read("suites/assistant.yaml"))
        #expect(
            suite.hasPrefix(
                "# yaml-language-server: $schema=../schemas/suite.schema.json\n"
                    + "suite: assistant\nprompt: assistant\n"))
        #expect(suite.contains("feedback_id:") && suite.contains("type: not-equals"))
        let cases = suite.components(separatedBy: "\n- id: ").count - 1
        #expect(cases > 5, "\(suite)")
        #expect(result.stdout.contains("suites/assistant.yaml"))
        #expect(result.stdout.contains("\(cases) cases from"), "\(result.stdout)")
        // The export went into a temporary store, not the project's.
        #expect(!FileManager.default.fileExists(atPath: project.path(".promptgate")))
        let validate = try await run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("\(cases) cases"), "\(validate.stdout)")

        let missing = try TempProject(files: [:])
        let bad = try await run(["init", "--from-feedback", "nope.jsonl"], in: missing)
        #expect(bad.status == 2 && bad.stderr.contains("nope.jsonl: no such file"))
        #expect(files(missing).isEmpty)
    }

    @Test func aProviderTypoIsAUsageErrorWithASuggestion() async throws {
        let project = try TempProject(files: [:])
        let result = try await run(["init", "--provider", "opena"], in: project)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "error: --provider takes one of openai, anthropic, ollama, local; got 'opena'"))
        #expect(result.stderr.contains("did you mean 'openai'?"))
        #expect(files(project).isEmpty)
        let prompt = try await run(["init", "--prompt", "my prompt"], in: project)
        #expect(prompt.status == 2 && prompt.stderr.contains("--prompt takes an id"))
        #expect(files(project).isEmpty)
    }
}
