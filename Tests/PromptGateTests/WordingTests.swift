import Basics
import Foundation
import PromptGateModel
import Reports
import Testing

/// Counts read naturally (`1 error`, not `1 errors`) and the run's mode line says where its
/// answers came from.
@Suite struct WordingTests {
    @Test func pluralsAndSizes() {
        #expect(plural(1, "error") == "1 error")
        #expect(plural(0, "error") == "0 errors")
        #expect(plural(2, "case") == "2 cases")
        #expect(plural(1, "retry") == "1 retry")
        #expect(plural(3, "retry") == "3 retries")
        #expect(plural(2, "day") == "2 days")
        #expect(plural(2, "analysis", "analyses") == "2 analyses")
        #expect(pluralWord(1, "version") == "version")
        #expect(byteCountText(0) == "0 bytes")
        #expect(byteCountText(1) == "1 byte")
        #expect(byteCountText(512) == "512 bytes")
        #expect(!byteCountText(12_000).lowercased().contains("zero"))
    }

    static func info(mode: String, summary: RunSummary) -> RunInfo {
        RunInfo(
            id: 3, startedAt: "2026-12-01T00:00:00Z", promptID: "support", promptVersion: "1.2",
            prompt: .init(path: "prompts/support/v1.2.yaml", sha256: "ab"), suites: [],
            suiteNames: ["support"], providerName: "local", providerConfig: "{}",
            providerSHA256: "cd", promptgateVersion: "0", status: .completed, repeatCount: 1,
            mode: mode, summary: summary)
    }

    static func summary(total: Int, cached: Int = 0, errors: Int = 0, retries: Int = 0)
        -> RunSummary
    {
        var s = RunSummary()
        s.total = total
        s.planned = total
        s.passed = total - errors
        s.errors = errors
        s.cached = cached
        s.retries = retries
        return s
    }

    static func text(mode: String, _ s: RunSummary) -> String {
        RunReport(info: info(mode: mode, summary: s), results: [])
            .text(style: TerminalStyle(enabled: false))
    }

    @Test func modeLineCountsOrigins() {
        #expect(
            Self.text(mode: "live", Self.summary(total: 39, cached: 18)).contains(
                "(local, live: 21 sent, 18 from cache)"))
        #expect(
            Self.text(mode: "offline", Self.summary(total: 39)).contains(
                "(local, offline: 39 from recordings)"))
        // Answered entirely from the cache: not labelled as if it had been sent.
        let cached = Self.text(mode: "live", Self.summary(total: 39, cached: 39))
        #expect(cached.contains("(local, live: 0 sent, 39 from cache)"), "\(cached)")
        #expect(
            Self.text(mode: "record", Self.summary(total: 2)).contains("(local, record: 2 sent)"))
    }

    @Test func runSummaryInTheSingular() {
        let one = Self.text(mode: "live", Self.summary(total: 1, errors: 1, retries: 1))
        #expect(one.contains("1 case: 0 passed, 0 failed, 1 error · "), "\(one)")
        #expect(one.contains(" · 1 retry · "), "\(one)")
        #expect(!one.contains("1 errors") && !one.contains("1 retries"))
        var partial = Self.summary(total: 0)
        partial.planned = 1
        let none = RunReport(info: Self.info(mode: "live", summary: partial), results: [])
            .text(style: TerminalStyle(enabled: false))
        #expect(none.contains("1 of 1 planned case did not run"), "\(none)")
        let many = Self.text(mode: "live", Self.summary(total: 2, errors: 2, retries: 2))
        #expect(many.contains("2 cases: 0 passed") && many.contains("2 errors"))
        #expect(many.contains("2 retries"))
    }
}
