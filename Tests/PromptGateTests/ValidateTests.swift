import Foundation
import PromptGate
import TestKit
import Testing

/// `validate` in process: exact messages and positions for the problems a user makes.
@Suite struct ValidateTests {
    static let config = """
        providers:
          local: { type: openai, base_url: "http://127.0.0.1:9/v1", model: m }
        defaults: { provider: local }

        """

    static let prompt = """
        id: support
        version: "1.0"
        messages:
          - role: system
            content: |
              You help with {{ product }}.
          - role: user
            content: "{{ user_input }}"

        """

    /// Validates a project made of the given files plus a working config and prompt.
    func validate(_ files: [String: String]) throws -> ValidationReport {
        var all = ["promptgate.yaml": Self.config, "prompts/support/v1.0.yaml": Self.prompt]
        all.merge(files) { _, new in new }
        let project = try TempProject(files: all)
        return try Validation.run(root: project.root).1
    }

    func headline(_ report: ValidationReport) -> [String] { report.diagnostics.map(\.headline) }

    @Test func cleanProjectHasNoDiagnostics() throws {
        let report = try validate([
            "suites/a.yaml": """
            suite: a
            prompt: support
            defaults: { vars: { product: Acme } }
            cases:
              - id: c1
                vars: { user_input: hi }
                assert: [{ type: contains, value: x }]
            """
        ])
        #expect(report.diagnostics.isEmpty, "\(headline(report))")
        #expect(report.ok && report.cases == 1 && report.renders == 1)
    }

