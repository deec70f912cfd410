import Foundation
import TestKit
import Testing

/// `--shard K/N`, `--output-run` and `promptgate merge`, through the binary.
@Suite struct RunShardTests {
    static let cases = (0..<30).map {
        ("c\($0)", "question \($0)", [#"{ type: contains, value: "1" }"#])
    }

    /// What must match between two runs' results, by case and repeat.
    static func outcomes(_ report: [String: Any]) -> [String: String] {
        E2EProject.cases(report).mapValues { c in
            let assertions = (c["assertions"] as? [[String: Any]] ?? []).map {
                "\($0["type"] ?? "")=\($0["passed"] ?? "")"
            }
            return "\(c["passed"] ?? "")|\(c["output"] ?? "")|\(c["error"] ?? "")|\(assertions)"
        }
    }

    static func shard(
        _ k: Int, of n: Int, project: TempProject, repeats: String = "2"
    ) async throws -> (file: String, report: [String: Any]) {
        let file = project.path("shard-\(k).jsonl")
        let result = try await CLIProcess.run(
            [
                "run", "--prompt", "bot@1.0", "--repeat", repeats, "--shard", "\(k)/\(n)",
                "--output-run", file, "--no-cache", "--format", "json",
            ], in: project.root, environment: E2EProject.env)
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        return (file, try E2EProject.json(result.stdout))
    }

    @Test func threeShardsMergedEqualTheUnshardedRun() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: Self.cases)])
        let whole = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--repeat", "2", "--no-cache", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(whole.status == 1, "some cases fail by design: \(whole.stderr)")
        let expected = Self.outcomes(try E2EProject.json(whole.stdout))
        #expect(expected.count == 60)

        var files: [String] = []
        var sizes: [Int] = []
        for k in 1...3 {
            let (file, report) = try await Self.shard(k, of: 3, project: project)
            files.append(file)
            let ids = (report["cases"] as? [[String: Any]] ?? []).map { $0["id"] as? String ?? "" }
            // Both repeats of a case are in the same shard.
            #expect(ids.count == 2 * Set(ids).count)
            sizes.append(ids.count)
            #expect((report["summary"] as? [String: Any])?["shard"] as? String == "\(k)/3")
        }
        #expect(sizes.reduce(0, +) == 60 && sizes.allSatisfy { $0 > 0 }, "\(sizes)")
        let sent = try await server.stats()["requests"] as? Int

        // Reversed order on purpose: the merged run is in plan order whatever the input order.
        let merged = try await CLIProcess.run(
            ["merge"] + files.reversed() + ["--into-store", "--format", "json"], in: project.root)
        #expect(merged.status == 1, "\(merged.stderr)")
        let report = try E2EProject.json(merged.stdout)
        #expect(report["status"] as? String == "completed")
        #expect(Self.outcomes(report) == expected)
        let wholeIDs = (try E2EProject.json(whole.stdout)["cases"] as? [[String: Any]] ?? []).map {
            "\($0["id"] ?? "")#\($0["repeat"] ?? "")"
        }
        let mergedIDs = (report["cases"] as? [[String: Any]] ?? []).map {
            "\($0["id"] ?? "")#\($0["repeat"] ?? "")"
        }
        #expect(mergedIDs == wholeIDs, "same plan order")
        #expect(try await server.stats()["requests"] as? Int == sent, "merge sends nothing")

        // compare accepts the merged run like any other: no difference to the unsharded one.
        let mergedID = report["run_id"] as? Int ?? 0
        let compared = try await CLIProcess.run(
            ["compare", "run:1", "run:\(mergedID)", "--format", "json"], in: project.root)
        #expect(compared.status == 0, "\(compared.stderr)")
        let summary = try E2EProject.json(compared.stdout)["summary"] as? [String: Any]
        #expect(summary?["regressions"] as? Int == 0 && summary?["improvements"] as? Int == 0)
    }

    @Test func mergeRefusesMissingDuplicateAndForeignShards() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: Self.cases)])
        let one = try await Self.shard(1, of: 3, project: project).file
        let two = try await Self.shard(2, of: 3, project: project).file
        let three = try await Self.shard(3, of: 3, project: project).file

        func merge(_ files: [String]) async throws -> CLIProcess.Result {
            try await CLIProcess.run(["merge"] + files + ["--into-store"], in: project.root)
        }
        let missing = try await merge([one, three])
        #expect(missing.status == 2 && missing.stderr.contains("shard 2/3 is missing"))
        let twice = try await merge([one, two, two, three])
        #expect(twice.status == 2 && twice.stderr.contains("shard 2/3 is given twice"))
        let noStore = try await CLIProcess.run(["merge", one, two, three], in: project.root)
        #expect(noStore.status == 2 && noStore.stderr.contains("--into-store"))

        // Another repeat count is another run.
        let otherRepeat = project.path("repeat1.jsonl")
        _ = try await CLIProcess.run(
            [
                "run", "--prompt", "bot@1.0", "--shard", "2/3", "--output-run", otherRepeat,
                "--no-cache",
            ], in: project.root, environment: E2EProject.env)
        let repeats = try await merge([one, otherRepeat, three])
        #expect(
            repeats.status == 2 && repeats.stderr.contains("--repeat 2 vs 1"), "\(repeats.stderr)")

        // Other prompt bytes are another run, even with the same version.
        try project.write("prompts/bot/v1.0.yaml", E2EProject.prompt + "# edited\n")
        let edited = try await Self.shard(2, of: 3, project: project).file
        let bytes = try await merge([one, edited, three])
        #expect(bytes.status == 2, "\(bytes.stderr)")
        #expect(
            bytes.stderr.contains(
                "not shards of the same run: the bytes of prompts/bot/v1.0.yaml differ"))
        let damaged = project.path("damaged.jsonl")
        try project.write("damaged.jsonl", "{\"not\": \"a run\"}\n")
        let garbage = try await merge([damaged])
        #expect(garbage.status == 2 && garbage.stderr.contains("not a promptgate run file"))

        let history = try await CLIProcess.run(["history", "--format", "json"], in: project.root)
        let runs = try E2EProject.json(history.stdout)["runs"] as? [[String: Any]] ?? []
        #expect(runs.count == 5, "refused merges store nothing: \(runs.count) runs")
    }

    @Test func badShardSpecIsAUsageError() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: Self.cases)])
        for spec in ["0/3", "4/3", "1/0", "a/b", "2"] {
            let result = try await CLIProcess.run(
                ["run", "--prompt", "bot@1.0", "--shard", spec], in: project.root,
                environment: E2EProject.env)
            #expect(result.status == 2 && result.stderr.contains("--shard takes K/N"), "\(spec)")
        }
    }
}
