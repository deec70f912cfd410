import Foundation
import Templates
import Testing
import YAMLCoding

@Suite struct TemplateValueTests {
    @Test func decodesEveryKindWithJSONDecoder() throws {
        let json = #"""
            {"i": 42, "d": 1.5, "neg": -3, "s": "text", "t": true, "f": false, "n": null,
             "a": [1, "2", [false]], "o": {"k": {"deep": "v"}}, "numeric": "007"}
            """#
        let vars = try JSONDecoder().decode([String: TemplateValue].self, from: Data(json.utf8))
        #expect(vars["i"] == .number("42"))
        #expect(vars["d"] == .number("1.5"))
        #expect(vars["neg"] == .number("-3"))
        #expect(vars["s"] == .string("text"))
        #expect(vars["t"] == .bool(true))
        #expect(vars["f"] == .bool(false))
        #expect(vars["n"] == .null)
        #expect(vars["a"] == .array([.number("1"), .string("2"), .array([.bool(false)])]))
        #expect(vars["o"] == .object(["k": .object(["deep": .string("v")])]))
        // A quoted number stays a string; 1 and 0 are numbers, not booleans.
        #expect(vars["numeric"] == .string("007"))
        let ones = try JSONDecoder().decode([TemplateValue].self, from: Data("[1, 0]".utf8))
        #expect(ones == [.number("1"), .number("0")])
    }

    @Test func decodedValuesRenderThroughTemplates() throws {
        let json = #"{"order": {"id": 7, "lines": [{"sku": "A"}]}, "note": "café"}"#
        let vars = try JSONDecoder().decode([String: TemplateValue].self, from: Data(json.utf8))
        let template = try Template("{{ order.id }} {{ order.lines.0.sku }} {{ note | upper }}")
        #expect(try template.render(vars) == "7 A CAFÉ")
    }

    @Test func rejectsUndecodableInputWithAnError() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([String: TemplateValue].self, from: Data("[1]".utf8))
        }
    }
}

/// YAML vars: scalars resolve by the core schema and keep the text they were written with.
@Suite struct TemplateValueYAMLTests {
    @Test func decodesEveryKindFromYAMLAsWritten() throws {
        let yaml = """
            int: 42
            hex: 0x1F
            float: 1.50
            inf: .inf
            tagged_int: !!int "7"
            underscored: 1_000
            quoted: "42"
            single: '1.5'
            str_tag: !!str 12
            yes: yes
            t: True
            f: false
            tagged_bool: !!bool "true"
            quoted_bool: 'true'
            tilde: ~
            empty:
            null_tag: !!null x
            quoted_null: "null"
            text: Question 3, how?
            list: [1, "2", [false], ~]
            map: { k: { deep: v }, n: 0 }

            """
        let vars = try YAMLDecoder().decode(
            [String: TemplateValue].self, from: Data(yaml.utf8), file: "vars.yaml")
        let expected: [String: TemplateValue] = [
            "int": .number("42"), "hex": .number("0x1F"), "float": .number("1.50"),
            "inf": .number(".inf"), "tagged_int": .number("7"), "underscored": .string("1_000"),
            "quoted": .string("42"), "single": .string("1.5"), "str_tag": .string("12"),
            "yes": .string("yes"), "t": .bool(true), "f": .bool(false),
            "tagged_bool": .bool(true), "quoted_bool": .string("true"), "tilde": .null,
            "empty": .null, "null_tag": .null, "quoted_null": .string("null"),
            "text": .string("Question 3, how?"),
            "list": .array([.number("1"), .string("2"), .array([.bool(false)]), .null]),
            "map": .object(["k": .object(["deep": .string("v")]), "n": .number("0")]),
        ]
        for (key, value) in expected {
            #expect(vars[key] == value, "\(key)")
        }
        #expect(vars.count == expected.count)
    }

    @Test func complexKeysAreAnErrorNotADroppedEntry() {
        #expect(throws: YAMLError.self) {
            try YAMLDecoder().decode(
                [String: TemplateValue].self, from: Data("v: { [1, 2]: x }\n".utf8), file: "v")
        }
    }
}
