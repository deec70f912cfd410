import Foundation
import PromptGateModel
import Stats
import Store
import Testing

@testable import Compare

/// The looks of a sequential compare without a server: admission look by look, the stop,
/// and the verdict the sequential rule gives the comparison.
@Suite struct SequentialMonitorTests {
    static func slots(_ n: Int) -> ExpectedSlots {
        ExpectedSlots(
            slots: (0..<n).map { ResultSlot(suite: "s", caseID: "c\($0)", repeatIndex: 0) },
            suites: ["s"])
    }

    /// Feeds both sides case by case in sequential order; the candidate fails every case
    /// `fails` says. Returns the stop and how many cases were admitted on the candidate.
    static func drive(cases n: Int, looks: Int, fails: (Int) -> Bool) async
        -> (SequentialStop?, Int)
    {
        let expected = slots(n)
        let monitor = SequentialMonitor(
            options: SequentialOptions(looks: looks), alpha: 0.05,
            expected: [expected, expected], sending: [true, true])
        let order = SequentialOrder.cases(of: expected.slots)
        var admitted = 0
        for (position, key) in order.enumerated() {
            let slot = ResultSlot(suite: key.suite, caseID: key.caseID, repeatIndex: 0)
            guard await monitor.admit(side: 1, slot: slot) else { break }
            #expect(await monitor.admit(side: 0, slot: slot))
            admitted += 1
            await monitor.record(side: 0, ComparerTests.result(key.caseID, passed: true))
            await monitor.record(
                side: 1, ComparerTests.result(key.caseID, passed: !fails(position)))
        }
        await monitor.finished(side: 0)
        await monitor.finished(side: 1)
        return (await monitor.stop(), admitted)
    }

    @Test func aClearDropStopsAtALookAndAdmitsNothingAfterIt() async throws {
        // Every 4th case fails on the candidate: 25 points.
        let (stop, admitted) = await Self.drive(cases: 400, looks: 10) { $0 % 4 == 0 }
        let s = try #require(stop)
        #expect(s.reason == .harm && s.stoppedEarly)
        #expect(admitted == s.stoppedAtCases, "nothing beyond the stopping look is sent")
        #expect(s.stoppedAtCases % 40 == 0 && s.stoppedAtCases < 400)
        #expect(s.savedRequests == 2 * (400 - s.stoppedAtCases))
        #expect(s.z >= s.boundary)
        #expect(
            abs(
                s.alphaSpent
                    - GroupSequentialDesign.obrienFlemingSpending(
                        Double(s.look) / 10, alpha: 0.05)) < 1e-12)
    }

    @Test func noDifferenceRunsToTheEnd() async throws {
        let (stop, admitted) = await Self.drive(cases: 95, looks: 10) { _ in false }
        let s = try #require(stop)
        #expect(s.reason == .end && !s.stoppedEarly && s.savedRequests == 0)
        #expect(admitted == 95 && s.stoppedAtCases == 95 && s.look == 10)
    }

    @Test func fewerCasesThanLooksMergesLooks() async throws {
        let (stop, admitted) = await Self.drive(cases: 3, looks: 10) { _ in false }
        #expect(stop?.looks == 3 && admitted == 3)
    }

    @Test func aSideThatEndsEarlyReleasesTheOtherAndDecidesNothing() async {
        let expected = Self.slots(100)
        let monitor = SequentialMonitor(
            options: SequentialOptions(looks: 10), alpha: 0.05,
            expected: [expected, expected], sending: [true, true])
        let order = SequentialOrder.cases(of: expected.slots)
        let late = ResultSlot(suite: "s", caseID: order[50].caseID, repeatIndex: 0)
        let waiting = Task { await monitor.admit(side: 1, slot: late) }
        await monitor.finished(side: 0)  // the base's provider went down before look 1
        #expect(await waiting.value == false)
        #expect(await monitor.stop() == nil)
    }

    /// A stored base from before a case was added sends nothing more: the looks do not wait
    /// for the case it lacks.
    @Test func aReusedSideMissingACaseDoesNotHoldTheLooks() async throws {
        let expected = Self.slots(20)
        let monitor = SequentialMonitor(
            options: SequentialOptions(looks: 2), alpha: 0.05,
            expected: [expected, expected], sending: [false, true])
        let order = SequentialOrder.cases(of: expected.slots)
        await monitor.preload(
            side: 0,
            results: order.dropFirst().map { ComparerTests.result($0.caseID, passed: true) })
        for key in order {
            let slot = ResultSlot(suite: key.suite, caseID: key.caseID, repeatIndex: 0)
            #expect(await monitor.admit(side: 1, slot: slot))
            await monitor.record(side: 1, ComparerTests.result(key.caseID, passed: true))
        }
        let stop = try #require(await monitor.stop())
        #expect(stop.reason == .end && stop.savedRequests == 0)
    }

    @Test func theBoundaryNotTheFixedTestGivesTheVerdict() {
        // b = 5, c = 0: z = 2.236 crosses the last boundary (2.08), exact p = 0.0625 does not.
        let base = RunReport(
            info: ComparerTests.info(1, "1"),
            results: (0..<5).map { ComparerTests.result("c\($0)", passed: true) })
        let candidate = RunReport(
            info: ComparerTests.info(2, "2"),
            results: (0..<5).map { ComparerTests.result("c\($0)", passed: false) })
        var comparison = Comparer.compare(base: base, candidate: candidate)
        #expect(comparison.statistics.verdict != .worse)
        let stop = SequentialStop(
            looks: 10, look: 10, stoppedAtCases: 5, plannedCases: 5, reason: .end,
            alphaSpent: 0.05, alpha: 0.05, boundary: 2.0812, z: 5 / 5.0.squareRoot(),
            margin: nil, savedRequests: 0)
        comparison.applySequential(stop)
        #expect(comparison.statistics.verdict == .worse)
        #expect(
            Comparison.explain(comparison.statistics).contains("sequential boundary was crossed"))
        // The other way: the fixed test would say worse, the boundary does not.
        var other = Comparer.compare(
            base: RunReport(
                info: ComparerTests.info(1, "1"),
                results: (0..<8).map { ComparerTests.result("c\($0)", passed: true) }),
            candidate: RunReport(
                info: ComparerTests.info(2, "2"),
                results: (0..<8).map { ComparerTests.result("c\($0)", passed: false) }))
        #expect(other.statistics.verdict == .worse)
        var weak = stop
        weak.boundary = 6.99
        weak.z = 8 / 8.0.squareRoot()
        other.applySequential(weak)
        #expect(other.statistics.verdict == .noSignificantDifference)
        #expect(Comparison.explain(other.statistics).contains("boundary was not crossed"))
    }
}
