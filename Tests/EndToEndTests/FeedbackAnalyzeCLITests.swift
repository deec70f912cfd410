import Foundation
import TestKit
import Testing

/// `promptgate feedback analyze` through the binary, on the imported sample export.
@Suite struct FeedbackAnalyzeCLITests {
    let project: TempProject

    init() throws {
        project = try TempProject(files: ["promptgate.yaml": FeedbackImportCLITests.config])
    }

    private func run(_ args: [String]) async throws -> CLIProcess.Result {
        try await CLIProcess.run(["feedback"] + args, in: project.root, timeout: 120)
    }

    @Test func sampleTopPatternIsNonEnglish() async throws {
        let imported = try await run([
            "import", FeedbackImportCLITests.data + "/feedback-sample.jsonl",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try await run(["analyze", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try E2EProject.json(json.stdout)
        #expect(object["negatives"] as? Int == 251)
        let patterns = try #require(object["patterns"] as? [[String: Any]])
        let top = try #require(patterns.first)
        #expect(top["kind"] as? String == "non-english")
        #expect((top["share"] as? Double ?? 0) > 0.25)
        #expect((top["examples"] as? [Any])?.count == 2)
        for key in ["kind", "value", "label", "count", "share", "lift", "examples"] {
            #expect(patterns.allSatisfy { $0[key] != nil }, "every pattern has \(key)")
        }
        let kinds = Set(patterns.compactMap { $0["kind"] as? String })
        #expect(
            kinds.isSuperset(of: [
                "version", "model", "language", "non-english", "code", "length", "feedback-type",
                "theme", "cluster",
            ]))

        let text = try await run(["analyze"])
        #expect(text.status == 0)
        let firstRow = text.stdout.split(separator: "\n").first { $0.contains("%") }
        #expect(firstRow?.contains("input not in English") == true, "\(text.stdout)")
        let markdown = try await run(["analyze", "--format", "markdown", "--version", "1.2"])
        #expect(markdown.status == 0 && markdown.stdout.contains("| Share | Count | Lift |"))
        #expect(!markdown.stdout.contains("prompt version 1.1"))
    }

    @Test func emptyStoreAndBadOptions() async throws {
        let empty = try await run(["analyze", "--format", "json"])
        #expect(empty.status == 0, "\(empty.stderr)")
        let object = try E2EProject.json(empty.stdout)
        #expect(object["negatives"] as? Int == 0 && (object["patterns"] as? [Any])?.isEmpty == true)
        let since = try await run(["analyze", "--since", "last week"])
        #expect(since.status == 2 && since.stderr.contains("--since takes a date"))
        let format = try await run(["analyze", "--format", "html"])
        #expect(format.status == 2)
        let foreign = try await run(["analyze", "--pattern", "has_code"])
        #expect(foreign.status == 2 && foreign.stderr.contains("does not apply"))
    }
}
