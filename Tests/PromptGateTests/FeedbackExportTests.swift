import Feedback
import Foundation
import Testing

/// Corrections as OpenAI fine-tuning JSONL: the shapes, and what is skipped.
@Suite struct FeedbackExportTests {
    let dir: FeedbackTempDir
    let store: FeedbackStore

    init() throws {
        dir = try FeedbackTempDir()
        store = try dir.store()
        let records = [
            FeedbackRecord(
                id: "1", rating: -1, correction: "  Ve a Configuración > Seguridad.  ",
                systemPrompt: "Be concise.", userInput: "¿Cómo cambio la contraseña?",
                response: "Go to Settings."),
            FeedbackRecord(
                id: "2", rating: -1, correction: "ok thanks", userInput: "q", response: "r"),
            FeedbackRecord(id: "3", rating: 1, userInput: "no correction", response: "fine"),
            FeedbackRecord(
                id: "4", correction: "A correction without any input", response: "bad"),
            FeedbackRecord(
                id: "5", rating: -1, correction: "Ve a Configuración > Seguridad.",
                systemPrompt: "Be concise.", userInput: "¿Cómo cambio la contraseña?",
                response: "Go to Settings."),
            FeedbackRecord(
                id: "6", correction: "The same text as the response.",
                userInput: "question without system prompt",
                response: "The same text as the response."),
            FeedbackRecord(
                id: "7", correction: "Quote \"this\", a \\ backslash,\ttab, \u{1} and 😀 /x",
                userInput: "line one\nline two", response: "bad"),
        ]
        _ = try store.insert(
            records.map { .init(record: $0, key: "id:\($0.id ?? "")", isNegative: true) },
            source: "t", importedAt: "now")
    }

    private func export(_ format: FinetuneExporter.Format, min: Int = 20) throws -> (
        [[String: Any]], FinetuneExporter.Summary
    ) {
        var lines: [String] = []
        let summary = try FinetuneExporter(format: format, minCorrectionChars: min).export(
            from: store
        ) { lines.append($0) }
        let objects = try lines.map { line in
            #expect(!line.contains("\n"), "one example per line")
            return try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (objects, summary)
    }

    @Test func supervisedChatExamples() throws {
        let (objects, summary) = try export(.openAISFT)
        #expect(summary.written == 3)
        #expect(summary.shortCorrection == 1 && summary.noInput == 1 && summary.duplicate == 1)
        let messages = try #require(objects.first?["messages"] as? [[String: String]])
        #expect(
            messages == [
                ["role": "system", "content": "Be concise."],
                ["role": "user", "content": "¿Cómo cambio la contraseña?"],
                ["role": "assistant", "content": "Ve a Configuración > Seguridad."],
            ])
        let second = try #require(objects[1]["messages"] as? [[String: String]])
        #expect(second.first?["role"] == "user", "no system message when there is none")
        let escaped = try #require(objects.last?["messages"] as? [[String: String]])
        #expect(
            escaped == [
                ["role": "user", "content": "line one\nline two"],
                [
                    "role": "assistant",
                    "content": "Quote \"this\", a \\ backslash,\ttab, \u{1} and 😀 /x",
                ],
            ])
    }

    @Test func preferencePairs() throws {
        let (objects, summary) = try export(.openAIDPO)
        #expect(summary.written == 2 && summary.noResponse == 1, "equal response is no pair")
        let object = try #require(objects.first)
        let input = try #require(object["input"] as? [String: Any])
        #expect((input["messages"] as? [[String: String]])?.count == 2)
        #expect(
            object["preferred_output"] as? [[String: String]] == [
                ["role": "assistant", "content": "Ve a Configuración > Seguridad."]
            ])
        #expect(
            object["non_preferred_output"] as? [[String: String]] == [
                ["role": "assistant", "content": "Go to Settings."]
            ])
    }

    @Test func minimumLengthIsConfigurable() throws {
        let (_, lenient) = try export(.openAISFT, min: 5)
        #expect(lenient.written == 4 && lenient.shortCorrection == 0)
        let (_, strict) = try export(.openAISFT, min: 500)
        #expect(strict.written == 0 && strict.shortCorrection == 6)
    }
}
