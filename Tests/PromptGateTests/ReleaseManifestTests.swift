import Basics
import Foundation
import PromptGateModel
import Testing
import YAMLCoding

/// `prompts/<id>/release.yaml` through the YAML layer.
@Suite struct ReleaseManifestTests {
    static let sample = ReleaseManifest(
        prompt: "support",
        production: .init(
            version: "1.2", sha256: String(repeating: "ab", count: 32), gate: "3",
            since: "2026-10-01T08:00:00.000Z"),
        canary: .init(
            version: "1.3", percent: 10, sha256: "0123456789" + String(repeating: "e", count: 54),
            gate: "7", since: "2026-10-02T08:00:00.000Z"),
        history: [
            .init(
                action: "promote", to: "production", version: "1.2", who: nil,
                when: "2026-10-01T08:00:00.000Z", gate: "3",
                digests: ["prompts/support/v1.2.yaml": "12e4", "suites/a: b.yaml": "00"],
                reason: "skipped canary: first release",
                replaced: .init(version: "1.1", sha256: "ff", gate: nil, since: "2026-01-01")),
            .init(
                action: "promote", to: "canary", version: "1.3", percent: 10,
                who: "Zoë O'Neil", when: "2026-10-02T08:00:00.000Z", gate: "7",
                digests: ["prompts/support/v1.3.yaml": "1e5"]),
            .init(
                action: "rollback", to: "canary", version: "1.3", who: "ci",
                when: "2026-10-03T08:00:00.000Z", reason: "p95: 2s\n# not a comment"),
        ])

    @Test func roundTripsThroughTheEmitter() throws {
        let yaml = try YAMLEncoder().encode(Self.sample)
        let decoded = try YAMLDecoder().decode(
            ReleaseManifest.self, from: Data(yaml.utf8), file: "release.yaml")
        #expect(decoded == Self.sample, "\(yaml)")
        // Versions and number-like digests stay strings; encoding again is byte-identical.
        #expect(decoded.production?.version == "1.2" && decoded.canary?.version == "1.3")
        #expect(decoded.history[1].digests?["prompts/support/v1.3.yaml"] == "1e5")
        #expect(try YAMLEncoder().encode(decoded) == yaml)
    }

    @Test func productionLineageFollowsPromotionsAndRollbacks() {
        func event(_ action: String, _ version: String, replaced: String? = nil)
            -> ReleaseManifest.Event
        {
            .init(
                action: action, to: "production", version: version, who: nil, when: "t",
                replaced: replaced.map { .init(version: $0, sha256: "s", gate: nil, since: "t") })
        }
        var manifest = ReleaseManifest(prompt: "p")
        #expect(manifest.productionLineage.isEmpty)
        manifest.history = [event("promote", "2", replaced: "1")]
        #expect(manifest.productionLineage == ["1", "2"])
        manifest.history.append(event("promote", "3", replaced: "2"))
        manifest.history.append(
            .init(action: "promote", to: "canary", version: "4", who: nil, when: "t"))
        #expect(manifest.productionLineage == ["1", "2", "3"])
        manifest.history.append(event("rollback", "2"))
        #expect(manifest.productionLineage == ["1", "2"], "3 was rolled back from")
        manifest.history.append(event("rollback", "1"))
        #expect(manifest.productionLineage == ["1"])
        #expect(Self.sample.recordedProductionSHA256(version: "1.1", path: "x") == "ff")
        #expect(
            Self.sample.recordedProductionSHA256(
                version: "1.2", path: "prompts/support/v1.2.yaml") == "12e4")
        #expect(Self.sample.recordedProductionSHA256(version: "1.3", path: "x") == nil)
    }

    @Test func emptyHistoryAndNoDeploymentsDecode() throws {
        let decoded = try YAMLDecoder().decode(
            ReleaseManifest.self, from: Data("prompt: bot\n".utf8), file: "release.yaml")
        #expect(decoded == ReleaseManifest(prompt: "bot"))
        let again = try YAMLDecoder().decode(
            ReleaseManifest.self, from: Data(try YAMLEncoder().encode(decoded).utf8),
            file: "release.yaml")
        #expect(again == decoded)
    }

    @Test func canaryPercentOutOfRangeIsAPositionedError() throws {
        let text = """
            prompt: bot
            canary: { version: "2", percent: 140, sha256: abc, since: x }

            """
        #expect {
            _ = try YAMLDecoder().decode(
                ReleaseManifest.self, from: Data(text.utf8), file: "prompts/bot/release.yaml")
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("prompts/bot/release.yaml:2:")
                && message.contains("canary percent must be between 1 and 100, got 140")
        }
    }

    @Test func loadFromAProjectRoot() throws {
        let root = NSTemporaryDirectory() + "pg-release-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try ReleaseManifest.load(prompt: "support", root: root) == nil, "none yet")
        try FileManager.default.createDirectory(
            atPath: root + "/prompts/support", withIntermediateDirectories: true)
        let yaml = try YAMLEncoder().encode(Self.sample)
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: root + "/prompts/support/release.yaml"))
        #expect(try ReleaseManifest.load(prompt: "support", root: root) == Self.sample)
        try Data("prompt: [".utf8).write(
            to: URL(fileURLWithPath: root + "/prompts/support/release.yaml"))
        #expect(throws: PromptGateError.self) {
            try ReleaseManifest.load(prompt: "support", root: root)
        }
    }
}
