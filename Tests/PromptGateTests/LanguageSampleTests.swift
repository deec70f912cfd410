import Foundation
import LanguageDetection
import Testing

/// Detection on the example production feedback export (examples/feedback/feedback-sample.jsonl),
/// whose user inputs are in English, German, Spanish, French, Portuguese and Japanese.
@Suite struct LanguageSampleTests {
    struct Record {
        var input: String
        var response: String?
        var correction: String?
    }

    static func records() throws -> [Record] {
        let path = TempProjectPaths.exampleFeedback + "/feedback-sample.jsonl"
        try #require(FileManager.default.fileExists(atPath: path), "missing: \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let row = try #require(object as? [String: Any])
            return Record(
                input: try #require(row["user_input"] as? String),
                response: row["response"] as? String, correction: row["correction"] as? String)
        }
    }

    static func distribution(_ texts: [String]) -> [(code: String, count: Int)] {
        var counts: [String: Int] = [:]
        for text in texts { counts[LanguageDetector.detect(text).code, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted {
            ($1.count, $0.code) < ($0.count, $1.code)
        }
    }

    static func describe(_ distribution: [(code: String, count: Int)]) -> String {
        distribution.map { "\($0.code) \($0.count)" }.joined(separator: ", ")
    }

    @Test func everyUserInputIsInOneOfTheSampleLanguages() throws {
        let records = try Self.records()
        #expect(records.count == 600)
        let plausible: Set<String> = ["en", "de", "es", "fr", "pt", "ja"]
        var misses: [String] = []
        for record in records {
            let detected = LanguageDetector.detect(record.input)
            if !plausible.contains(detected.code) || detected.confidence < 0.3 {
                misses.append("\(detected.code) \(detected.confidence): \(record.input)")
            }
        }
        #expect(misses.isEmpty, "\(misses)")
        let distribution = Self.distribution(records.map(\.input))
        print("feedback-sample user_input languages: \(Self.describe(distribution))")
        #expect(Set(distribution.map(\.code)) == plausible)
        // Inputs with a code block are English questions: the code must not sway detection.
        let withCode = records.filter { $0.input.contains("```") }
        #expect(!withCode.isEmpty)
        #expect(withCode.allSatisfy { LanguageDetector.detect($0.input).code == "en" })
    }

    @Test func responsesAndCorrectionsAreDetectedToo() throws {
        let records = try Self.records()
        let responses = records.compactMap(\.response)
        let corrections = records.compactMap(\.correction)
        let responseLanguages = Self.distribution(responses)
        #expect(responseLanguages.first?.code == "en")
        let correctionLanguages = Self.distribution(corrections)
        print("feedback-sample response languages: \(Self.describe(responseLanguages))")
        print("feedback-sample correction languages: \(Self.describe(correctionLanguages))")
        let mismatched = records.filter { record in
            guard let response = record.response else { return false }
            return LanguageDetector.detect(record.input).code
                != LanguageDetector.detect(response).code
        }
        print("feedback-sample responses not in the input's language: \(mismatched.count)")
        // The sample's responses are all English, so every non-English input is a mismatch.
        let nonEnglishInputs = records.filter { LanguageDetector.detect($0.input).code != "en" }
        #expect(mismatched.count == nonEnglishInputs.count)
        // Only texts too short to tell ("ok thanks": under 10 letters) may stay unknown.
        let unknown = (responses + corrections).filter { !LanguageDetector.detect($0).isKnown }
        #expect(unknown.allSatisfy { $0.filter(\.isLetter).count < 10 }, "\(Set(unknown))")
    }
}
