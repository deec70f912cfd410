import Templates
import Testing

@Suite struct TemplateErrorTests {
    private func parseError(_ source: String) -> TemplateError? {
        do {
            _ = try Template(source)
            return nil
        } catch {
            return error
        }
    }

    @Test func undefinedVariableNamesItAndItsPosition() throws {
        let template = try Template("héllo\n  ¿{{ user_input }}?")
        let error = #expect(throws: TemplateError.self) { try template.render([:]) }
        #expect(error?.kind == .undefinedVariable("user_input"))
        #expect(error?.message == "undefined variable 'user_input'")
        // Column counts Unicode scalars ("  ¿{{ " is 6), offset counts UTF-8 bytes.
        #expect(error?.position == TemplatePosition(line: 2, column: 7, offset: 14))
        #expect(error?.description == "2:7: undefined variable 'user_input'")
    }

    @Test func undefinedVariableSuggestsACloseName() throws {
        let template = try Template("{{ user_inptu }} {{ order.idd }}")
        let errors = template.check(["user_input": "x", "order": ["id": 1]])
        #expect(
            errors.map(\.message) == [
                "undefined variable 'user_inptu'; did you mean 'user_input'?",
                "undefined variable 'order.idd'",
            ])
        #expect(
            errors.map(\.kind) == [
                .undefinedVariable("user_inptu"), .undefinedVariable("order.idd"),
            ])
        #expect(errors.map(\.position.column) == [4, 21])
    }

    @Test func checkCollectsEveryErrorInTakenBranchesOnly() throws {
        let template = try Template(
            "{{ a }}{{#if on}}{{ b }}{{else}}{{ c }}{{/if}}\n{{ d | lower }}")
        let errors = template.check(["on": true])
        #expect(
            errors.map(\.kind) == [
                .undefinedVariable("a"), .undefinedVariable("b"), .undefinedVariable("d"),
            ])
        #expect(errors.map(\.position.line) == [1, 1, 2])
        #expect(template.check(["on": true, "a": 1, "b": 2, "d": "D"]).isEmpty)
        let error = #expect(throws: TemplateError.self) { try template.render(["on": false]) }
        #expect(error?.kind == .undefinedVariable("a"))
    }

    @Test func ifOnMissingVariableIsNotAnError() throws {
        #expect(try Template("{{#if nope}}x{{/if}}ok").render([:]) == "ok")
        #expect(try Template("{{#if nope}}x{{/if}}ok").check([:]).isEmpty)
    }

    @Test func unknownFilterSuggestsTheNearestOne() throws {
        let error = parseError("Hi\n{{ name | uper }}")
        #expect(error?.kind == .unknownFilter("uper"))
        #expect(error?.message == "unknown filter 'uper'; did you mean 'upper'?")
        #expect(error?.position == TemplatePosition(line: 2, column: 11, offset: 13))
        let far = parseError("{{ name | shout }}")
        #expect(far?.kind == .unknownFilter("shout"))
        #expect(
            far?.message
                == "unknown filter 'shout'; known filters: default, json, lower, trim, upper")
    }

    @Test(arguments: [
        "{{ x | default }}", "{{ x | default() }}", #"{{ x | default("a", "b") }}"#,
        #"{{ x | upper("a") }}"#, "{{ x | default(5) }}",
    ])
    func badFilterArguments(source: String) {
        #expect(parseError(source)?.kind == .badFilterArgument)
    }

    @Test(arguments: [
        ("ab {{ x ", "unclosed '{{' (expected '}}')", 4),
        ("ab {{ x } y", "unclosed '{{' (expected '}}')", 4),
        ("x{{/if}}", "'{{/if}}' without '{{#if}}'", 2),
        ("x{{else}}", "'{{else}}' without '{{#if}}'", 2),
        ("{{#if a}}1{{else}}2{{else}}3{{/if}}", "second '{{else}}' for '{{#if}}' at line 1", 20),
        ("{{}}", "empty tag '{{}}'; expected a variable name", 3),
        ("{{ a b }}", "unexpected 'b' in tag; expected '|' or '}}'", 6),
        ("{{#each a}}{{/each}}", "unknown block '{{#each}}'; only '{{#if}}' is supported", 3),
        ("{{#if}}{{/if}}", "expected a variable name after '{{#if'", 6),
        ("{{ a. }}", "expected a key or an index after '.'", 6),
        (#"{{ a | default("x) }}"#, "unterminated string literal (missing '\"')", 16),
        ("{{ a | }}", "expected a filter name after '|'", 8),
    ])
    func syntaxErrorsArePositioned(source: String, message: String, column: Int) {
        let error = parseError(source)
        #expect(error?.kind == .syntax)
        #expect(error?.message == message)
        #expect(error?.position.line == 1)
        #expect(error?.position.column == column)
    }

    @Test func missingEndIfNamesTheOpeningLine() {
        let error = parseError("intro\n{{#if a}}\n  {{#if b}}x{{/if}}\nend")
        #expect(error?.kind == .syntax)
        #expect(error?.message == "missing '{{/if}}' for '{{#if}}' at line 2")
        #expect(error?.position == TemplatePosition(line: 4, column: 4, offset: 39))
    }

    @Test func deepNestingIsRejectedNotACrash() throws {
        let deep = String(repeating: "{{#if a}}", count: 10_000)
        #expect(parseError(deep)?.message == "'{{#if}}' blocks nested more than 100 deep")
        let fine =
            String(repeating: "{{#if a}}", count: 100) + "x"
            + String(repeating: "{{/if}}", count: 100)
        #expect(try Template(fine).render(["a": true]) == "x")
    }

    @Test func templateWithBracesInStringLiteralParses() throws {
        let template = try Template(#"{{ x | default("}} {{") }}"#)
        #expect(try template.render([:]) == "}} {{")
    }
}
