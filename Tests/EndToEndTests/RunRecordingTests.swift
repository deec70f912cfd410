import Foundation
import TestKit
import Testing

/// `--record` then `--offline`: the same results with no server at all.
@Suite struct RunRecordingTests {
    /// The report without what legitimately differs between runs.
    static func stable(_ report: [String: Any]) -> [String: Any] {
        var r = report
        r["run_id"] = nil
        r["mode"] = nil
        if var summary = r["summary"] as? [String: Any] {
            summary["wall_seconds"] = nil
            r["summary"] = summary
        }
        return r
    }

    static func canonical(_ object: [String: Any]) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            as: UTF8.self)
    }

    @Test func recordThenOfflineGivesTheSameResults() async throws {
        let server = try await FakeModelServer.start(
            arguments: ["--latency-ms", "5"],
            script: #"{"rules": [{"match": "flaky", "replies": ["one", "two"]}]}"#)
        let cases: [(String, String, [String])] = [
            ("a", "hello", [#"{ type: contains, value: hello }"#]),
            ("b", "bye", [#"{ type: contains, value: nope }"#]),
            ("c", "flaky", [#"{ type: equals, value: one }"#]),
        ]
        let project = try E2EProject.make(
            server: server,
            suites: [
                "s1": E2EProject.suite("s1", cases: cases),
                "s2": E2EProject.suite("s2", cases: [("z", "zed", [])]),
            ])
        let recorded = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--record", "--repeat", "2", "--format", "json"],
            in: project.root, environment: E2EProject.env)
        #expect(recorded.status == 1, "\(recorded.stderr)")
        server.stop()  // offline must not need it
        let recording = try #require(project.read("suites/recordings/s1.jsonl"))
        let lines = recording.split(separator: "\n")
        #expect(lines.count == 6, "3 cases × 2 repeats")
        // Sorted by key then repeat: stable files that diff well.
        let keys = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map {
                "\($0["key"] as? String ?? "")#\($0["repeat"] as? Int ?? -1)"
            }
        }
        #expect(keys == keys.sorted())
        #expect(project.read("suites/recordings/s2.jsonl") != nil)

        let offline = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--offline", "--repeat", "2", "--format", "json"],
            in: project.root)
        #expect(offline.status == 1, "\(offline.stderr)")
        let a = Self.stable(try E2EProject.json(recorded.stdout))
        let b = Self.stable(try E2EProject.json(offline.stdout))
        // Latency comes from the recording (rounded to ms); compare everything else exactly.
        func withoutLatency(_ r: [String: Any]) -> [String: Any] {
            var r = r
            r["cases"] = (r["cases"] as? [[String: Any]])?.map { c in
                var c = c
                c["latency_ms"] = nil
                return c
            }
            return r
        }
        #expect(try Self.canonical(withoutLatency(a)) == Self.canonical(withoutLatency(b)))
        // Repeats keep their own slot: the flaky case recorded "one" then "two".
        let flaky = E2EProject.cases(b)
        #expect(flaky["c#0"]?["output"] as? String != flaky["c#1"]?["output"] as? String)

        // A second offline run is byte-identical to the first.
        let again = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--offline", "--repeat", "2", "--format", "json"],
            in: project.root)
        #expect(
            try Self.canonical(Self.stable(try E2EProject.json(again.stdout))) == Self.canonical(b))
    }

    @Test func offlineNamesEachMissingRecording() async throws {
        let server = try await FakeModelServer.start()
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        server.stop()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--offline"], in: project.root)
        #expect(result.status == 3)
        #expect(
            result.stderr.contains(
                "1 request has no recording: case a (bot@1.0, suite s); re-run with --record"),
            "\(result.stderr)")
    }
}
