import Foundation
import TestKit
import Testing

/// `known_failures`: listed cases do not block while they fail, and become a note once they
/// pass.
@Suite struct GateKnownFailuresTests {
    typealias Case = GateTests.Case

    @Test func aListedFailureDoesNotBlockAndAFixedOneIsANote() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let cases = [Case(id: "fail1"), Case(id: "reg1"), Case(id: "imp1"), Case(id: "ok1")]
        let project = try GateTests.project(
            server: server, gate: "min_pass_rate: 1.0\nmax_regressions: 0",
            suites: ["s": GateTests.suite("s", cases)])
        let unlisted = try await GateTests.gate(project)
        #expect(unlisted.status == 1)
        #expect(
            GateTests.reasons(unlisted.stdout) == [
                "1 regression (at most 0 allowed): reg1",
                "candidate pass rate 50.0% is below min_pass_rate 100.0%",
            ], "\(unlisted.stdout)")

        // fail1 fails on both sides, reg1 newly fails, imp1 failed before and now passes.
        try GateTests.setPolicy(
            project, server: server,
            gate: "min_pass_rate: 1.0\nmax_regressions: 0\nknown_failures: [fail1, s/reg1, imp1]")
        let listed = try await GateTests.gate(project)
        #expect(listed.status == 0, "\(listed.stdout)")
        #expect(listed.stdout.hasPrefix("PASS: "))
        #expect(
            GateTests.notes(listed.stdout) == [
                "s/imp1 is in known_failures but now passes; remove it from the list"
            ], "\(listed.stdout)")
        let record = try #require(project.read(".promptgate/gates/2.json"))
        #expect(record.contains("s/imp1 is in known_failures but now passes"), "kept as evidence")
    }

    @Test func knownFailuresInASuiteOverride() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let suite = GateTests.suite(
            "s", [Case(id: "fail1"), Case(id: "imp1"), Case(id: "ok1")],
            gate: "min_pass_rate: 1.0\nknown_failures: [fail1, imp1]")
        let project = try GateTests.project(server: server, suites: ["s": suite])
        let result = try await GateTests.gate(project)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            GateTests.notes(result.stdout) == [
                "s/imp1 is in known_failures but now passes; remove it from the list"
            ], "\(result.stdout)")
    }
}
