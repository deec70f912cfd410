import Foundation
import PromptGateModel
import TestKit
import Testing

/// `promote`, `rollback` and `assign` through the binary: the release manifest they write,
/// its history, and canary routing.
@Suite struct PromoteTests {
    static let passing = GateTests.suite("s", [.init(id: "ok1"), .init(id: "ok2")])

    /// A project whose release.yaml already serves v1 (written by hand, as a team adopting
    /// promptgate would), with a passing gate of v2 against v1 on record.
    static func gatedProject(_ server: FakeModelServer) async throws -> TempProject {
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 0", suites: ["s": passing])
        let sha = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        try project.write(
            "prompts/bot/release.yaml",
            "prompt: bot\nproduction: { version: \"1\", sha256: \(sha), since: \"2026-01-01T00:00:00Z\" }\n"
        )
        let gate = try await GateTests.gate(project)
        #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.hasPrefix("PASS: bot@2 against bot@1 (gate 1)\n"), "\(gate.stdout)")
        return project
    }

    static func manifest(_ project: TempProject) throws -> ReleaseManifest {
        try #require(try ReleaseManifest.load(prompt: "bot", root: project.root))
    }

    @Test func passingGateThenCanaryThenAssign() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.gatedProject(server)
        let promote = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--percent", "10"], in: project)
        #expect(promote.status == 0, "\(promote.stderr)")
        #expect(
            promote.stdout
                == "bot@2 is now the canary at 10% (gate 1); wrote prompts/bot/release.yaml\n")

        let manifest = try Self.manifest(project)
        let v1 = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        let v2 = try GateTests.sha256(project, "prompts/bot/v2.yaml")
        let canary = try #require(manifest.canary)
        #expect(canary.version == "2" && canary.percent == 10 && canary.gate == "1")
        #expect(canary.sha256 == v2)
        #expect(canary.since.hasPrefix("20") && canary.since.hasSuffix("Z"), "\(canary.since)")
        #expect(manifest.production?.version == "1", "production is untouched")
        #expect(manifest.history.count == 1)
        let event = try #require(manifest.history.first)
        #expect(event.action == "promote" && event.to == "canary" && event.version == "2")
        #expect(event.percent == 10 && event.gate == "1" && event.who == "Test Person")
        #expect(event.when == canary.since && event.reason == nil)
        #expect(
            event.digests
                == [
                    "prompts/bot/v1.yaml": v1, "prompts/bot/v2.yaml": v2,
                    "suites/s.yaml": try GateTests.sha256(project, "suites/s.yaml"),
                ])

        // Buckets from Python: md5("s-1") % 100 == 1, md5("abc") % 100 == 70,
        // md5("exp-7:s-1") % 100 == 92.
        let inCanary = try await GateTests.run(["assign", "s-1", "--prompt", "bot"], in: project)
        #expect(inCanary.status == 0 && inCanary.stdout == "bot@2 (canary, bucket 1)\n")
        let json = try await GateTests.run(
            ["assign", "abc", "--prompt", "bot", "--format", "json"], in: project)
        let object = try E2EProject.json(json.stdout)
        #expect(object.count == 5, "\(object)")
        #expect(object["session"] as? String == "abc" && object["prompt"] as? String == "bot")
        #expect(object["bucket"] as? Int == 70 && object["version"] as? String == "1")
        #expect(object["arm"] as? String == "production")
        let salted = try await GateTests.run(
            ["assign", "s-1", "--prompt", "bot", "--salt", "exp-7", "--format", "json"],
            in: project)
        let saltedObject = try E2EProject.json(salted.stdout)
        #expect(
            saltedObject["bucket"] as? Int == 92 && saltedObject["arm"] as? String == "production")

        let validate = try await GateTests.run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }

    @Test func productionOnlyFromCanaryOrWithARecordedReason() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.gatedProject(server)
        let before = project.read("prompts/bot/release.yaml")
        let refused = try await GateTests.run(
            ["promote", "bot@2", "--to", "production"], in: project)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "refused: bot@2 has not been a canary; promote it with --to canary first, or pass --skip-canary \"REASON\" (the reason is recorded)\n"
        )
        #expect(project.read("prompts/bot/release.yaml") == before, "nothing written")

        let skipped = try await GateTests.run(
            ["promote", "bot@2", "--to", "production", "--skip-canary", "hotfix for an outage"],
            in: project)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.hasPrefix("bot@2 now serves production (gate 1)"))
        let manifest = try Self.manifest(project)
        #expect(manifest.production?.version == "2" && manifest.canary == nil)
        let event = try #require(manifest.history.last)
        #expect(event.to == "production" && event.reason == "skipped canary: hotfix for an outage")
    }

    @Test func canaryThenProductionThenRollbacks() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.gatedProject(server)
        func step(_ args: [String], status: Int32 = 0, history: Int) async throws -> String {
            let result = try await GateTests.run(args, in: project)
            #expect(result.status == status, "\(args): \(result.stdout)\(result.stderr)")
            #expect(try Self.manifest(project).history.count == history, "\(args)")
            return result.stdout + result.stderr
        }
        _ = try await step(["promote", "bot@2", "--to", "canary", "--percent", "25"], history: 1)
        let cleared = try await step(["rollback", "bot", "--reason", "latency"], history: 2)
        #expect(
            cleared
                == "canary bot@2 cleared; every session gets production again; wrote prompts/bot/release.yaml\n"
        )
        var manifest = try Self.manifest(project)
        #expect(manifest.canary == nil && manifest.production?.version == "1")
        #expect(
            manifest.history.last?.action == "rollback" && manifest.history.last?.to == "canary")
        #expect(manifest.history.last?.reason == "latency")

        _ = try await step(["promote", "bot@2", "--to", "canary"], history: 3)
        #expect(try Self.manifest(project).canary?.percent == 10, "default percent")
        _ = try await step(["promote", "bot@2", "--to", "production"], history: 4)
        manifest = try Self.manifest(project)
        #expect(manifest.production?.version == "2" && manifest.canary == nil)
        let replaced = manifest.history.last?.replaced
        #expect(replaced?.version == "1" && replaced?.since == "2026-01-01T00:00:00Z")
        let again = try await step(
            ["promote", "bot@2", "--to", "production"], status: 1, history: 4)
        #expect(again == "refused: bot@2 already serves production\n")

        let restored = try await step(["rollback", "bot"], history: 5)
        #expect(restored.hasPrefix("production rolled back from bot@2 to bot@1"), "\(restored)")
        manifest = try Self.manifest(project)
        #expect(manifest.production?.version == "1")
        #expect(
            manifest.production?.sha256 == (try GateTests.sha256(project, "prompts/bot/v1.yaml")))
        // Rolling back again must not return to the version just rolled back from.
        let nothing = try await step(["rollback", "bot"], status: 1, history: 5)
        #expect(
            nothing
                == "refused: bot has no canary and no earlier production version to roll back to\n")

        let validate = try await GateTests.run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }

    @Test func validateReportsAPromotedVersionEditedAfterwards() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try await Self.gatedProject(server)
        let promote = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(promote.status == 0, "\(promote.stderr)")
        let recorded = try GateTests.sha256(project, "prompts/bot/v2.yaml")
        try GateTests.editOneByte(project, "prompts/bot/v2.yaml", from: "B|", to: "C|")
        let now = try GateTests.sha256(project, "prompts/bot/v2.yaml")
        let validate = try await GateTests.run(["validate"], in: project)
        #expect(validate.status == 2, "\(validate.stdout)")
        let output = validate.stdout + validate.stderr
        #expect(output.contains("prompts/bot/v2.yaml:1:1"), "\(output)")
        #expect(
            output.contains(
                "this version serves canary but changed after it was promoted (sha256 \(recorded.prefix(8))… recorded in prompts/bot/release.yaml, \(now.prefix(8))… now); promoted versions are immutable"
            ), "\(output)")
    }

    @Test func assignWithoutProductionAndUsageErrors() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(server: server, suites: ["s": Self.passing])
        let none = try await GateTests.run(["assign", "s-1", "--prompt", "bot"], in: project)
        #expect(none.status == 2)
        #expect(
            none.stderr.contains(
                "prompt 'bot' has no production version in prompts/bot/release.yaml"))
        let noPrompt = try await GateTests.run(["assign", "s-1"], in: project)
        #expect(noPrompt.status == 2 && noPrompt.stderr.contains("assign needs --prompt ID"))
        let noTarget = try await GateTests.run(["promote", "bot@2"], in: project)
        #expect(noTarget.status == 2, "\(noTarget.stderr)")
        let noGate = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(noGate.status == 1)
        #expect(
            noGate.stderr
                == "refused: no gate on record for bot@2; run: promptgate gate bot@production bot@2 (or --evidence FILE from CI)\n"
        )
        #expect(project.read("prompts/bot/release.yaml") == nil)

        let gate = try await GateTests.gate(project)
        #expect(gate.status == 0, "\(gate.stdout)")
        for (percent, message) in [
            ("0", "--percent takes a whole number ≥ 1, got '0'"),
            ("101", "--percent takes 1…100, got 101"),
        ] {
            let bad = try await GateTests.run(
                ["promote", "bot@2", "--to", "canary", "--percent", percent], in: project)
            #expect(bad.status == 2 && bad.stderr.contains(message), "\(bad.stderr)")
        }
        let unknown = try await GateTests.run(["promote", "bot@9", "--to", "canary"], in: project)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("bot@9: prompt 'bot' has no version '9'"))
        let rollback = try await GateTests.run(["rollback", "bot"], in: project)
        #expect(rollback.status == 2)
        #expect(
            rollback.stderr.contains(
                "prompt 'bot' has no prompts/bot/release.yaml: nothing to roll back"))
        #expect(project.read("prompts/bot/release.yaml") == nil)
    }
}
