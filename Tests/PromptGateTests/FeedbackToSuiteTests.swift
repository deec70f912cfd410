import Foundation
import Testing
import YAMLCoding

@testable import Assertions
@testable import Basics
@testable import Feedback
@testable import PromptGateModel

/// `--pattern` expressions and the suites `feedback to-suite` writes.
@Suite struct FeedbackToSuiteTests {
    @Test func patternsParse() throws {
        let p = try RecordPattern.parse("language!=en and has_code AND comment~\"not our\"")
        #expect(
            p.conditions == [
                .compare(.language, .notEquals, "en"), .flag(.hasCode, negated: false),
                .compare(.comment, .contains, "not our"),
            ])
        #expect(p.isLanguagePattern && !p.usesClusters)
        #expect(p.tags == ["feedback", "non-english", "has-code", "not-our"])
        #expect(try RecordPattern.parse("cluster=3").usesClusters)
        #expect(
            try RecordPattern.parse("not has_correction").conditions == [
                .flag(.hasCorrection, negated: true)
            ])
        #expect(
            try RecordPattern.parse("version = 1.2").conditions == [
                .compare(.version, .equals, "1.2")
            ])
    }

    @Test func badPatternsPointAtTheProblem() {
        func failure(_ text: String) -> RecordPattern.ParseError? {
            do {
                _ = try RecordPattern.parse(text)
                return nil
            } catch { return error }
        }
        let field = failure("langauge!=en")
        #expect(field?.message.contains("did you mean 'language'") == true)
        #expect(field?.pointer == "  langauge!=en\n  ^^^^^^^^")
        let joiner = failure("has_code or non_english")
        #expect(joiner?.message == "expected 'and' between conditions")
        #expect(joiner?.offset == 9 && joiner?.length == 2)
        #expect(failure("language=sp")?.message.contains("did you mean 'es'") == true)
        #expect(failure("cluster=x")?.message.contains("number") == true)
        #expect(failure("cluster~3") != nil)
        #expect(failure("comment~\"open")?.message == "unclosed quote")
        #expect(failure("has_code and")?.message == "a condition must follow 'and'")
        #expect(failure("")?.message.contains("empty") == true)
        #expect(failure("language")?.message.contains("needs a comparison") == true)
        #expect(failure("=en") != nil)
    }

    private func selection(_ expression: String, limit: Int = 50) throws -> SuiteBuilder.Selection {
        let dir = try FeedbackTempDir()
        let store = try FeedbackAnalyzeTests.store(dir, path: FeedbackAnalyzeTests.sample)
        return try SuiteBuilder(pattern: try RecordPattern.parse(expression), limit: limit)
            .select(from: store)
    }

    @Test func nonEnglishCasesAssertTheInputLanguage() throws {
        let s = try selection("language!=en")
        #expect(s.matched == 83 && !s.cases.isEmpty)
        #expect(Set(s.cases.map(\.id)).count == s.cases.count)
        #expect(Set(s.cases.map { $0.vars["user_input"] ?? "" }).count == s.cases.count)
        for c in s.cases {
            let types = c.assert.map(\.typeName)
            #expect(types.first == "language" && types.contains("not-equals"))
            #expect(c.tags.contains("non-english"))
            #expect(c.source.feedbackID != nil && c.source.response != nil)
            if c.source.correction != nil { #expect(types.contains("llm-rubric")) }
        }
        let limited = try selection("language!=en", limit: 3)
        #expect(limited.cases.map(\.id) == Array(s.cases.prefix(3)).map(\.id))
    }

    @Test func codeCasesAskForAFence() throws {
        let s = try selection("has_code and version=1.2")
        #expect(!s.cases.isEmpty)
        for c in s.cases {
            #expect(c.assert.contains { $0.kind == .contains && $0.value == .string("```") })
            #expect(!c.assert.contains { $0.kind == .language })
            #expect(c.source.promptVersion == "1.2")
        }
        #expect(try selection("comment~\"no such words here\"").matched == 0)
    }

    @Test func nearDuplicatesAreMerged() {
        let a = Set(CommentTheme.words(of: "How do I export all of my account data as CSV"))
        let b = Set(CommentTheme.words(of: "how do i export all of my account data as csv today"))
        #expect(SuiteBuilder.similar(a, b))
        #expect(!SuiteBuilder.similar(a, Set(CommentTheme.words(of: "How do I delete my account"))))
    }

    private func draft(_ ids: [String]) -> SuiteDraft {
        SuiteDraft(
            suite: "s", prompt: "bot", description: "d",
            cases: ids.map { id in
                SuiteCaseDraft(
                    id: id, description: "x", vars: ["user_input": "question \(id) here"],
                    tags: ["feedback"], source: CaseSource(feedbackID: id, response: "bad\nanswer"),
                    assert: [
                        AssertionSpec(kind: .equals, negated: true, value: .string("bad\nanswer"))
                    ])
            })
    }

    @Test func appendingKeepsTheFileAndAddsOnlyNewCases() throws {
        let dir = try FeedbackTempDir()
        let path = dir.file("suites/s.yaml")
        let writer = SuiteFileWriter(path: path, name: "suites/s.yaml")
        #expect(try writer.write(draft(["fb-1", "fb-2"])).created)
        // A hand edit: a comment and a changed assertion.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "suite: s\n", with: "suite: s  # mine\n")
        text += "    # reviewed by hand\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let again = try writer.write(draft(["fb-1", "fb-2"]))
        #expect(again.added.isEmpty && again.alreadyThere == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let more = try writer.write(draft(["fb-1", "fb-2", "fb-3"]))
        #expect(more.added == ["fb-3"])
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.hasPrefix(text))
        let root = try #require(try YAMLParser.parse(Array(after.utf8), file: "s"))
        guard case .sequence(let items, _)? = root["cases"] else {
            Issue.record("no cases")
            return
        }
        #expect(items.compactMap { $0["id"]?.scalarValue } == ["fb-1", "fb-2", "fb-3"])
        #expect(items.last?["source"]?["response"]?.scalarValue == "bad\nanswer")
    }

    @Test func appendingToOddLayouts() throws {
        let dir = try FeedbackTempDir()
        let empty = try dir.write("e.yaml", "suite: s\nprompt: bot\ncases: []  # none yet\n")
        let added = try SuiteFileWriter(path: empty, name: "e.yaml").write(draft(["fb-9"]))
        #expect(added.added == ["fb-9"])
        let text = try String(contentsOfFile: empty, encoding: .utf8)
        #expect(text.hasPrefix("suite: s\nprompt: bot\ncases:\n  - id: fb-9\n"))

        let flow = try dir.write("f.yaml", "suite: s\nprompt: bot\ncases: [{id: a, vars: {}}]\n")
        #expect(throws: PromptGateError.self) {
            try SuiteFileWriter(path: flow, name: "f.yaml").write(draft(["fb-9"]))
        }
        let notLast = try dir.write(
            "n.yaml", "suite: s\ncases:\n  - id: a\nprompt: bot\n")
        #expect(throws: PromptGateError.self) {
            try SuiteFileWriter(path: notLast, name: "n.yaml").write(draft(["fb-9"]))
        }
        let other = try dir.write("o.yaml", "suite: s\nprompt: other\ncases:\n- id: a\n")
        #expect(throws: PromptGateError.self) {
            try SuiteFileWriter(path: other, name: "o.yaml").write(draft(["fb-9"]))
        }
        #expect(
            try String(contentsOfFile: notLast, encoding: .utf8)
                == "suite: s\ncases:\n  - id: a\nprompt: bot\n")
        // Items at column 0 stay at column 0.
        let flush = try dir.write("z.yaml", "suite: s\nprompt: bot\ncases:\n- id: a")
        #expect(
            try SuiteFileWriter(path: flush, name: "z.yaml").write(draft(["fb-9"])).added == [
                "fb-9"
            ])
        #expect(
            try String(contentsOfFile: flush, encoding: .utf8).contains("- id: a\n- id: fb-9\n"))
    }
}
