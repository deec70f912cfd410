import Foundation
import LanguageDetection
import Testing

/// Measures detection accuracy on ``LanguageCorpus`` and prints the table.
@Suite struct LanguageAccuracyTests {
    struct Row {
        var code: String
        var total: Int
        var correct: Int
        var meanConfidence: Double
        var misses: [(text: String, got: DetectedLanguage)]
        var accuracy: Double { Double(correct) / Double(total) }
    }

    static func measure(_ corpus: [(code: String, sentences: [String])]) -> [Row] {
        corpus.map { code, sentences in
            let detected = sentences.map { ($0, LanguageDetector.detect($0)) }
            let hits = detected.filter { $0.1.code == code }
            let confidence = hits.map(\.1.confidence).reduce(0, +) / Double(max(hits.count, 1))
            return Row(
                code: code, total: sentences.count, correct: hits.count,
                meanConfidence: confidence,
                misses: detected.filter { $0.1.code != code }.map { ($0.0, $0.1) })
        }
    }

    static func table(_ rows: [Row]) -> String {
        var lines = ["language  correct  accuracy  mean confidence (correct)"]
        for row in rows {
            let name = LanguageDetector.name(of: row.code) ?? row.code
            lines.append(
                "\(row.code) \(name.padding(toLength: 11, withPad: " ", startingAt: 0))"
                    + "\(row.correct)/\(row.total)".padding(
                        toLength: 9, withPad: " ", startingAt: 0)
                    + String(format: "%5.1f%%    %.2f", row.accuracy * 100, row.meanConfidence))
            for miss in row.misses {
                lines.append(
                    "     miss: \(miss.text) → \(miss.got.code) "
                        + String(format: "(%.2f)", miss.got.confidence))
            }
        }
        let total = rows.map(\.total).reduce(0, +)
        let correct = rows.map(\.correct).reduce(0, +)
        lines.append(
            "overall \(correct)/\(total) = "
                + String(format: "%.1f%%", 100 * Double(correct) / Double(total)))
        return lines.joined(separator: "\n")
    }

    @Test func accuracyOnSupportSentencesIsAtLeast95Percent() {
        let rows = Self.measure(LanguageCorpus.latin + LanguageCorpus.nonLatin)
        print(Self.table(rows))
        #expect(rows.count >= 12 && rows.allSatisfy { $0.total >= 15 })
        let total = rows.map(\.total).reduce(0, +)
        let correct = rows.map(\.correct).reduce(0, +)
        #expect(Double(correct) >= 0.95 * Double(total), "overall \(correct)/\(total)")
        for row in rows {
            #expect(row.correct >= 13, "\(row.code): \(row.correct)/\(row.total)")
        }
    }

    @Test func everyHeldOutAnswerIsRecognised() {
        let rows = Self.measure(LanguageCorpus.answers)
        print(Self.table(rows))
        for row in rows {
            #expect(row.correct == row.total, "\(row.code): \(row.misses.map(\.text))")
        }
    }

    @Test func freshSentencesOnOtherTopicsAreMostlyRecognised() {
        let rows = Self.measure(LanguageCorpus.fresh)
        print(Self.table(rows))
        let total = rows.map(\.total).reduce(0, +)
        let correct = rows.map(\.correct).reduce(0, +)
        #expect(Double(correct) >= 0.9 * Double(total), "fresh \(correct)/\(total)")
    }

    @Test func everyOtherSupportedLanguageIsRecognised() {
        let rows = Self.measure(LanguageCorpus.others)
        print(Self.table(rows))
        for row in rows {
            #expect(row.correct >= 4, "\(row.code): \(row.correct)/\(row.total)")
        }
        let measured = Set(
            (LanguageCorpus.latin + LanguageCorpus.nonLatin + LanguageCorpus.others)
                .map(\.code))
        #expect(measured == Set(LanguageDetector.supportedCodes))
    }
}
