import Foundation
import TestKit
import Testing

/// `promptgate schema KIND` through the binary, and the schemas checked by an independent
/// validator (Python's jsonschema, draft 2020-12, over PyYAML): every example file and every
/// file `init` writes validates; an unknown key fails the schema as it fails `validate`.
/// The Python tests are skipped (and listed as skipped) without jsonschema: `make test-tools`.
@Suite struct SchemaCLITests {
    static let repo = TempProject.repositoryRoot
    static let script = repo + "/scripts/validate-schemas.py"

    private func validate(_ arguments: [String]) async throws -> CLIProcess.Result {
        let python = try #require(PythonTools.python)
        return try await CLIProcess.runProgram(
            python, [Self.script, Self.repo + "/schemas"] + arguments, in: Self.repo)
    }

    @Test func schemaPrintsTheCommittedFile() async throws {
        for kind in ["config", "prompt", "suite", "release"] {
            let result = try await CLIProcess.run(["schema", kind], in: Self.repo)
            #expect(result.status == 0, "\(result.stderr)")
            let committed = try String(
                contentsOfFile: "\(Self.repo)/schemas/\(kind).schema.json", encoding: .utf8)
            #expect(result.stdout == committed, "schemas/\(kind).schema.json")
        }
    }

    @Test func aTypoedKindIsAUsageErrorWithASuggestion() async throws {
        let result = try await CLIProcess.run(["schema", "sute"], in: Self.repo)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown schema 'sute'"))
        #expect(result.stderr.contains("did you mean 'suite'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test(.enabled(if: PythonTools.available, "needs python3 with jsonschema: make test-tools"))
    func theExampleProjectValidates() async throws {
        let result = try await validate([Self.repo])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // Every kind was checked, none skipped.
        for kind in ["config", "prompt", "suite", "release"] {
            #expect(result.stdout.contains("ok \(kind) "), "\(kind): \(result.stdout)")
        }
    }

    @Test(
        .enabled(if: PythonTools.available, "needs python3 with jsonschema: make test-tools"),
        arguments: ["openai", "anthropic", "ollama", "local"])
    func everyInitProjectValidates(_ provider: String) async throws {
        let project = try TempProject(files: [:])
        let made = try await CLIProcess.run(
            ["init", "--provider", provider, "--prompt", "support"], in: project.root)
        #expect(made.status == 0, "\(made.stderr)")
        for file in ["promptgate.yaml", "prompts/support/v1.yaml", "suites/support.yaml"] {
            let text = try #require(project.read(file))
            #expect(text.hasPrefix("# yaml-language-server: $schema="), "\(file)")
        }
        // The modelines point at the schemas init wrote.
        #expect(project.read("schemas/suite.schema.json") != nil)
        #expect(
            project.read("suites/support.yaml")?.hasPrefix(
                "# yaml-language-server: $schema=../schemas/suite.schema.json\n") == true)
        let result = try await validate([project.root])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok suite "))
    }

    @Test(.enabled(if: PythonTools.available, "needs python3 with jsonschema: make test-tools"))
    func anUnknownKeyFailsTheSchemaAndValidate() async throws {
        let project = try TempProject(files: [:])
        _ = try await CLIProcess.run(["init", "--provider", "local"], in: project.root)
        let suite = try #require(project.read("suites/assistant.yaml"))
        try project.write(
            "suites/assistant.yaml",
            suite.replacingOccurrences(
                of: "  - id: capital\n", with: "  - id: capital\n    tgas: [x]\n"))
        let schema = try await validate([project.root])
        #expect(schema.status == 1)
        #expect(schema.stdout.contains("'tgas' was unexpected"), "\(schema.stdout)")
        let validate = try await CLIProcess.run(["validate"], in: project.root)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains("unknown key 'tgas'"), "\(validate.stderr)")
    }
}
