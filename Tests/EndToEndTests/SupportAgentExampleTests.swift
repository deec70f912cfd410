import Foundation
import TestKit
import Testing

/// The repository's agent example as `make demo` runs it: offline from its recordings, the
/// tool regression of support-agent@1.1 blocks the gate, in the critical `billing` tag too.
@Suite struct SupportAgentExampleTests {
    @Test func theToolRegressionBlocksTheGateOffline() async throws {
        let root = NSTemporaryDirectory() + "pg-agent-example-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for item in ["promptgate.yaml", "prompts", "suites", "schemas"] {
            try FileManager.default.copyItem(
                atPath: TempProject.repositoryRoot + "/" + item, toPath: root + "/" + item)
        }
        let gate = try await CLIProcess.run(
            [
                "gate", "support-agent@1.0", "support-agent@1.1", "--suite", "order-lookup",
                "--offline",
            ],
            in: root, environment: [:])
        #expect(gate.status == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.hasPrefix("BLOCKED: support-agent@1.1 against support-agent@1.0"))
        #expect(
            gate.stdout.contains(
                "2 regressions in critical tag `billing`: refund-recent-order, card-failed-follow-up"
            ))
        #expect(gate.stdout.contains(#"lookup_order#1.order_id: "A-1042" → "1042""#))
    }
}
