import Foundation
import PromptGateModel
import TestKit
import Testing

/// `adopt` through the binary: a project that already serves a version records it as
/// production without a gate, then gates, promotes and rolls back from there with no
/// hand-written release.yaml.
@Suite struct AdoptTests {
    static let reason = "served before promptgate"

    static func project(_ server: FakeModelServer) throws -> TempProject {
        try GateTests.project(
            server: server, gate: "max_regressions: 0", suites: ["s": PromoteTests.passing])
    }

    /// `adopt bot@1`, checked: the message and what it wrote.
    static func adopt(_ project: TempProject) async throws {
        let v1 = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        let adopt = try await GateTests.run(
            ["adopt", "bot@1", "--reason", reason], in: project)
        #expect(adopt.status == 0, "\(adopt.stdout)\(adopt.stderr)")
        #expect(
            adopt.stdout
                == "bot@1 adopted as production without a gate (sha256 \(v1.prefix(8))…); wrote prompts/bot/release.yaml\n"
        )
        #expect(adopt.stderr == "")
    }

    @Test func adoptThenGateProductionThenPromoteThenRollBackToTheAdoptedVersion() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try Self.project(server)
        try await Self.adopt(project)

        let v1 = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        var manifest = try PromoteTests.manifest(project)
        let production = try #require(manifest.production)
        #expect(production.version == "1" && production.sha256 == v1 && production.gate == nil)
        #expect(production.since.hasPrefix("20") && production.since.hasSuffix("Z"))
        #expect(manifest.canary == nil && manifest.history.count == 1)
        let event = try #require(manifest.history.first)
        #expect(event.action == "adopted" && event.to == "production" && event.version == "1")
        #expect(event.who == "Test Person" && event.when == production.since)
        #expect(event.gate == nil && event.percent == nil && event.replaced == nil)
        #expect(event.reason == Self.reason && event.digests == ["prompts/bot/v1.yaml": v1])
        let text = try #require(project.read("prompts/bot/release.yaml"))
        #expect(!text.contains("gate:"), "no gate key at all:\n\(text)")
        #expect(text.hasPrefix("# Written by promptgate adopt / promote / rollback"), "\(text)")

        let validate = try await GateTests.run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")

        let gate = try await GateTests.run(["gate", "bot@production", "bot@2"], in: project)
        #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.hasPrefix("PASS: bot@2 against bot@1 (gate 1)\n"), "\(gate.stdout)")
        let canary = try await GateTests.run(["promote", "bot@2", "--to", "canary"], in: project)
        #expect(canary.status == 0, "\(canary.stderr)")
        let promote = try await GateTests.run(
            ["promote", "bot@2", "--to", "production"], in: project)
        #expect(promote.status == 0, "\(promote.stderr)")
        #expect(
            promote.stdout
                == "bot@2 now serves production (gate 1); wrote prompts/bot/release.yaml\n")
        manifest = try PromoteTests.manifest(project)
        #expect(manifest.production?.version == "2" && manifest.history.count == 3)
        #expect(manifest.history.last?.replaced == production, "the adopted entry, as it was")

        let rollback = try await GateTests.run(
            ["rollback", "bot", "--reason", "p95 doubled"], in: project)
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(
            rollback.stdout
                == "production rolled back from bot@2 to bot@1; wrote prompts/bot/release.yaml\n")
        manifest = try PromoteTests.manifest(project)
        #expect(manifest.production?.version == "1" && manifest.production?.sha256 == v1)
        #expect(manifest.production?.gate == nil, "adopted without a gate, restored without one")
        #expect(manifest.productionLineage == ["1"])
        let again = try await GateTests.run(["rollback", "bot"], in: project)
        #expect(again.status == 1)
        #expect(
            again.stderr
                == "refused: bot has no canary and no earlier production version to roll back to\n"
        )
        let revalidate = try await GateTests.run(["validate"], in: project)
        #expect(revalidate.status == 0, "\(revalidate.stdout)\(revalidate.stderr)")
    }

    @Test func rollbackToAnAdoptedVersionEditedSinceIsRefused() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try Self.project(server)
        try await Self.adopt(project)
        let gate = try await GateTests.run(["gate", "bot@production", "bot@2"], in: project)
        #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
        let promote = try await GateTests.run(
            ["promote", "bot@2", "--to", "production", "--skip-canary", "first release"],
            in: project)
        #expect(promote.status == 0, "\(promote.stderr)")
        let recorded = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        try GateTests.editOneByte(project, "prompts/bot/v1.yaml", from: "A|", to: "C|")
        let now = try GateTests.sha256(project, "prompts/bot/v1.yaml")
        let before = project.read("prompts/bot/release.yaml")
        let rollback = try await GateTests.run(["rollback", "bot"], in: project)
        #expect(rollback.status == 1)
        #expect(
            rollback.stderr
                == "refused: prompts/bot/v1.yaml changed since it served production (sha256 \(recorded.prefix(8))… then, \(now.prefix(8))… now); promoted versions are immutable\n"
        )
        #expect(project.read("prompts/bot/release.yaml") == before, "nothing written")
    }

    @Test func refusalsAndUsageErrors() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try Self.project(server)

        // Before anything is adopted, @production says how to get one.
        let noRelease = try await GateTests.run(["gate", "bot@production", "bot@2"], in: project)
        #expect(noRelease.status == 2)
        #expect(
            noRelease.stderr
                == "error: bot@production: prompt 'bot' has no prompts/bot/release.yaml yet\nname a version (bot@1.2) or record the version that serves today: promptgate adopt bot@VERSION --reason \"…\"\n"
        )

        let noReason =
            "error: adopt needs --reason TEXT: why bot@1 serves without a gate (it is recorded)\ne.g. promptgate adopt bot@1 --reason \"serving since March\"\n"
        for extra in [[], ["--reason", ""], ["--reason", " \n "]] {
            let missing = try await GateTests.run(["adopt", "bot@1"] + extra, in: project)
            #expect(missing.status == 2, "\(extra)")
            #expect(missing.stderr == noReason, "\(extra)")
        }
        let noRef = try await GateTests.run(["adopt", "--reason", "x"], in: project)
        #expect(noRef.status == 2)
        #expect(
            noRef.stderr
                == "error: adopt needs ID@VERSION\ne.g. promptgate adopt support@1.2 --reason \"serving since March\"\n"
        )
        let unknown = try await GateTests.run(["adopt", "bot@9", "--reason", "x"], in: project)
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr
                == "error: bot@9: prompt 'bot' has no version '9'\nversions: 1, 2\n")
        let typo = try await GateTests.run(["adopt", "bt@1", "--reason", "x"], in: project)
        #expect(typo.status == 2)
        #expect(typo.stderr == "error: bt@1: no prompt 'bt' in prompts/\ndid you mean 'bot@1'?\n")
        #expect(project.read("prompts/bot/release.yaml") == nil, "nothing written")

        try await Self.adopt(project)
        let before = project.read("prompts/bot/release.yaml")
        for version in ["1", "2"] {
            let twice = try await GateTests.run(
                ["adopt", "bot@\(version)", "--reason", "again"], in: project)
            #expect(twice.status == 1, "bot@\(version)")
            #expect(
                twice.stderr
                    == "refused: bot@1 already serves production; adopt only records the first production version, promote moves it: promptgate promote bot@VERSION --to canary|production\n",
                "bot@\(version)")
        }
        #expect(project.read("prompts/bot/release.yaml") == before, "nothing written")
    }

    @Test func aHandWrittenManifestGetsEveryMissingKeyAtOnce() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try Self.project(server)
        let src = MarkedSource(
            """
            prompt: bot
            production: 1️⃣{ version: "1" }
            history:
              - 2️⃣action: adopted
                version: "1"

            """)
        try project.write("prompts/bot/release.yaml", src.text)
        let gate = try await GateTests.run(["gate", "bot@production", "bot@2"], in: project)
        #expect(gate.status == 2)
        let file = "prompts/bot/release.yaml"
        #expect(
            gate.stderr.split(separator: "\n").filter { $0.hasPrefix(file) }
                == [
                    "\(file):\(src.position("1️⃣")): error: production: missing required keys 'sha256', 'since'",
                    "\(file):\(src.position("2️⃣")): error: history[0]: missing required keys 'to', 'when'",
                ], "\(gate.stderr)")
        #expect(gate.stderr.hasSuffix("2 errors; nothing was run\n"), "\(gate.stderr)")
    }
}
