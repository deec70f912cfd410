import Feedback
import Foundation
import PromptGateModel
import Testing
import YAMLCoding

/// Which feedback is negative, and the `feedback:` section of promptgate.yaml that says so.
@Suite struct FeedbackNegativeTests {
    private func record(
        rating: Int? = nil, stars: Int? = nil, signal: ImplicitSignal? = nil,
        correction: String? = nil
    ) -> FeedbackRecord {
        FeedbackRecord(
            rating: rating, stars: stars, signal: signal, correction: correction, userInput: "q")
    }

    @Test func defaultPolicy() {
        let policy = NegativePolicy()
        #expect(policy.isNegative(record(rating: -1)))
        #expect(!policy.isNegative(record(rating: 1)))
        #expect(policy.isNegative(record(stars: 1)) && policy.isNegative(record(stars: 2)))
        #expect(!policy.isNegative(record(stars: 3)) && !policy.isNegative(record(stars: 5)))
        #expect(policy.isNegative(record(signal: .regenerated)))
        #expect(policy.isNegative(record(signal: .followUp)))
        #expect(policy.isNegative(record(signal: .edited)))
        #expect(!policy.isNegative(record(signal: .copied)))
        #expect(policy.isNegative(record(rating: 1, correction: "It should say X")))
        #expect(!policy.isNegative(record()))
    }

    @Test func positiveAndNeutral() {
        let policy = NegativePolicy()
        #expect(policy.isPositive(record(rating: 1)))
        #expect(policy.isPositive(record(stars: 4)) && policy.isPositive(record(signal: .copied)))
        #expect(!policy.isPositive(record(stars: 3)) && !policy.isNegative(record(stars: 3)))
        #expect(!policy.isPositive(record(rating: 1, correction: "fix")))
    }

    private func decode(_ yaml: String) throws -> NegativePolicy? {
        let text = "providers:\n  p: { type: openai, model: m }\n" + yaml
        return try YAMLDecoder().decode(
            ProjectConfig.self, from: Data(text.utf8), file: "promptgate.yaml"
        ).feedback?.negative
    }

    @Test func configuredInPromptgateYAML() throws {
        #expect(try decode("") == nil)
        #expect(try decode("feedback: {}\n") == NegativePolicy())
        let custom = try #require(
            try decode(
                """
                feedback:
                  negative:
                    max_stars: 3
                    signals: [regenerated]
                    correction: false
                    thumbs_down: false

                """))
        #expect(custom.maxStars == 3 && custom.signals == [.regenerated])
        #expect(!custom.isNegative(record(rating: -1)))
        #expect(custom.isNegative(record(stars: 3)))
        #expect(!custom.isNegative(record(signal: .followUp)))
        #expect(!custom.isNegative(record(correction: "a correction")))
    }

    @Test func strictKeysAndValues() {
        func message(_ yaml: String) -> String {
            do {
                _ = try decode(yaml)
                return "decoded"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("feedback:\n  negativ: {}\n").contains("unknown key 'negativ'"))
        #expect(message("feedback:\n  negative: { max_star: 2 }\n").contains("max_stars"))
        #expect(
            message("feedback:\n  negative: { signals: [regenerate] }\n").contains("regenerated"))
        #expect(message("feedback:\n  negative: { max_stars: 9 }\n").contains("0 (stars never"))
        #expect(message("feedback:\n  negative: { max_stars: 9 }\n").contains("promptgate.yaml:4:"))
    }

    /// The stored flags are refreshed with SQL built from the policy: it must agree with
    /// the Swift predicate on every combination.
    @Test func storedFlagsFollowThePolicyInForce() throws {
        let dir = try FeedbackTempDir()
        let store = try dir.store()
        var entries: [FeedbackStore.Entry] = []
        for rating in [nil, -1, 1] as [Int?] {
            for stars in [nil, 1, 2, 3, 5] as [Int?] {
                for signal in [nil] + ImplicitSignal.allCases as [ImplicitSignal?] {
                    for correction in [nil, "fixed answer"] as [String?] {
                        let r = record(
                            rating: rating, stars: stars, signal: signal, correction: correction)
                        entries.append(
                            .init(record: r, key: "k\(entries.count)", isNegative: false))
                    }
                }
            }
        }
        _ = try store.insert(entries, source: "test", importedAt: "now")
        let policies = [
            NegativePolicy(),
            NegativePolicy(thumbsDown: false, maxStars: 0, signals: [], correction: false),
            NegativePolicy(thumbsDown: true, maxStars: 3, signals: [.copied], correction: false),
        ]
        for policy in policies {
            try store.refreshNegatives(policy)
            for entry in try store.entries() {
                #expect(entry.isNegative == policy.isNegative(entry.record), "\(entry.record)")
            }
        }
    }
}
