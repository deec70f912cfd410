import Basics
import Compare
import Foundation
import Reports
import Testing

@testable import Gate

/// The gate's JSON holds the comparison's JSON as its first member, written a case at a time
/// one level in: byte for byte what parsing it and writing it again inside the gate gave.
@Suite struct GateReportJSONTests {
    func report(passed: Bool, reasons: [String], notes: [String], empty: Bool = false)
        -> GateReport
    {
        let comparison = CompareFixture.compare(
            empty
                ? []
                : [
                    .init(
                        id: "kept", base: [.pass("Go to Settings.")],
                        candidate: [.pass("Go to Settings.")]),
                    .init(
                        id: "broke", tags: ["billing"], input: "line one\nline \"two\"",
                        base: [.pass("ok")], candidate: [.fail("no\nway", "output lacks 'ok'")]),
                    .init(id: "down", base: [.pass("ok")], candidate: [.error("HTTP 500: <boom>")]),
                    .init(id: "gone", base: [.pass("ok")], candidate: nil),
                ])
        let decision = GateDecision(
            passed: passed, reasons: reasons, warnings: [], notes: notes)
        return GateReport(
            id: 7, path: ".promptgate/gates/7.json", decision: decision, comparison: comparison)
    }

    /// The way the gate JSON was written before: the comparison parsed back into objects.
    func reparsed(_ report: GateReport) throws -> String {
        let compare = try JSONSerialization.jsonObject(with: Data(report.comparison.json().utf8))
        let object: [String: Any] = [
            "gate_id": report.id, "decision": report.decision.passed ? "pass" : "blocked",
            "record": report.path, "complete": report.comparison.isComplete,
            "reasons": report.decision.reasons, "warnings": report.decision.warnings,
            "notes": report.decision.notes, "comparison": compare,
        ]
        return try JSONText.pretty(object)
    }

    @Test func theSplicedComparisonIsWhatReparsingWrote() throws {
        for report in [
            report(passed: false, reasons: ["1 regression in critical"], notes: []),
            report(passed: true, reasons: [], notes: ["known failure 'x' now passes"]),
            report(passed: false, reasons: ["no cases"], notes: [], empty: true),
        ] {
            let json = try report.json()
            #expect(json == (try reparsed(report)))
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let comparison = try #require(object["comparison"] as? [String: Any])
            #expect((comparison["cases"] as? [Any])?.count == report.comparison.cases.count)
            #expect(object["gate_id"] as? Int == 7)
        }
    }
}
