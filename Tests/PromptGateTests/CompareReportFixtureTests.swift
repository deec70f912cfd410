import Assertions
import Compare
import Foundation
import PromptGateModel
import Providers
import Testing

/// Synthetic comparisons for the report tests, built through `Comparer.compare` so the
/// statistics are the real ones.
enum CompareFixture {
    /// One repeat of one side: passed or failed with an output, or an error.
    struct Repeat {
        var passed: Bool
        var output: String?
        var error: String?
        var reasons: [String]

        static func pass(_ output: String) -> Repeat {
            Repeat(passed: true, output: output, error: nil, reasons: [])
        }
        static func fail(_ output: String, _ reasons: String...) -> Repeat {
            Repeat(passed: false, output: output, error: nil, reasons: reasons)
        }
        static func error(_ message: String) -> Repeat {
            Repeat(passed: false, output: nil, error: message, reasons: [])
        }
    }

    /// A case as both runs saw it; nil for a side that does not have it.
    struct Case {
        var suite = "support"
        var id: String
        var tags: [String] = []
        var input = "How do I reset my password?"
        var base: [Repeat]?
        var candidate: [Repeat]?
    }

    static func info(id: Int64, version: String, provider: String = "openai") -> RunInfo {
        RunInfo(
            id: id, startedAt: "2026-11-02T10:00:00Z", promptID: "support",
            promptVersion: version,
            prompt: .init(path: "prompts/support/v\(version).yaml", sha256: "ab"),
            suites: [], suiteNames: ["support"], providerName: provider, providerConfig: "{}",
            providerSHA256: "cd", promptgateVersion: "0.1.0", status: .completed, repeatCount: 1,
            mode: "offline")
    }

    static func compare(_ cases: [Case], candidateProvider: String = "openai") -> Comparison {
        var base: [CaseResult] = []
        var candidate: [CaseResult] = []
        for (ordinal, c) in cases.enumerated() {
            for (i, r) in (c.base ?? []).enumerated() {
                base.append(result(c, r, repeatIndex: i, ordinal: ordinal))
            }
            for (i, r) in (c.candidate ?? []).enumerated() {
                candidate.append(result(c, r, repeatIndex: i, ordinal: ordinal))
            }
        }
        return Comparer.compare(
            base: RunReport(info: info(id: 1, version: "1.2"), results: base),
            candidate: RunReport(
                info: info(id: 2, version: "1.3", provider: candidateProvider),
                results: candidate))
    }

    private static func result(_ c: Case, _ r: Repeat, repeatIndex: Int, ordinal: Int)
        -> CaseResult
    {
        let assertions =
            r.reasons.map { reason -> AssertionResult in
                let parts = reason.split(separator: ":", maxSplits: 1)
                return AssertionResult(
                    type: String(parts[0]), passed: false, score: 0,
                    reason: parts.count > 1 ? String(parts[1].dropFirst()) : reason)
            } + [AssertionResult(type: "max-length", passed: true, score: 1, reason: "ok")]
        return CaseResult(
            suite: c.suite, caseID: c.id, repeatIndex: repeatIndex, ordinal: ordinal, tags: c.tags,
            messages: [
                ChatMessage(role: "system", content: "You are support."),
                ChatMessage(role: "user", content: c.input),
            ],
            output: r.output, passed: r.error == nil && r.passed, score: r.passed ? 1 : 0,
            assertions: r.error == nil ? assertions : [], latencyMs: 12, promptTokens: 10,
            completionTokens: 20, finishReason: "stop", error: r.error, requestKey: "k",
            origin: .recording)
    }

    static let script = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    static let pipes = "a || b | c\u{2028}d\u{2029}e"
    static let backticks =
        "```` four ````\n```swift\nlet x = 1\n```\n</details></summary><!--<script>"
    static let control = "red \u{1B}[31mtext\u{0} and \u{7F} done"

    /// Every status, and outputs, ids, tags and reasons that try to break out of their place.
    static func hostile() -> Comparison { compare(hostileCases()) }

