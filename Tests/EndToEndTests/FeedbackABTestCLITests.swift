import Foundation
import TestKit
import Testing

/// `promptgate feedback abtest` and `impact` through the binary.
@Suite struct FeedbackABTestCLITests {
    let project: TempProject

    init() throws {
        project = try TempProject(files: ["promptgate.yaml": FeedbackImportCLITests.config])
    }

    private func run(_ args: [String]) async throws -> CLIProcess.Result {
        try await CLIProcess.run(["feedback"] + args, in: project.root, timeout: 120)
    }

    @Test func givenCounts() async throws {
        let result = try await run(["abtest", "--counts", "293/412", "296/389", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try E2EProject.json(result.stdout)
        let control = try #require(object["control"] as? [String: Any])
        #expect(control["n"] as? Int == 412 && control["successes"] as? Int == 293)
        for key in ["rate", "ci_low", "ci_high"] { #expect(control[key] is Double) }
        #expect(abs((object["z_test_p"] as? Double ?? 0) - 0.1106) < 1e-3)
        #expect(object["fisher_p"] is Double && object["srm_p"] is Double)
        #expect(object["needed_per_variant"] is Int)
        #expect((object["difference"] as? [String: Any])?["ci_low"] is Double)
        #expect(object["verdict"] as? String == "not-significant")
        let text = try await run(["abtest", "--counts", "293/412", "--counts", "296/389"])
        #expect(text.status == 0 && text.stdout.contains("verdict: not-significant"))
        let bad = try await run(["abtest", "--counts", "500/412", "296/389"])
        #expect(bad.status == 2 && bad.stderr.contains("cannot exceed"))
    }

    @Test func storedOutcomesAndImpact() async throws {
        let empty = try await run(["abtest", "--metric", "resolved"])
        #expect(empty.status == 2 && empty.stderr.contains("no outcomes"))
        let noImpact = try await run(["impact"])
        #expect(noImpact.status == 0 && noImpact.stdout.contains("no outcomes"))

        let imported = try await run([
            "import", FeedbackImportCLITests.data + "/feedback-sample-outcomes.jsonl", "--outcomes",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let ab = try await run(["abtest", "--metric", "resolved", "--format", "json"])
        #expect(ab.status == 0, "\(ab.stderr)")
        let object = try E2EProject.json(ab.stdout)
        #expect((object["control"] as? [String: Any])?["name"] as? String == "1.2")
        #expect((object["treatment"] as? [String: Any])?["name"] as? String == "1.3")
        let verdict = object["verdict"] as? String
        if verdict == "significant" {
            #expect((object["z_test_p"] as? Double ?? 1) < 0.05)
            #expect((object["fisher_p"] as? Double ?? 1) < 0.05)
            #expect(object["srm_passed"] as? Bool == true)
        }
        let skewed = try await run(["abtest", "--split", "10/90", "--format", "json"])
        let skew = try E2EProject.json(skewed.stdout)
        #expect(skew["srm_passed"] as? Bool == false && skew["verdict"] as? String != "significant")
        let unknown = try await run(["abtest", "--control", "9.9"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no outcomes for version '9.9'"))

        let impact = try await run(["impact", "--format", "json"])
        #expect(impact.status == 0, "\(impact.stderr)")
        let report = try E2EProject.json(impact.stdout)
        #expect(report["control"] as? String == "1.2")
        let versions = try #require(report["versions"] as? [[String: Any]])
        #expect(versions.map { $0["version"] as? String } == ["1.2", "1.3"])
        for row in versions {
            for key in ["resolution_rate", "escalation_rate", "median_ms", "p90_ms"] {
                #expect(row[key] is Double, "\(key)")
            }
        }
        #expect(versions[1]["time_saved_ms"] is Double)
        let text = try await run(["impact", "--control", "1.3"])
        #expect(text.status == 0 && text.stdout.contains("control 1.3"))
    }
}
