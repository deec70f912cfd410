import Templates
import Testing

@Suite struct TemplateTests {
    private func render(_ source: String, _ vars: [String: TemplateValue]) throws -> String {
        try Template(source).render(vars)
    }

    @Test func substitutesVariablesWithOrWithoutSpaces() throws {
        let vars: [String: TemplateValue] = ["name": "Ada", "n": 3]
        #expect(try render("Hi {{ name }}, {{name}} x{{  n  }}", vars) == "Hi Ada, Ada x3")
    }

    @Test func keepsTextVerbatimIncludingLoneBracesAndUnicode() throws {
        let source = "a { b }} c {x} ¿Cómo? 🌍\n{{ v }}\n"
        #expect(try render(source, ["v": "é"]) == "a { b }} c {x} ¿Cómo? 🌍\né\n")
        #expect(try render("", [:]) == "")
        #expect(try render("no tags at all", [:]) == "no tags at all")
    }

    @Test func followsDottedPathsIntoObjectsAndArrays() throws {
        let vars: [String: TemplateValue] = [
            "order": ["id": "A-7", "items": [["sku": "k1"], ["sku": "k2"]], "0": "zero"]
        ]
        #expect(try render("{{ order.id }}/{{ order.items.1.sku }}", vars) == "A-7/k2")
        #expect(try render("{{ order.0 }}", vars) == "zero")
    }

    @Test func rendersScalarsAsWrittenAndContainersAsJSON() throws {
        let vars: [String: TemplateValue] = [
            "price": .number("1.10"), "yes": true, "none": nil,
            "list": [1, "two", nil], "map": ["b": 1, "a": ["x": false]],
        ]
        #expect(try render("{{price}} {{yes}} [{{none}}]", vars) == "1.10 true []")
        #expect(try render("{{ list }}", vars) == #"[1,"two",null]"#)
        #expect(try render("{{ map }}", vars) == #"{"a":{"x":false},"b":1}"#)
    }

    @Test func appliesFiltersAndChains() throws {
        let vars: [String: TemplateValue] = ["s": "  Mixed Case  ", "q": "say \"hi\"\n"]
        #expect(try render("{{ s | upper }}", vars) == "  MIXED CASE  ")
        #expect(try render("{{ s | lower }}", vars) == "  mixed case  ")
        #expect(try render("{{ s | trim }}", vars) == "Mixed Case")
        #expect(try render("{{s|trim|upper}}", vars) == "MIXED CASE")
        #expect(try render("{{ q | json }}", vars) == #""say \"hi\"\n""#)
        #expect(try render("{{ q | json | upper }}", vars) == #""SAY \"HI\"\N""#)
    }

    @Test func jsonFilterEmitsValidJSONForEveryKind() throws {
        let vars: [String: TemplateValue] = [
            "n": .number("1.10"), "hex": .number("0x1F"), "b": false, "z": nil,
            "o": ["k": "\u{1}\t", "a": [.number("-2e5")]],
        ]
        #expect(
            try render("{{n|json}} {{hex|json}} {{b|json}} {{z|json}}", vars)
                == #"1.10 "0x1F" false null"#)
        #expect(try render("{{ o | json }}", vars) == #"{"a":[-2e5],"k":"\u0001\t"}"#)
    }

    @Test func defaultReplacesMissingOrNullButNotEmpty() throws {
        let vars: [String: TemplateValue] = ["nothing": nil, "empty": ""]
        #expect(try render(#"{{ missing | default("n/a") }}"#, vars) == "n/a")
        #expect(try render(#"{{ nothing | default("n/a") }}"#, vars) == "n/a")
        #expect(try render(#"[{{ empty | default("n/a") }}]"#, vars) == "[]")
        #expect(try render(#"{{ missing.deep | default("d") | upper }}"#, vars) == "D")
        #expect(try render(#"{{ missing | upper | default("late") }}"#, vars) == "late")
        #expect(try render(#"{{ x | default("say \"hi\" \\ ok") }}"#, vars) == #"say "hi" \ ok"#)
    }

    @Test(arguments: [
        ("present", true), ("missing", false), ("null", false), ("no", false), ("yes", true),
        ("empty", false), ("zero", true), ("emptyList", false), ("list", true),
        ("emptyMap", false), ("map", true), ("map.k", true), ("map.absent", false),
    ])
    func ifBlockTruthiness(name: String, expected: Bool) throws {
        let vars: [String: TemplateValue] = [
            "present": "x", "null": nil, "no": false, "yes": true, "empty": "", "zero": 0,
            "emptyList": [], "list": [nil], "emptyMap": [:], "map": ["k": "v"],
        ]
        let output = try render("{{#if \(name)}}T{{else}}F{{/if}}", vars)
        #expect(output == (expected ? "T" : "F"))
    }

    @Test func nestsIfBlocksAndElseIsOptional() throws {
        let source = """
            {{#if a}}A{{#if b}}B{{else}}!B{{/if}}{{else}}!A{{#if b}}B{{/if}}{{/if}}.
            """
        #expect(try render(source, ["a": true, "b": true]) == "AB.")
        #expect(try render(source, ["a": true]) == "A!B.")
        #expect(try render(source, ["b": "yes"]) == "!AB.")
        #expect(try render(source, [:]) == "!A.")
        #expect(try render("{{ #if x }}in{{ else }}out{{ /if }}", [:]) == "out")
    }

    @Test func listsRequiredAndAllVariables() throws {
        let template = try Template(
            """
            {{ a }} {{#if b}}{{ c }}{{else}}{{ f }}{{/if}} {{ d | default("x") }} \
            {{ a.x }} {{ e | upper }}
            """)
        #expect(template.referencedVariables == ["a", "e"])
        #expect(template.allVariables == ["a", "b", "c", "f", "d", "e"])
    }

    @Test func rendersTenThousandCasesQuickly() throws {
        let template = try Template(
            """
            You are a support assistant for {{ company | upper }}.
            {{#if context}}Context: {{ context | trim }}{{/if}}
            Customer ({{ customer.name | default("anonymous") }}): {{ user_input }}
            Order: {{ order | json }}
            """)
        let cases: [[String: TemplateValue]] = (0..<10_000).map { index in
            [
                "company": "acme", "user_input": .string("Question number \(index)?"),
                "context": index % 2 == 0 ? .string("  some context  ") : .null,
                "customer": ["name": .string("C\(index)")], "order": ["id": .number("\(index)")],
            ]
        }
        let clock = ContinuousClock()
        var total = 0
        let elapsed = try clock.measure {
            for vars in cases { total += try template.render(vars).utf8.count }
        }
        #expect(total > 10_000 * 80)
        // Debug builds on a shared machine: generous, but a reparse or quadratic walk fails it.
        #expect(elapsed < .seconds(20), "rendering 10,000 cases took \(elapsed)")
    }
}
