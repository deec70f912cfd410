import Foundation
import PromptGateModel
import TestKit
import Testing

/// The gate record: what it holds, that it carries no secret, and that `promote --evidence`
/// trusts a copied record but never a missing, corrupt or edited one.
@Suite struct GateRecordTests {
    static let suites = [
        "s": GateTests.suite("s", [.init(id: "ok1"), .init(id: "ok2")]),
        "t": GateTests.suite("t", [.init(id: "ok3")]),
    ]

    static func passedProject(_ server: FakeModelServer) async throws -> TempProject {
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 0\ncritical_tags: [billing]", suites: suites)
        let gate = try await GateTests.gate(project)
        #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
        return project
    }

    @Test func recordHoldsEveryInputDigestAndNoSecret() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        let text = try #require(project.read(".promptgate/gates/1.json"))
        let record = try E2EProject.json(text)
        #expect(record["format"] as? String == "promptgate-gate/1")
        #expect(record["id"] as? Int == 1 && record["decision"] as? String == "pass")
        #expect((record["reasons"] as? [String]) == [])
        let policy = try #require(record["policy"] as? [String: Any])
        let global = try #require(policy["project"] as? [String: Any])
        #expect(global["max_regressions"] as? Int == 0)
        #expect(global["critical_tags"] as? [String] == ["billing"])
        #expect((record["policy_sha256"] as? String)?.count == 64)

        let base = try #require(record["base"] as? [String: Any])
        let candidate = try #require(record["candidate"] as? [String: Any])
        #expect(base["ref"] as? String == "bot@1" && candidate["ref"] as? String == "bot@2")
        let runIDs = Set([base["run_id"] as? Int, candidate["run_id"] as? Int])
        #expect(runIDs == [1, 2], "both runs: \(runIDs)")
        let v1 = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        let v2 = try GateTests.sha256(project, "prompts/bot/v2.yaml")
        #expect((base["prompt"] as? [String: Any])?["sha256"] as? String == v1)
        #expect((candidate["prompt"] as? [String: Any])?["sha256"] as? String == v2)
        let provider = try #require(candidate["provider"] as? [String: Any])
        #expect(provider["name"] as? String == "fake")
        #expect((provider["config"] as? String)?.contains(server.baseURL) == true, "\(provider)")

        var inputs: [String: String] = [:]
        for entry in record["inputs"] as? [[String: String]] ?? [] {
            inputs[entry["path"] ?? ""] = entry["sha256"]
        }
        #expect(
            inputs == [
                "prompts/bot/v1.yaml": v1, "prompts/bot/v2.yaml": v2,
                "suites/s.yaml": try GateTests.sha256(project, "suites/s.yaml"),
                "suites/t.yaml": try GateTests.sha256(project, "suites/t.yaml"),
            ])
        let version = try await GateTests.run(["--version"], in: project)
        #expect(version.stdout == "promptgate \(record["promptgate_version"] as? String ?? "?")\n")
        #expect((record["record_sha256"] as? String)?.count == 64)

        let secret = E2EProject.env["OPENAI_API_KEY"] ?? "?"
        for (path, data) in project.allFiles() {
            #expect(
                data.range(of: Data(secret.utf8)) == nil, "\(path) holds the API key")
        }
        #expect(
            project.allFiles().contains { $0.0.hasPrefix(".promptgate/") && $0.0.hasSuffix(".db") },
            "the store was scanned too")
    }

    @Test func aCopiedRecordFromCIIsEvidence() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        // CI ran the gate; here only its artifact exists, no local store.
        let artifact = try #require(project.read(".promptgate/gates/1.json"))
        try FileManager.default.removeItem(atPath: project.path(".promptgate"))
        try project.write("ci-artifacts/gate.json", artifact)
        let withoutEvidence = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary"], in: project)
        #expect(withoutEvidence.status == 1 && withoutEvidence.stderr.contains("no gate on record"))

        let promote = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--evidence", "ci-artifacts/gate.json"],
            in: project)
        #expect(promote.status == 0, "\(promote.stderr)")
        #expect(try ReleaseManifest.load(prompt: "bot", root: project.root)?.canary?.gate == "1")

        // The record vouches for bot@2 only.
        let other = try await GateTests.run(
            ["promote", "bot@1", "--to", "canary", "--evidence", "ci-artifacts/gate.json"],
            in: project)
        #expect(other.status == 1)
        #expect(other.stderr == "refused: gate 1 is for bot@2, not bot@1\n")
    }

    @Test func missingCorruptOrEditedRecordsAreRefused() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        let original = try #require(project.read(".promptgate/gates/1.json"))
        func promote(_ evidence: String) async throws -> CLIProcess.Result {
            try await GateTests.run(
                ["promote", "bot@2", "--to", "canary", "--evidence", evidence], in: project)
        }

        let missing = try await promote("ci/nope.json")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--evidence \(project.path("ci/nope.json")): no such file"))

        try project.write("ci/truncated.json", String(original.prefix(original.count / 2)))
        let truncated = try await promote("ci/truncated.json")
        #expect(truncated.status == 1, "\(truncated.stderr)")
        #expect(
            truncated.stderr.contains(
                "ci/truncated.json is not a gate record (not a JSON object); re-run the gate"),
            "\(truncated.stderr)")

        let v2 = try GateTests.sha256(project, "prompts/bot/v2.yaml")
        let forgedDigest = original.replacingOccurrences(
            of: v2, with: String(repeating: "0", count: 64))
        #expect(forgedDigest != original)
        try project.write("ci/digest.json", forgedDigest)
        let digest = try await promote("ci/digest.json")
        #expect(digest.status == 1)
        #expect(
            digest.stderr.contains(
                "ci/digest.json was edited or is corrupt: its content no longer matches its record_sha256; re-run the gate"
            ), "\(digest.stderr)")

        try project.write("ci/empty.json", "{}")
        let empty = try await promote("ci/empty.json")
        #expect(
            empty.status == 1 && empty.stderr.contains("is not a promptgate-gate/1 gate record"))
        #expect(project.read("prompts/bot/release.yaml") == nil, "none of them promoted anything")
    }

    @Test func aBlockedRecordEditedToPassIsRefused() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 0",
            suites: ["s": GateTests.suite("s", [.init(id: "reg1"), .init(id: "ok1")])])
        let gate = try await GateTests.gate(project)
        #expect(gate.status == 1)
        let original = try #require(project.read(".promptgate/gates/1.json"))
        #expect(original.contains("\"decision\" : \"blocked\""))
        let forged = original.replacingOccurrences(
            of: "\"decision\" : \"blocked\"", with: "\"decision\" : \"pass\"")
        try project.write("forged.json", forged)
        let promote = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--evidence", "forged.json"], in: project)
        #expect(promote.status == 1)
        #expect(
            promote.stderr.contains("forged.json was edited or is corrupt"), "\(promote.stderr)")
        // The unedited blocked record is read, and refused for what it says.
        let honest = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--evidence", ".promptgate/gates/1.json"],
            in: project)
        #expect(honest.status == 1)
        #expect(
            honest.stderr
                == "refused: gate 1 blocked bot@2 (1 regression (at most 0 allowed): reg1); it cannot promote it\n"
        )
        #expect(project.read("prompts/bot/release.yaml") == nil)
    }
}
