import Foundation
import PromptGate
import Testing

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
