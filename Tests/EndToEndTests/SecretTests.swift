import Foundation
import TestKit
import Testing

/// The API key never leaves the environment: not in output, reports, store or recordings.
@Suite struct SecretTests {
    @Test func apiKeyAppearsNowhere() async throws {
        let secret = "sk-test-SECRET-123"
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "boom", "status": 401, "body": "bad key"}]}"#)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server,
            suites: [
                "s": E2EProject.suite(cases: [
                    ("ok", "hello", [#"{ type: contains, value: zzz }"#]), ("bad", "boom", []),
                ])
            ])
        var outputs: [String] = []
        for format in ["text", "json", "junit"] {
            let r = try await CLIProcess.run(
                [
                    "run", "--prompt", "bot@1.0", "--record", "--format", format, "--output",
                    "report.\(format)",
                ],
                in: project.root, environment: ["OPENAI_API_KEY": secret], timeout: 30)
            #expect(r.status == 3, "\(r.stderr)")
            outputs += [r.stdout, r.stderr]
        }
        for command in [
            ["history", "--format", "json"], ["show", "1", "--format", "json"], ["validate"],
        ] {
            let r = try await CLIProcess.run(
                command, in: project.root, environment: ["OPENAI_API_KEY": secret])
            outputs += [r.stdout, r.stderr]
        }
        for text in outputs { #expect(!text.contains(secret)) }
        let files = project.allFiles()
        #expect(files.contains { $0.0 == ".promptgate/promptgate.db" })
        #expect(files.contains { $0.0 == "suites/recordings/s.jsonl" })
        #expect(files.contains { $0.0 == "report.junit" })
        for (path, data) in files {
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(path) holds the key")
        }
    }
}