    @Test func unknownAssertionTypeIsPositionedWithSuggestion() throws {
        let src = MarkedSource(
            """
            suite: lang
            prompt: support
            defaults: { vars: { product: Acme } }
            cases:
              - id: c1
                vars: { user_input: hi }
                assert:
                  - { type: 1️⃣contians, value: x }
            """)
        let report = try validate(["suites/lang.yaml": src.text])
        #expect(
            headline(report) == [
                "suites/lang.yaml:\(src.position("1️⃣")): error: cases[0].assert[0].type: unknown assertion type 'contians'; did you mean 'contains'?"
            ])
    }

    @Test func missingVariableNamesCaseAndPlaceholderPosition() throws {
        let report = try validate([
            "suites/a.yaml": """
            suite: a
            prompt: support
            cases:
              - id: c1
                vars: { user_input: hi }
              - id: c2
                vars: { user_input: there }
            """
        ])
        let lines = headline(report)
        #expect(lines.count == 1)
        // `product` inside `{{ product }}` sits on line 6, column 24 of the prompt file.
        #expect(
            lines.first?.hasPrefix(
                "prompts/support/v1.0.yaml:6:24: error: messages[0].content: undefined variable 'product'"
            )
                == true, "\(lines)")
        #expect(lines.first?.contains("cases c1, c2 of suites/a.yaml") == true, "\(lines)")
    }

    @Test func duplicateCaseIDsMissingPromptAndUnknownKeys() throws {
        let src = MarkedSource(
            """
            suite: a
            prompt: 1️⃣suport
            cases:
              - id: c1
                vars: { user_input: hi, product: x }
              - id: 2️⃣c1
                3️⃣varz: { user_input: hi }
            """)
        let report = try validate(["suites/a.yaml": src.text])
        let lines = headline(report)
        #expect(
            lines.contains(
                "suites/a.yaml:\(src.position("1️⃣")): error: prompt: prompt 'suport' does not exist; did you mean 'support'?"
            ), "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("suites/a.yaml:\(src.position("3️⃣")): error: cases[1]")
                    && $0.contains("'varz'")
            },
            "\(lines)")
    }

    @Test func duplicateCaseIDIsReportedAtSecondOccurrence() throws {
        let src = MarkedSource(
            """
            suite: a
            prompt: support
            defaults: { vars: { product: x, user_input: y } }
            cases:
              - id: c1
              - id: 1️⃣c1
            """)
        let report = try validate(["suites/a.yaml": src.text])
        #expect(
            headline(report) == [
                "suites/a.yaml:\(src.position("1️⃣")): error: cases[1].id: duplicate case id 'c1'; first used at line 5"
            ])
    }

    @Test func badRegexAndBadParentAndUnknownProvider() throws {
        let src = MarkedSource(
            """
            suite: a
            prompt: support
            defaults: { vars: { product: x, user_input: y } }
            cases:
              - id: c1
                assert: [{ type: regex, value: 1️⃣"(a" }]
            """)
        let prompt = MarkedSource(
            """
            id: support
            version: "1.1"
            parent: 1️⃣"0.9"
            model: { provider: 2️⃣locl }
            messages:
              - { role: user, content: "{{ user_input }} {{ product }}" }
            """)
        let report = try validate([
            "suites/a.yaml": src.text, "prompts/support/v1.1.yaml": prompt.text,
        ])
        let lines = headline(report)
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "suites/a.yaml:\(src.position("1️⃣")): error: cases[0].assert[0].value: invalid regular expression '(a'"
                )
            }, "\(lines)")
        #expect(
            lines.contains(
                "prompts/support/v1.1.yaml:\(prompt.position("1️⃣")): error: parent: parent version '0.9' does not exist; did you mean '1.0'?"
            )
                || lines.contains {
                    $0.hasPrefix(
                        "prompts/support/v1.1.yaml:\(prompt.position("1️⃣")): error: parent: parent version '0.9' does not exist"
                    )
                }, "\(lines)")
        #expect(
            lines.contains(
                "prompts/support/v1.1.yaml:\(prompt.position("2️⃣")): error: model.provider: provider 'locl' is not configured; did you mean 'local'?"
            ), "\(lines)")
    }

    @Test func syntaxErrorsInOneFileDoNotHideOthers() throws {
        let report = try validate([
            "suites/a.yaml": "suite: a\nprompt: support\ncases:\n  - id: c1\n\tvars: {}\n",
            "suites/b.yaml": "suite: b\nprompt: support\ncases: [ { id: x }\n",
            "suites/c.yaml": "",
        ])
        let files = Set(report.diagnostics.map(\.file))
        #expect(
            files == ["suites/a.yaml", "suites/b.yaml", "suites/c.yaml"], "\(headline(report))")
        #expect(
            report.diagnostics.allSatisfy { $0.line > 0 && $0.column > 0 }, "\(headline(report))")
    }

    @Test func fileVarsLoadInsideRootAndRefuseOutside() throws {
        let report = try validate([
            "suites/data/q.txt": "hello",
            "suites/a.yaml": """
            suite: a
            prompt: support
            defaults: { vars: { product: x } }
            cases:
              - id: inside
                vars: { user_input: "file://data/q.txt" }
              - id: outside
                vars: { user_input: "file://../../etc/passwd" }
              - id: missing
                vars: { user_input: "file://nope.txt" }
            """,
        ])
        let lines = headline(report)
        #expect(lines.count == 2, "\(lines)")
        #expect(
            lines.contains {
                $0.contains("cases[1].vars") && $0.contains("outside the project root")
            }, "\(lines)")
        #expect(
            lines.contains { $0.contains("cases[2].vars") && $0.contains("not found") }, "\(lines)")
    }

    @Test func jsonDiagnosticsHaveFileLineColumnPathMessage() throws {
        let report = try validate([
            "suites/a.yaml": "suite: a\nprompt: support\ncases:\n  - id: c1\n    tpyo: 1\n"
        ])
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(object["ok"] as? Bool == false)
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "suites/a.yaml")
        #expect(first["line"] as? Int == 5)
        #expect(first["column"] as? Int == 5)
        #expect(first["path"] as? String != nil)
        #expect((first["message"] as? String)?.contains("tpyo") == true)
    }
}
