import Foundation
import ProjectValidation
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

    @Test func providerURLWithoutHTTPSchemeIsPositionedWithTheFix() throws {
        let cases: [(String, String)] = [
            (
                "localhost:8080/v1",
                "base_url must start with http:// or https://, got 'localhost:8080/v1'; did you mean 'http://localhost:8080/v1'?"
            ),
            (
                "ftp://models.example.com/v1",
                "base_url must start with http:// or https://, got 'ftp://models.example.com/v1'; providers are called over HTTP, not ftp: use 'https://models.example.com/v1' or 'http://models.example.com/v1'"
            ),
        ]
        for (url, message) in cases {
            let config = MarkedSource(
                """
                providers:
                  local: { type: openai, base_url: 1️⃣"\(url)", model: m }
                defaults: { provider: local }
                """)
            let report = try validate(["promptgate.yaml": config.text])
            #expect(
                headline(report) == [
                    "promptgate.yaml:\(config.position("1️⃣")): error: providers.local.base_url: \(message)"
                ])
        }
    }

    @Test func judgedAssertionsWithoutAJudgeArePositioned() throws {
        let suite = MarkedSource(
            """
            suite: graded
            prompt: support
            defaults:
              vars: { product: Acme, user_input: hi }
              assert:
                - { type: 1️⃣llm-rubric, value: "is polite" }
            cases:
              - id: c1
                assert:
                  - type: assert-set
                    assert:
                      - { type: contains, value: x }
                      - { type: factuality, value: "Refunds take 5 days" }
              - id: c2
                assert:
                  - { type: answer-relevance, provider: local }
                  - { type: llm-rubric, value: rude, provider: 2️⃣locl }
            """)
        let nested = MarkedSource(
            """
            suite: nested
            prompt: support
            defaults: { vars: { product: Acme, user_input: hi } }
            cases:
              - id: only
                assert:
                  - type: assert-set
                    assert:
                      - { type: 1️⃣factuality, value: "Refunds take 5 days" }
            """)
        let report = try validate([
            "suites/graded.yaml": suite.text, "suites/nested.yaml": nested.text,
        ])
        #expect(
            headline(report) == [
                "suites/graded.yaml:\(suite.position("1️⃣")): error: defaults.assert[0].type: 'llm-rubric' is graded by a judge model, but no judge is configured; add judge: { provider: NAME, model: MODEL } to promptgate.yaml (providers: local), or provider: NAME to this assertion (1 more assertion in this file)",
                "suites/graded.yaml:\(suite.position("2️⃣")): error: cases[1].assert[1].provider: provider 'locl' is not configured; did you mean 'local'?",
                "suites/nested.yaml:\(nested.position("1️⃣")): error: cases[0].assert[0].assert[0].type: 'factuality' is graded by a judge model, but no judge is configured; add judge: { provider: NAME, model: MODEL } to promptgate.yaml (providers: local), or provider: NAME to this assertion",
            ])
        // With a judge, the same suites are clean.
        let judged = try validate([
            "promptgate.yaml": Self.config + "judge: { provider: local, model: m }\n",
            "suites/nested.yaml": nested.text,
        ])
        #expect(judged.diagnostics.isEmpty, "\(headline(judged))")
    }

    @Test func similarWithoutEmbeddingsIsPositioned() throws {
        let suite = MarkedSource(
            """
            suite: near
            prompt: support
            defaults: { vars: { product: Acme, user_input: hi } }
            cases:
              - id: c1
                assert:
                  - { type: contains, value: x }
                  - { type: 1️⃣similar, value: "a refund in five days", threshold: 0.8 }
              - id: c2
                assert: [{ type: similar, value: "other", provider: local }]
            """)
        let report = try validate(["suites/near.yaml": suite.text])
        #expect(
            headline(report) == [
                "suites/near.yaml:\(suite.position("1️⃣")): error: cases[0].assert[1].type: 'similar' compares embeddings, but no embeddings provider is configured; add embeddings: { provider: NAME, model: MODEL } to promptgate.yaml (providers: local), or provider: NAME to this assertion"
            ])
        let configured = try validate([
            "promptgate.yaml": Self.config + "embeddings: { provider: local, model: e }\n",
            "suites/near.yaml": suite.text,
        ])
        #expect(configured.diagnostics.isEmpty, "\(headline(configured))")
    }

    @Test func execCommandsThatCannotRunArePositioned() throws {
        let config = MarkedSource(
            """
            providers:
              local: { type: openai, base_url: "http://127.0.0.1:9/v1", model: m }
              app: { type: exec, command: 1️⃣./bin/answer }
              tool: { type: exec, command: 2️⃣no-such-promptgate-tool }
              plain: { type: exec, command: 3️⃣bin/plain.sh }
              dir: { type: exec, command: 4️⃣bin }
              ok: { type: exec, command: bin/ok.sh }
              shell: { type: exec, command: sh }
            defaults: { provider: local }
            """)
        let project = try TempProject(files: [
            "promptgate.yaml": config.text, "prompts/support/v1.0.yaml": Self.prompt,
            "bin/plain.sh": "#!/bin/sh\necho hi\n", "bin/ok.sh": "#!/bin/sh\necho hi\n",
        ])
        #expect(chmod(project.path("bin/ok.sh"), 0o755) == 0)
        let report = try Validation.run(
            root: project.root, commandEnvironment: ["PATH": "/usr/bin:/bin"]
        ).1
        #expect(
            headline(report) == [
                "promptgate.yaml:\(config.position("1️⃣")): error: providers.app.command: command './bin/answer' does not exist: there is no bin/answer in the project root (relative commands resolve against it)",
                "promptgate.yaml:\(config.position("2️⃣")): error: providers.tool.command: command 'no-such-promptgate-tool' was not found on PATH or in the project root; install it, or give its path (e.g. ./bin/no-such-promptgate-tool)",
                "promptgate.yaml:\(config.position("3️⃣")): error: providers.plain.command: command 'bin/plain.sh' is not executable; make it so with chmod +x bin/plain.sh",
                "promptgate.yaml:\(config.position("4️⃣")): error: providers.dir.command: command 'bin' is a directory, not a program",
            ])
        // Without an environment (offline runs), commands are not looked up.
        let unchecked = try Validation.run(root: project.root, commandEnvironment: nil).1
        #expect(unchecked.diagnostics.isEmpty, "\(headline(unchecked))")
    }
}
