import Foundation
import TestKit
import Testing

/// A gate vouches for exact bytes: one changed byte in any input after the gate makes
/// `promote` refuse, naming the file and both digests.
@Suite struct PromoteEvidenceTests {
    static let suites = [
        "s": GateTests.suite("s", [.init(id: "ok1"), .init(id: "ok2")]),
        "t": GateTests.suite("t", [.init(id: "ok3")]),
    ]

    static func passedProject(_ server: FakeModelServer, offline: Bool = false) async throws
        -> TempProject
    {
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 0", suites: suites)
        if offline {
            // One side at a time: each run merges its responses into the recordings.
            for version in ["bot@1", "bot@2"] {
                let record = try await GateTests.run(
                    ["run", "--prompt", version, "--record"], in: project)
                #expect(record.status == 0, "\(record.stderr)")
            }
        }
        let gate = try await GateTests.gate(project, offline ? ["--offline"] : [])
        #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.hasPrefix("PASS: "), "\(gate.stdout)")
        return project
    }

    /// Edits one byte of `path`, expects promote to refuse naming it, then restores the byte
    /// and expects promote to succeed: the refusal was about those bytes and nothing else.
    static func expectRefusal(
        _ project: TempProject, editing path: String, from: String, to: String
    ) async throws {
        let before = try GateTests.sha256(project, path)
        let release = project.read("prompts/bot/release.yaml")
        try GateTests.editOneByte(project, path, from: from, to: to)
        let after = try GateTests.sha256(project, path)
        let refused = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(refused.status == 1, "\(refused.stdout)")
        #expect(
            refused.stderr
                == "refused: \(path) changed since gate 1 passed: sha256 \(before.prefix(8))… now \(after.prefix(8))…; re-run the gate\n"
        )
        #expect(project.read("prompts/bot/release.yaml") == release, "nothing written")
        try GateTests.editOneByte(project, path, from: to, to: from)
        let allowed = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--percent", "20"], in: project)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(project.read("prompts/bot/release.yaml") != release)
    }

    @Test func oneByteOfTheCandidatePrompt() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        try await Self.expectRefusal(
            project, editing: "prompts/bot/v2.yaml", from: "B|", to: "C|")
    }

    @Test func oneByteOfTheBasePrompt() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        try await Self.expectRefusal(
            project, editing: "prompts/bot/v1.yaml", from: "A|", to: "a|")
    }

    @Test func oneByteOfAnySuite() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        try await Self.expectRefusal(project, editing: "suites/t.yaml", from: "good", to: "gold")
        try await Self.expectRefusal(project, editing: "suites/s.yaml", from: "ok2\"", to: "ok9\"")
    }

    @Test func oneByteOfTheRecordingsAnOfflineGateUsed() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server, offline: true)
        let record = try #require(project.read(".promptgate/gates/1.json"))
        #expect(record.contains("\"path\" : \"suites/recordings/t.jsonl\""), "\(record)")
        try await Self.expectRefusal(
            project, editing: "suites/recordings/t.jsonl", from: "fake-model", to: "fake-modeX")
    }

    @Test func aChangedPolicyOrProviderNeedsANewGate() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.passedProject(server)
        try GateTests.setPolicy(project, server: server, gate: "max_regressions: 1")
        let refused = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "refused: the gate policy changed since gate 1 passed (gate: in promptgate.yaml or in a suite); re-run the gate\n"
        )
        // Re-running the gate (the stored runs are reused) gives evidence for the new policy.
        let gate = try await GateTests.gate(project)
        #expect(gate.status == 0 && gate.stdout.hasPrefix("PASS: bot@2 against bot@1 (gate 2)"))
        let promote = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(promote.status == 0 && promote.stdout.contains("(gate 2)"), "\(promote.stderr)")

        var config = try #require(project.read("promptgate.yaml"))
        config = config.replacingOccurrences(of: "max_tokens: 50", with: "max_tokens: 60")
        try project.write("promptgate.yaml", config)
        let provider = try await GateTests.run(
            ["promote", "bot@2", "--to", "production"], in: project)
        #expect(provider.status == 1)
        #expect(
            provider.stderr
                == "refused: provider 'fake' changed in promptgate.yaml since gate 2 passed; re-run the gate\n"
        )
    }

    @Test func aBlockedGateIsNoEvidence() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 0",
            suites: ["s": GateTests.suite("s", [.init(id: "reg1"), .init(id: "ok1")])])
        let gate = try await GateTests.gate(project)
        #expect(gate.status == 1 && gate.stdout.hasPrefix("BLOCKED: "), "\(gate.stdout)")
        let refused = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "refused: no passing gate on record for bot@2: the newest gate 1 blocked it (1 regression (at most 0 allowed): reg1)\n"
        )
    }
}
