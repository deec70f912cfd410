import Foundation
import TestKit
import Testing
import YAMLCoding

/// The GitHub Action (action.yml): its steps run in order by scripts/run-action-locally.sh
/// the way Actions runs them (inputs as INPUT_*, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY), on a
/// copy of the example project; a 4-way sharded run (4 shard processes, merge, gate) equals
/// the unsharded gate; and action.yml and the example workflow use only the inputs, outputs
/// and step ids they define.
@Suite struct GitHubActionTests {
    static let repo = TempProject.repositoryRoot

    private func exampleCopy() throws -> TempProject {
        let project = try TempProject(files: [:])
        for item in ["promptgate.yaml", "prompts", "suites", "schemas"] {
            try FileManager.default.copyItem(
                atPath: "\(Self.repo)/\(item)", toPath: project.path(item))
        }
        return project
    }

    private func runAction(_ project: TempProject, _ extra: [String] = []) async throws
        -> (CLIProcess.Result, [String: String])
    {
        let bin = try #require(CLIProcess.binaryPath())
        let result = try await CLIProcess.runProgram(
            "/bin/bash", ["\(Self.repo)/scripts/run-action-locally.sh", project.root] + extra,
            in: project.root,
            environment: [
                "PROMPTGATE_BIN": bin, "INPUT_CANDIDATE": "support@1.3", "INPUT_MODE": "offline",
            ],
            timeout: 600)
        var outputs: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { outputs[parts[0]] = parts[1] }
        }
        return (result, outputs)
    }

    @Test func theStepsGateTheExampleAndReportAsActionsWould() async throws {
        let project = try exampleCopy()
        let (result, outputs) = try await runAction(project)
        // The example's 1.3 regresses billing cases: the gate blocks, the job fails with 1.
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(outputs["decision"] == "blocked")
        #expect(outputs["verdict"] == "inconclusive")
        #expect(outputs["regressions"] == "5")
        #expect(outputs["record"] == project.path("promptgate-report/gate-record.json"))
        #expect(Int(outputs["summary_lines"] ?? "0") ?? 0 > 10, "the job summary has the report")
        #expect(result.stdout.contains("::error::the gate blocked support@1.3"))
        let record = try E2EProject.json(
            try #require(project.read("promptgate-report/gate-record.json")))
        #expect(record["decision"] as? String == "blocked")
        let markdown = try #require(project.read("promptgate-report/gate.md"))
        #expect(markdown.contains("Prompt changes"))
        #expect(
            project.read("promptgate-report/compare.html")?.hasPrefix("<!doctype html>") == true)
    }

    /// Without a `candidate` input, `resolve` gates the newest prompt version the pull
    /// request added or changed (git diff against origin/<base branch>), against production;
    /// a pull request that touches no prompt version is skipped.
    @Test func resolveFindsTheVersionThePullRequestAdded() async throws {
        let origin = try exampleCopy()
        try FileManager.default.removeItem(atPath: origin.path("prompts/support/v1.3.yaml"))
        func git(_ args: [String], in dir: String) async throws {
            let r = try await CLIProcess.runProgram(
                "/usr/bin/env",
                ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args, in: dir,
                environment: ["HOME": dir], timeout: 60)
            #expect(r.status == 0, "git \(args): \(r.stderr)")
        }
        try await git(["init", "-q", "-b", "main"], in: origin.root)
        try await git(["add", "-A"], in: origin.root)
        try await git(["commit", "-qm", "base"], in: origin.root)
        let clone = try TempProject(files: [:])
        try await git(["clone", "-q", origin.root, clone.path("repo")], in: clone.root)
        let repo = clone.path("repo")

        func resolve() async throws -> [String: String] {
            let output = clone.path("out.txt")
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            let r = try await CLIProcess.runProgram(
                "/bin/bash", ["\(Self.repo)/scripts/action/steps.sh", "resolve"], in: repo,
                environment: [
                    "GITHUB_OUTPUT": output, "GITHUB_BASE_REF": "main",
                    "PROMPTGATE_OUT": clone.path("report"),
                ], timeout: 60)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            var outputs: [String: String] = [:]
            for line in (try String(contentsOfFile: output, encoding: .utf8)).split(separator: "\n")
            {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { outputs[parts[0]] = parts[1] }
            }
            return outputs
        }
        #expect(try await resolve()["skip"] == "true", "no prompt version changed yet")

        try FileManager.default.copyItem(
            atPath: "\(Self.repo)/prompts/support/v1.3.yaml",
            toPath: "\(repo)/prompts/support/v1.3.yaml")
        try await git(["add", "-A"], in: repo)
        try await git(["commit", "-qm", "v1.3"], in: repo)
        let outputs = try await resolve()
        #expect(outputs["skip"] == "false")
        #expect(outputs["prompt"] == "support")
        #expect(outputs["candidate"] == "support@1.3")
        #expect(outputs["base"] == "support@production")
    }

    @Test func fourShardsMergedGateLikeOneRunner() async throws {
        let whole = try exampleCopy()
        let (_, unsharded) = try await runAction(whole)
        let parts = try exampleCopy()
        let (result, sharded) = try await runAction(parts, ["--shards", "4"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("merged 4 shards into run 1 (39 results)"))
        #expect(result.stderr.contains("merged 4 shards into run 2 (39 results)"))
        for key in ["decision", "verdict", "regressions"] {
            #expect(sharded[key] == unsharded[key], "\(key)")
            #expect(sharded[key] != nil)
        }
        // The gate used the merged runs (1 and 2), not new ones.
        let record = try E2EProject.json(
            try #require(parts.read("promptgate-report/gate-record.json")))
        #expect("\(record)".contains("run"), "\(record)")
        let gate = try E2EProject.json(try #require(parts.read("promptgate-report/gate.json")))
        let comparison = gate["comparison"] as? [String: Any] ?? [:]
        #expect(comparison["baseline_run"] as? Int == 1)
        #expect(comparison["candidate_run"] as? Int == 2)
    }

    // MARK: - action.yml and the example workflow agree with themselves

    static func yaml(_ path: String) throws -> YAMLNode {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(repo)/\(path)")))
        return try #require(try YAMLParser.parse(bytes, file: path))
    }

    static func keys(_ node: YAMLNode?) -> Set<String> {
        guard case .mapping(let entries, _)? = node else { return [] }
        return Set(entries.compactMap(\.key.scalarValue))
    }

    static func matches(_ pattern: some RegexComponent<(Substring, Substring)>, in text: String)
        -> Set<String>
    {
        Set(text.matches(of: pattern).map { String($0.output.1) })
    }

    @Test func actionYmlUsesOnlyWhatItDefines() throws {
        let action = try Self.yaml("action.yml")
        let text = try String(contentsOfFile: "\(Self.repo)/action.yml", encoding: .utf8)
        let inputs = Self.keys(action["inputs"])
        #expect(
            inputs.isSuperset(of: [
                "prompt", "base", "candidate", "mode", "comment", "working-directory", "shard",
                "merge",
            ]))
        #expect(Self.keys(action["outputs"]) == ["decision", "record", "regressions", "verdict"])
        #expect(Self.matches(/inputs\.([a-z-]+)/, in: text).isSubset(of: inputs))

        guard case .sequence(let steps, _)? = action["runs"]?["steps"] else {
            Issue.record("runs.steps is not a list")
            return
        }
        let ids = steps.compactMap { $0["id"]?.scalarValue }
        #expect(ids.count == steps.count, "every step has an id")
        #expect(Set(ids).count == ids.count, "step ids are unique")
        #expect(Self.matches(/steps\.([a-z-]+)\.outputs/, in: text).isSubset(of: Set(ids)))
        // Each steps.ID.outputs.KEY is written: by steps.sh's `out KEY` or actions/cache.
        let script = try String(
            contentsOfFile: "\(Self.repo)/scripts/action/steps.sh", encoding: .utf8)
        var written = Self.matches(#/\bout ([a-z_-]+) /#, in: script)
        written.formUnion(Self.matches(#/print\(f"([a-z_]+)=/#, in: script))
        written.insert("cache-hit")
        #expect(Self.matches(/steps\.[a-z-]+\.outputs\.([a-z_-]+)/, in: text).isSubset(of: written))
        // Every step's subcommand exists in steps.sh.
        let subcommands = Self.matches(/steps\.sh" ([a-z]+)/, in: text)
        for name in subcommands { #expect(script.contains("\n  \(name))"), "\(name)") }
    }

    @Test func theExampleWorkflowUsesOnlyTheActionsInputsAndOutputs() throws {
        let action = try Self.yaml("action.yml")
        let inputs = Self.keys(action["inputs"])
        let outputs = Self.keys(action["outputs"])
        let workflow = try Self.yaml("examples/ci/prompt-gate.yml")
        let text = try String(
            contentsOfFile: "\(Self.repo)/examples/ci/prompt-gate.yml", encoding: .utf8)
        var uses = 0
        guard case .mapping(let jobs, _)? = workflow["jobs"] else {
            Issue.record("no jobs")
            return
        }
        var stepIDs: Set<String> = []
        for job in jobs {
            guard case .sequence(let steps, _)? = job.value["steps"] else { continue }
            for step in steps {
                if let id = step["id"]?.scalarValue { stepIDs.insert(id) }
                guard step["uses"]?.scalarValue?.hasSuffix("/promptgate@v1") == true else {
                    continue
                }
                uses += 1
                #expect(Self.keys(step["with"]).isSubset(of: inputs), "\(Self.keys(step["with"]))")
            }
        }
        #expect(uses == 3, "the gate job, the shard matrix and the merge job")
        #expect(Self.matches(/steps\.([a-z-]+)\.outputs/, in: text).isSubset(of: stepIDs))
        #expect(
            Self.matches(/steps\.promptgate\.outputs\.([a-z_-]+)/, in: text).isSubset(of: outputs))
        #expect(text.contains("[\"1/4\", \"2/4\", \"3/4\", \"4/4\"]"))
    }
}
