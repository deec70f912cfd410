import Basics
import Foundation
import Testing

@testable import Feedback

/// `feedback analyze` on the example export (examples/feedback) and on small hand-made stores.
@Suite struct FeedbackAnalyzeTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/feedback/feedback-sample.jsonl").path

    /// A store holding the JSONL `text` (or the file at `path`).
    static func store(_ dir: FeedbackTempDir, jsonl text: String? = nil, path: String? = nil)
        throws -> FeedbackStore
    {
        let store = try dir.store()
        let source = try path ?? dir.write("in.jsonl", text ?? "")
        _ = try FeedbackImporter(store: store, options: ImportOptions(kind: .jsonl)).run(
            path: source)
        return store
    }

    @Test func sampleSurfacesTheNonEnglishPatternFirst() throws {
        let dir = try FeedbackTempDir()
        let store = try Self.store(dir, path: Self.sample)
        let analysis = try FeedbackAnalyzer().analyze(store)
        #expect(analysis.negatives == 251)
        #expect(analysis.positives > 0)
        let top = try #require(analysis.patterns.first)
        #expect(top.kind == .nonEnglish && top.share > 0.25, "\(top)")
        #expect(top.overRepresented && (top.lift ?? 0) > 1 && (top.pValue ?? 1) < 0.05)
        #expect(top.examples.count == 2)
        // Sorted: over-represented first, each group by share.
        let flags = analysis.patterns.map(\.overRepresented)
        #expect(flags == flags.sorted { $0 && !$1 })
        for group in [true, false] {
            let shares = analysis.patterns.filter { $0.overRepresented == group }.map(\.share)
            #expect(shares == shares.sorted(by: >))
        }
        // Per-language patterns carry the code; version and model do not single out failures.
        let languages = analysis.patterns.filter { $0.kind == .language }.map(\.value)
        #expect(Set(["de", "es", "fr", "ja", "pt"]).isSubset(of: Set(languages)))
        #expect(
            analysis.patterns.contains {
                $0.kind == .code && $0.value == "any" && $0.overRepresented
            })
        #expect(!analysis.patterns.contains { $0.kind == .version && $0.overRepresented })
        #expect(!analysis.patterns.contains { $0.kind == .feedbackType && $0.overRepresented })
        let clusters = analysis.patterns.filter { $0.kind == .cluster }
        #expect(!clusters.isEmpty && clusters.allSatisfy { !$0.examples.isEmpty })
        #expect(
            Set(analysis.patterns.map(\.kind)).isSuperset(of: [
                .version, .model, .language, .nonEnglish, .code, .length, .feedbackType, .theme,
                .cluster,
            ]))
    }

    @Test func resultsAreDeterministicAndFiltersApply() throws {
        let dir = try FeedbackTempDir()
        let store = try Self.store(dir, path: Self.sample)
        let a = try FeedbackAnalyzer().analyze(store)
        let b = try FeedbackAnalyzer().analyze(store)
        #expect(a.patterns.map(\.label) == b.patterns.map(\.label))
        let v11 = try FeedbackAnalyzer(selection: .init(version: "1.1")).analyze(store)
        #expect(v11.negatives > 0 && v11.negatives < a.negatives && v11.filteredOut > 0)
        #expect(v11.patterns.filter { $0.kind == .version }.map(\.value) == ["1.1"])
        // Cluster numbers do not depend on the filter.
        let labels = Dictionary(
            a.patterns.filter { $0.kind == .cluster }.map { ($0.value, $0.label) },
            uniquingKeysWith: { x, _ in x })
        for p in v11.patterns where p.kind == .cluster { #expect(labels[p.value] == p.label) }
        let future = try FeedbackAnalyzer(
            selection: .init(since: FeedbackTime.parse("2099-01-01"))
        ).analyze(store)
        #expect(future.negatives == 0 && future.patterns.isEmpty)
        #expect(future.text.contains("No negative feedback"))
    }

    @Test func emptyStoreAndOddRecords() throws {
        let dir = try FeedbackTempDir()
        let empty = try FeedbackAnalyzer().analyze(try dir.store())
        #expect(empty.negatives == 0 && empty.positives == 0 && empty.patterns.isEmpty)
        #expect(!empty.text.isEmpty && !empty.markdown.isEmpty)
        _ = try JSONText.pretty(empty.jsonObject)

        // Negatives only, missing versions, models and inputs: no lift, nothing over-represented.
        let dir2 = try FeedbackTempDir()
        let store = try Self.store(
            dir2,
            jsonl: """
                {"id": 1, "rating": -1, "response": "r"}
                {"id": 2, "rating": -1, "user_input": "¿Dónde puedo descargar mis facturas del mes?", "response": "x"}
                {"id": 3, "stars": 1, "user_input": "```\\ncode\\n```", "response": "y"}

                """)
        let analysis = try FeedbackAnalyzer().analyze(store)
        #expect(analysis.negatives == 3 && analysis.positives == 0)
        #expect(analysis.patterns.allSatisfy { $0.lift == nil && !$0.overRepresented })
        #expect(!analysis.patterns.contains { $0.kind == .version || $0.kind == .model })
        let json = try JSONText.pretty(analysis.jsonObject)
        #expect(json.contains("\"lift\" : null"))
        #expect(analysis.text.contains("no positive feedback to compare with"))
    }

    @Test func liftIsDefinedWhenNoPositiveHasTheTrait() throws {
        let dir = try FeedbackTempDir()
        var lines: [String] = []
        for i in 0..<20 {
            lines.append(
                #"{"id": \#(i), "rating": -1, "user_input": "Wie setze ich mein Passwort zurück, bitte?", "response": "r"}"#
            )
            lines.append(
                #"{"id": \#(100 + i), "rating": 1, "user_input": "How do I reset my password please?", "response": "r"}"#
            )
        }
        let store = try Self.store(dir, jsonl: lines.joined(separator: "\n"))
        let analysis = try FeedbackAnalyzer().analyze(store)
        let german = try #require(
            analysis.patterns.first { $0.kind == .language && $0.value == "de" })
        // share 1.0 among negatives ÷ (0.5 / 20) among positives.
        #expect(german.count == 20 && german.positiveCount == 0)
        #expect(abs((german.lift ?? 0) - 40) < 1e-9)
        #expect(german.overRepresented)
        let english = analysis.patterns.first { $0.kind == .language && $0.value == "en" }
        #expect(english == nil, "no negative is in English")
    }

    @Test func codeBlocksFencedIndentedAndInline() {
        #expect(
            CodeBlocks("see:\n```python\nx = 1\n```\nand\n~~~\ny\n~~~").languages == [
                "python", "unmarked",
            ])
        #expect(CodeBlocks("Why?\n```js\nconst a = 1;\n```").languages == ["js"])
        #expect(
            CodeBlocks("intro\n\n    let x = 1\n    let y = 2\n\nend").languages == ["unmarked"])
        #expect(CodeBlocks("a paragraph\n    continued, not code").isEmpty)
        #expect(CodeBlocks("inline ```x``` only").isEmpty)
        #expect(CodeBlocks("plain text").isEmpty)
        #expect(CodeBlocks("```{.rust}\nfn main() {}").languages == ["rust"])
    }

    @Test func commentThemes() {
        #expect(CommentTheme.themes(of: "Answered in the wrong language") == ["language"])
        #expect(
            CommentTheme.themes(of: "Way too long, I just needed the menu path.") == ["too-long"])
        #expect(CommentTheme.themes(of: "That is NOT our policy") == ["wrong"])
        #expect(CommentTheme.themes(of: "the code block lost its formatting") == ["formatting"])
        #expect(CommentTheme.themes(of: "meh").isEmpty)
        #expect(CommentTheme.themes(of: "").isEmpty)
        #expect(CommentTheme.themes(of: "didn't help, and it was rude") == ["tone", "unhelpful"])
    }

    @Test func clustererGroupsSimilarTextsDeterministically() {
        let texts = [
            ("How do I reset my password?", 5), ("reset password how", 2),
            ("Where can I download my invoices?", 4), ("download invoice PDF", 1),
            ("完全に無関係な日本語の文章です", 1),
        ]
        let documents = texts.map {
            TextClusterer.Document(tokens: TextTokens.of($0.0), weight: $0.1)
        }
        let result = TextClusterer().cluster(documents)
        #expect(result.clusters.map(\.count) == [7, 5])
        #expect(result.clusters.first?.label.contains("password") == true)
        #expect(result.clusters.map(\.id) == [1, 2])
        #expect(result.assign(TextTokens.of("password reset please")) == 1)
        #expect(result.assign(TextTokens.of("rate limits")) == nil)
        #expect(TextClusterer().cluster([]).clusters.isEmpty)
    }

    @Test func timesForSince() {
        #expect(FeedbackTime.parse("1970-01-02") == 86_400)
        #expect(FeedbackTime.parse("1970-01-01T01:00:00Z") == 3600)
        #expect(FeedbackTime.parse("1970-01-01T02:00:00+01:00") == 3600)
        #expect(FeedbackTime.parse("1970-01-01 00:00:01.5") == 1.5)
        #expect(FeedbackTime.parse("yesterday") == nil)
        #expect(FeedbackTime.parse("2026-13-01") == nil)
        #expect(FeedbackTime.parse("") == nil)
    }
}
