import Foundation
import Testing

@testable import Basics
@testable import Feedback

/// `feedback impact` on hand-made outcomes.
@Suite struct FeedbackImpactTests {
    @Test func quantilesInterpolate() {
        #expect(ImpactReport.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(ImpactReport.quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.1)
        #expect(ImpactReport.quantile([7], 0.9) == 7)
        #expect(ImpactReport.quantile([], 0.5) == nil)
    }

    @Test func ratesTimesAndSavings() throws {
        var outcomes: [OutcomeRecord] = []
        for (i, time) in [100.0, 200, 300, 400].enumerated() {
            outcomes.append(
                OutcomeRecord(
                    sessionID: "a\(i)", promptVersion: "1.10",
                    outcome: i == 0 ? "escalated" : "resolved", timeToOutcomeMs: time - 50))
            outcomes.append(
                OutcomeRecord(
                    sessionID: "b\(i)", promptVersion: "1.9",
                    outcome: i < 2 ? "escalated" : "resolved", timeToOutcomeMs: time))
        }
        outcomes.append(OutcomeRecord(sessionID: "c", promptVersion: "1.9"))
        let report = try #require(try ImpactReport.compute(outcomes))
        #expect(report.control == "1.9", "versions order numerically")
        #expect(report.rows.map(\.version) == ["1.9", "1.10"])
        let control = report.rows[0]
        #expect(control.sessions == 5 && control.withOutcome == 4)
        #expect(control.resolutionRate == 0.5 && control.escalationRate == 0.5)
        #expect(control.medianMs == 250 && control.timeSavedMs == nil)
        let treatment = report.rows[1]
        #expect(treatment.resolutionRate == 0.75 && treatment.escalationRate == 0.25)
        #expect(treatment.timeSavedMs == 50)
        let interval = try #require(treatment.timeSavedInterval)
        #expect(interval.contains(50) && interval.low < 0, "four sessions each: not conclusive")
        let text = ImpactReport.text(report)
        #expect(text.contains("(control)") && text.contains("75.0%"))
    }

    @Test func oddShapes() throws {
        #expect(try ImpactReport.compute([]) == nil)
        #expect(ImpactReport.text(nil).contains("no outcomes"))
        let bare = [OutcomeRecord(sessionID: "x", promptVersion: "2")]
        let report = try #require(try ImpactReport.compute(bare))
        #expect(report.rows[0].resolutionRate == nil && report.rows[0].medianMs == nil)
        _ = try JSONText.pretty(ImpactReport.json(report))
        #expect(throws: PromptGateError.self) { try ImpactReport.compute(bare, control: "1") }
    }
}
