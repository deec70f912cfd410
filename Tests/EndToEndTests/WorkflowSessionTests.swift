import Compare
import Foundation
import Gate
import ProjectValidation
import PromptGateModel
import Store
import TestKit
import Testing

/// The library workflows behind `compare` and `gate`, called in process (no binary spawned)
/// against a fake model server on 127.0.0.1.
@Suite struct WorkflowSessionTests {
    static let suites = [
        "s": GateTests.suite("s", [.init(id: "ok1"), .init(id: "reg1")]),
        "t": GateTests.suite("t", [.init(id: "ok2")]),
    ]

    static func session(
        _ project: TempProject, base: String = "bot@1", candidate: String = "bot@2",
        suites: [String] = []
    ) async throws -> ComparisonSession {
        let loaded = try Validation.loadForRun(
            root: project.root, commandEnvironment: E2EProject.env)
        let store = try RunStore(path: RunStore.defaultPath(root: project.root))
        var request = ComparisonRequest(base: base, candidate: candidate)
        request.suites = suites
        request.environment = E2EProject.env
        return try await ComparisonSession.prepare(request, project: loaded, store: store)
    }

    @Test func aSessionRunsBothSidesThenReusesThem() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(server: server, suites: Self.suites)

        let first = try await Self.session(project)
        #expect(first.runners.allSatisfy { $0 != nil } && first.plannedCount == 6)
        let sides = SideLog()
        let outcome = try await first.run { side, _ in sides.insert(side) }
        let comparison = outcome.comparison
        #expect(comparison.isComplete && outcome.warnings.isEmpty, "\(outcome.warnings)")
        #expect(comparison.cases(.regression).map(\.caseID) == ["reg1"])
        #expect(comparison.cases(.stillPassing).count == 2)
        #expect(sides.values == [0, 1], "progress from both sides")

        // Nothing changed: both sides are the stored runs, and nothing is sent.
        let requests = try #require(try await server.stats()["requests"] as? Int)
        #expect(requests == 6, "3 cases × 2 sides")
        let second = try await Self.session(project)
        #expect(second.runners.allSatisfy { $0 == nil } && second.plannedCount == 0)
        // Both sides start together, so which one the store numbers first is not fixed.
        #expect(
            second.reused.compactMap { $0?.id } == [comparison.base.id, comparison.candidate.id])
        #expect(second.notes.allSatisfy { $0.hasPrefix("reused run ") } && second.notes.count == 2)
        let again = try await second.run().comparison
        #expect(again.cases(.regression).map(\.caseID) == ["reg1"])
        #expect(try await server.stats()["requests"] as? Int == requests)
    }

    @Test func aGateSessionRecordsItsDecisionAndBlocksOnIncompleteEvidence() async throws {
        let server = try await FakeModelServer.start(script: GateTests.script)
        defer { server.stop() }
        let project = try GateTests.project(
            server: server, gate: "max_regressions: 1", suites: Self.suites)
        let loaded = try Validation.loadForRun(root: project.root)
        let store = try RunStore(path: RunStore.defaultPath(root: project.root))

        let whole = try await Self.session(project).run().comparison
        let passed = try await GateSession.decide(whole, project: loaded, store: store)
        #expect(passed.decision.passed, "\(passed.decision.reasons)")
        #expect(passed.id == 1 && passed.recordPath == ".promptgate/gates/1.json")
        let record = try E2EProject.json(try #require(project.read(passed.recordPath)))
        #expect(record["decision"] as? String == "pass" && record["complete"] as? Bool == true)

        // The base side is a stored run of suite s alone: it lacks t's case, so the gate
        // blocks however good the candidate is.
        let partial = try await Self.session(project, suites: ["s"]).run().comparison
        let baseRun = partial.base.id
        let mixed = try await Self.session(project, base: "run:\(baseRun)").run()
        #expect(!mixed.comparison.isComplete)
        #expect(mixed.warnings.first?.hasPrefix("incomplete: ") == true, "\(mixed.warnings)")
        let blocked = try await GateSession.decide(
            mixed.comparison, project: loaded, store: store)
        #expect(!blocked.decision.passed && blocked.id == 2)
        let first = try #require(blocked.decision.reasons.first)
        #expect(first.hasPrefix("incomplete evidence: "), "\(first)")
        #expect(first.contains("2 of 3 cases on the baseline (run \(baseRun)"), "\(first)")
        let stored = try await store.gateRecords(promptID: "bot", version: "2")
        #expect(stored.count == 2)
    }
}

/// The sides that reported progress, from concurrent callbacks.
final class SideLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<Int> = []
    func insert(_ side: Int) { lock.withLock { _ = seen.insert(side) } }
    var values: [Int] { lock.withLock { seen.sorted() } }
}