    static func hostileCases() -> [Case] {
        [
            Case(
                id: "reg-script", tags: ["security"], input: "<b>hi</b> | `x` " + script,
                base: [.pass("Hello, here is how.")],
                candidate: [.fail(script, "not-contains: found \"\(script)\"")]),
            Case(
                id: "reg|<b>pipe</b>", tags: ["pipes|tag", "security"],
                base: [.pass("a | b")], candidate: [.fail(pipes, "equals: expected `a | b`")]),
            Case(
                id: "reg-ticks", base: [.pass("use ```swift\ncode\n```")],
                candidate: [.fail(backticks, "contains: missing ``` fence </details>")]),
            Case(
                id: "reg-control", base: [.pass("plain")],
                candidate: [.fail(control, "regex: \u{1B}[0m no match")]),
            Case(
                id: "imp-1", tags: ["multilingual"],
                base: [.fail("As an AI, I can't.", "not-contains: found \"As an AI\"")],
                candidate: [.pass("Sure: open Settings > Security.")]),
            Case(id: "same-pass", base: [.pass("Same text.")], candidate: [.pass("Same text.")]),
            Case(
                id: "changed-pass", base: [.pass("Open Settings.")],
                candidate: [.pass("Open   Settings.")]),
            Case(
                id: "still-fail", base: [.fail("no", "contains: missing yes")],
                candidate: [.fail("nope", "contains: missing yes")]),
            Case(
                id: "flaky", tags: ["multilingual"],
                base: [.pass("one"), .pass("one"), .fail("two", "contains: missing one")],
                candidate: [.pass("one"), .pass("one"), .pass("one")]),
            Case(
                id: "err", base: [.pass("fine")],
                candidate: [.error("HTTP 500: <html>" + script + "</html>")]),
            Case(id: "new-case", base: nil, candidate: [.pass("brand new")]),
            Case(id: "removed-case", base: [.pass("old")], candidate: nil),
        ]
    }

    /// `count` cases split between regressions and improvements, with outputs of `length`
    /// characters, plus as many unchanged passing cases.
    static func large(
        regressions: Int, improvements: Int, passing: Int = 0, length: Int = 400
    ) -> Comparison {
        func text(_ i: Int, _ word: String) -> String {
            var s = "Case \(i): "
            while s.count < length { s += "\(word) step \(s.count % 97) | `x` <b>. " }
            return s
        }
        var cases: [Case] = []
        for i in 0..<regressions {
            cases.append(
                Case(
                    id: "r\(i)", tags: ["t\(i % 7)"], base: [.pass(text(i, "open"))],
                    candidate: [.fail(text(i, "close"), "contains: missing open")]))
        }
        for i in 0..<improvements {
            cases.append(
                Case(
                    id: "i\(i)", tags: ["t\(i % 5)"],
                    base: [.fail(text(i, "close"), "contains: missing open")],
                    candidate: [.pass(text(i, "open"))]))
        }
        for i in 0..<passing {
            let same = text(i, "same")
            cases.append(Case(id: "p\(i)", base: [.pass(same)], candidate: [.pass(same)]))
        }
        return compare(cases)
    }

    /// A paired table: `a` both pass, `b` regressions, `c` improvements, `d` both fail.
    static func counts(a: Int, b: Int, c: Int, d: Int) -> Comparison {
        var cases: [Case] = []
        func add(_ n: Int, _ name: String, _ base: Bool, _ candidate: Bool) {
            for i in 0..<n {
                let b: Repeat = base ? .pass("yes \(i)") : .fail("no \(i)", "contains: missing yes")
                let c: Repeat =
                    candidate ? .pass("yes \(i)") : .fail("no \(i)", "contains: missing yes")
                cases.append(Case(id: "\(name)\(i)", base: [b], candidate: [c]))
            }
        }
        add(a, "a", true, true)
        add(b, "b", true, false)
        add(c, "c", false, true)
        add(d, "d", false, false)
        return compare(cases)
    }
}

@Suite struct CompareReportFixtureTests {
    @Test func hostileFixtureCoversEveryStatus() {
        let comparison = CompareFixture.hostile()
        let statuses = Set(comparison.cases.map(\.status))
        // not-run needs the suites' expected cases: CoverageTests covers it.
        #expect(statuses == Set(CaseStatus.allCases).subtracting([.notRun]))
        #expect(comparison.cases(.regression).count == 4)
        #expect(comparison.cases(.improvement).count == 1)
        #expect(comparison.cases(.error).count == 1)
    }

    @Test func countsFixtureHasTheRequestedTable() {
        let s = CompareFixture.counts(a: 61, b: 10, c: 2, d: 27).statistics
        #expect(s.pairs == 100 && s.regressions == 10 && s.improvements == 2)
        #expect(s.baseline.passed == 71 && s.candidate.passed == 63)
    }
}
