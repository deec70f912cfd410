import Foundation
import TestKit
import Testing

/// Retries, Retry-After, rate limits and the response cache, through the binary.
@Suite struct RunResilienceTests {
    @Test func transientFailuresAreRetriedAndCounted() async throws {
        let server = try await FakeModelServer.start(
            script: """
                {"rules": [
                  {"match": "flappy", "times": 2, "status": 500, "body": "hiccup"},
                  {"match": "limited", "times": 1, "status": 429, "retry_after": "1", "body": "slow down"},
                  {"match": "dropper", "times": 1, "close": true},
                  {"match": "always", "status": 503, "body": "down for good"}
                ]}
                """)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server,
            suites: [
                "s": E2EProject.suite(cases: [
                    ("a", "flappy", []), ("b", "limited", []), ("c", "dropper", []),
                    ("d", "always", []),
                ])
            ])
        let started = Date()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env, timeout: 60)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 3, "the case that never recovers is an error: \(result.stderr)")
        let report = try E2EProject.json(result.stdout)
        let byID = E2EProject.cases(report)
        #expect(byID["a#0"]?["output"] as? String == "echo: flappy")
        #expect(byID["b#0"]?["output"] as? String == "echo: limited")
        #expect(byID["c#0"]?["output"] as? String == "echo: dropper")
        let error = byID["d#0"]?["error"] as? String ?? ""
        #expect(
            error.hasPrefix("HTTP 503: down for good") && error.hasSuffix("(after 3 retries)"),
            "\(error)")
        let summary = try #require(report["summary"] as? [String: Any])
        // a: 2, b: 1, c: 1, d: 3. libcurl itself re-sends once on a reused keep-alive connection
        // the server dropped, so c may need no retry of ours.
        #expect((6...7).contains(summary["retries"] as? Int ?? 0), "\(summary)")
        // Retry-After: 1 was honoured: the run cannot finish before one second.
        #expect(elapsed >= 1.0)
    }

    @Test func retryAfterIsHonouredFromTheServersView() async throws {
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "x", "times": 1, "status": 429, "retry_after": "2"}]}"#)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        let started = Date()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Date().timeIntervalSince(started) >= 2.0, "the second request waited for Retry-After")
        #expect(try await server.stats()["requests"] as? Int == 2)
    }

    @Test func rpmLimitHolds() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let cases = (0..<25).map { ("c\($0)", "q\($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)],
            extraProvider: "    rpm: 600")
        let started = Date()
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--concurrency", "16"], in: project.root,
            environment: E2EProject.env)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0, "\(result.stderr)")
        // 600 rpm = 10 per second: 25 requests need at least 2.4 s (within 10%).
        #expect(elapsed >= 2.4 * 0.9, "took \(elapsed) s")
    }

    @Test func cacheServesASecondRunWithZeroRequests() async throws {
        let server = try await FakeModelServer.start(
            script:
                #"{"rules": [{"match": "bad", "times": 1, "status": 500, "body": "x"}, {"match": "bad", "status": 500, "body": "x"}]}"#
        )
        defer { server.stop() }
        let cases = [("a", "one", [String]()), ("b", "two", []), ("dup", "one", [])]
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let first = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--repeat", "2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(first.status == 0, "\(first.stderr)")
        let sent = try await server.stats()["requests"] as? Int ?? -1
        // Case "dup" renders the same request as "a": sent once per repeat slot, never twice.
        #expect(sent <= 4, "identical requests are sent once: \(sent)")
        let second = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--repeat", "2", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(try await server.stats()["requests"] as? Int == sent, "the second run sent nothing")
        let summary = try E2EProject.json(second.stdout)["summary"] as? [String: Any]
        #expect(summary?["cached"] as? Int == 6)
        let stats = try await CLIProcess.run(["cache", "stats"], in: project.root)
        #expect(stats.stdout.hasPrefix("4 cached responses"), "\(stats.stdout)")
        let noCache = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(noCache.status == 0)
        // Without the cache only identical requests in flight at once are shared: "dup" is
        // sent again when "a" has already finished, which depends on scheduling.
        let resent = try await server.stats()["requests"] as? Int ?? -1
        #expect((sent + 2...sent + 3).contains(resent), "\(resent) after \(sent)")
        let cleared = try await CLIProcess.run(
            ["cache", "clear", "--older-than", "30d"], in: project.root)
        #expect(cleared.stdout == "removed 0 cached responses\n")
        let all = try await CLIProcess.run(["cache", "clear"], in: project.root)
        #expect(all.stdout == "removed 4 cached responses\n")
        let empty = try await CLIProcess.run(["cache", "stats"], in: project.root)
        #expect(empty.stdout.hasPrefix("0 cached responses, "), "\(empty.stdout)")
        #expect(!empty.stdout.contains("Zero"), "\(empty.stdout)")
        let typo = try await CLIProcess.run(["cache", "stat"], in: project.root)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'cache stats'?"))
    }

    @Test func errorsAreNeverCached() async throws {
        let server = try await FakeModelServer.start(
            script: #"{"rules": [{"match": "x", "times": 4, "status": 500, "body": "boom"}]}"#)
        defer { server.stop() }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: [("a", "x", [])])])
        let first = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(first.status == 3)
        let second = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0"], in: project.root, environment: E2EProject.env)
        #expect(
            second.status == 0,
            "the error was not cached; the fifth request succeeds: \(second.stdout)")
    }
}
