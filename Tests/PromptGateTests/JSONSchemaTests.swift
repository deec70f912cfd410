import Foundation
import JSON
import Testing

/// The JSON Schema subset, keyword by keyword, with the pointer and keyword each failure names.
@Suite struct JSONSchemaTests {
    func schema(_ json: String) throws -> JSONSchema {
        try JSONSchema(JSONParser.parse(json))
    }

    /// The failures of `instance` against `schemaJSON`, as reasons show them.
    func failures(_ schemaJSON: String, _ instance: String) throws -> [String] {
        try schema(schemaJSON).validate(JSONParser.parse(instance)).map(\.description)
    }

    @Test func typeIncludingIntegerAndLists() throws {
        #expect(try failures(#"{"type":"integer"}"#, "1.0").isEmpty)
        #expect(try failures(#"{"type":"integer"}"#, "1.5") == ["(root): type integer, got number"])
        #expect(try failures(#"{"type":"number"}"#, "true") == ["(root): type number, got boolean"])
        #expect(try failures(#"{"type":["string","null"]}"#, "null").isEmpty)
        #expect(
            try failures(#"{"type":["string","null"]}"#, "[]")
                == ["(root): type string or null, got array"])
    }

    @Test func nestedPointersNameTheFailingValue() throws {
        let order = #"""
            {"type":"object","required":["items"],"properties":{"items":{"type":"array",
              "items":{"type":"object","required":["sku"],"properties":{
                "price":{"type":"number","minimum":0},"sku":{"type":"string","pattern":"^[A-Z]{3}-\\d+$"}}}}}}
            """#
        let instance = #"""
            {"items":[{"sku":"ABC-1","price":3},{"sku":"ABC-2","price":0},
                      {"sku":"abc","price":-3},{"price":1}]}
            """#
        #expect(
            try failures(order, instance) == [
                "/items/2/price: minimum 0, got -3",
                #"/items/2/sku: pattern "^[A-Z]{3}-\\d+$", got "abc""#,
                "/items/3: required property 'sku' is missing",
            ])
        #expect(try failures(order, "{}") == ["(root): required property 'items' is missing"])
        let escaped = #"{"properties":{"a/b":{"const":1},"m~n":{"const":1}}}"#
        #expect(
            try failures(escaped, #"{"a/b":2,"m~n":2}"#) == [
                "/a~1b: const 1, got 2", "/m~0n: const 1, got 2",
            ])
    }

    @Test func numberBounds() throws {
        let bounds = #"{"minimum":1,"maximum":5,"exclusiveMinimum":0,"exclusiveMaximum":5}"#
        #expect(try failures(bounds, "1").isEmpty)
        #expect(
            try failures(bounds, "5") == ["(root): exclusiveMaximum 5, got 5"])
        #expect(
            try failures(bounds, "0") == [
                "(root): exclusiveMinimum 0, got 0", "(root): minimum 1, got 0",
            ])
        #expect(try failures(bounds, #""9""#).isEmpty)  // numbers only
    }

    @Test func stringLengthCountsCodePoints() throws {
        #expect(
            try failures(#"{"minLength":2}"#, #""é""#) == ["(root): minLength 2, got 1 characters"])
        // NFD é is two code points; an emoji outside the BMP is one.
        #expect(try failures(#"{"minLength":2}"#, "\"e\u{301}\"").isEmpty)
        #expect(try failures(#"{"maxLength":1}"#, #""💩""#).isEmpty)
        #expect(
            try failures(#"{"maxLength":1}"#, #""ab""#) == ["(root): maxLength 1, got 2 characters"]
        )
        #expect(try failures(#"{"pattern":"b"}"#, #""abc""#).isEmpty)  // unanchored
    }

    @Test func arrays() throws {
        let tuple = #"{"prefixItems":[{"type":"string"},{"type":"number"}],"items":false}"#
        #expect(try failures(tuple, #"["a",1]"#).isEmpty)
        #expect(try failures(tuple, #"["a"]"#).isEmpty)
        #expect(
            try failures(tuple, #"[1,"a"]"#) == [
                "/0: type string, got number", "/1: type number, got string",
            ])
        #expect(
            try failures(tuple, #"["a",1,true]"#)
                == ["(root): items false allows at most 2 items, got 3"])
        let sized = #"{"minItems":2,"maxItems":3,"uniqueItems":true}"#
        #expect(try failures(sized, "[1]") == ["(root): minItems 2, got 1 items"])
        #expect(try failures(sized, "[1,2,3,4]") == ["(root): maxItems 3, got 4 items"])
        // Numbers compare by value: 1 and 1.0 are equal; true is not 1.
        #expect(try failures(sized, "[1,1.0]") == ["(root): uniqueItems: items 0 and 1 are equal"])
        #expect(try failures(sized, "[1,true]").isEmpty)
        #expect(
            try failures(sized, #"[{"a":[1]},{"a":[1.0]}]"#)
                == ["(root): uniqueItems: items 0 and 1 are equal"])
    }

    @Test func objectsAndAdditionalProperties() throws {
        let closed = #"{"properties":{"a":{}},"additionalProperties":false}"#
        #expect(try failures(closed, #"{"a":1}"#).isEmpty)
        #expect(
            try failures(closed, #"{"a":1,"z":2,"b":3}"#)
                == ["(root): additionalProperties false, got property 'b', 'z'"])
        let typed = #"{"properties":{"a":{}},"additionalProperties":{"type":"string"}}"#
        #expect(try failures(typed, #"{"a":1,"b":2}"#) == ["/b: type string, got number"])
    }

    @Test func enumAndConstCompareJSONValues() throws {
        #expect(try failures(#"{"enum":["a",1,null]}"#, "1.0").isEmpty)
        #expect(
            try failures(#"{"enum":["a",1,null]}"#, "false")
                == [#"(root): enum ["a",1,null], got false"#])
        #expect(try failures(#"{"const":{"a":[1,2]}}"#, #"{"a":[1.0,2]}"#).isEmpty)
        #expect(try failures(#"{"const":{"a":[1,2]}}"#, #"{"a":[2,1]}"#).count == 1)
        #expect(try failures(#"{"const":0}"#, "-0.0").isEmpty)
    }

    @Test func combinators() throws {
        let anyOf = #"{"anyOf":[{"type":"string"},{"minimum":2}]}"#
        #expect(try failures(anyOf, "3").isEmpty)
        #expect(try failures(anyOf, "1") == ["(root): anyOf: matches none of the 2 subschemas"])
        let oneOf = #"{"oneOf":[{"type":"integer"},{"minimum":2}]}"#
        #expect(try failures(oneOf, "1").isEmpty)
        #expect(
            try failures(oneOf, "3")
                == ["(root): oneOf: matches subschemas 0, 1, expected exactly one"])
        #expect(
            try failures(oneOf, "1.5")
                == ["(root): oneOf: matches none of the 2, expected exactly one"])
        let allOf = #"{"allOf":[{"type":"integer"},{"minimum":2}]}"#
        #expect(
            try failures(allOf, "1.5") == [
                "(root): type integer, got number", "(root): minimum 2, got 1.5",
            ])
        #expect(
            try failures(#"{"not":{"type":"null"}}"#, "null")
                == ["(root): not: matches the schema it must not match"])
        #expect(try failures("false", "1") == ["(root): schema false allows no value"])
        #expect(try failures("true", "1").isEmpty)
    }

    @Test func localReferencesAndDefinitions() throws {
        let tree = #"""
            {"$defs":{"node":{"type":"object","required":["v"],
              "properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},
             "$ref":"#/$defs/node"}
            """#
        #expect(try failures(tree, #"{"v":1,"kids":[{"v":2,"kids":[{"v":3}]}]}"#).isEmpty)
        #expect(
            try failures(tree, #"{"v":1,"kids":[{"v":2,"kids":[{"v":"x"}]}]}"#)
                == ["/kids/0/kids/0/v: type integer, got string"])
        let root = ##"{"properties":{"next":{"$ref":"#"}},"additionalProperties":false}"##
        #expect(try failures(root, #"{"next":{"next":{"other":1}}}"#).count == 1)
        // A cycle that never consumes the instance ends with a failure, not a crash.
        let cycle = try failures(##"{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##, "1")
        #expect(cycle.count == 1 && cycle[0].contains("$ref cycle"))
    }

    @Test(arguments: [
        (#"{"if":{"type":"string"}}"#, JSONSchemaError.Kind.unsupportedKeyword, "#", "'if'"),
        (
            #"{"properties":{"a":{"minProperties":1}}}"#, .unsupportedKeyword, "#/properties/a",
            "'minProperties'"
        ),
        (#"{"$ref":"other.json#/x"}"#, .unsupportedReference, "#/$ref", "'other.json#/x'"),
        (##"{"$ref":"#/$defs/missing"}"##, .invalid, "#/$ref", "points at nothing"),
        (#"{"type":"str"}"#, .invalid, "#/type", "'type' must be"),
        (#"{"minLength":-1}"#, .invalid, "#/minLength", "whole number ≥ 0"),
        (#"{"pattern":"(a"}"#, .invalid, "#/pattern", "invalid pattern '(a'"),
        (#"{"allOf":[]}"#, .invalid, "#/allOf", "non-empty list"),
        (#"{"items":3}"#, .invalid, "#/items", "must be an object or a boolean"),
    ])
    func badSchemasAreRejectedNamingTheKeyword(
        json: String, kind: JSONSchemaError.Kind, location: String, fragment: String
    ) throws {
        do {
            _ = try schema(json)
            Issue.record("expected \(json) to be rejected")
        } catch let error as JSONSchemaError {
            #expect(error.kind == kind && error.location == location)
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func annotationsAreAccepted() throws {
        let annotated = #"""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","title":"T",
             "description":"d","$comment":"c","examples":[{"if":1}],"default":{"then":2},
             "format":"email","deprecated":false,"type":"string"}
            """#
        #expect(try failures(annotated, #""not an email""#).isEmpty)
    }

    @Test func integersAndTheirDoublesAreTheSameNumber() throws {
        for instance in ["1", "1.0", "1e0"] {
            #expect(try failures(#"{"const":1}"#, instance).isEmpty, "\(instance)")
            #expect(try failures(#"{"const":1.0}"#, instance).isEmpty, "\(instance)")
            #expect(try failures(#"{"enum":[0,1]}"#, instance).isEmpty, "\(instance)")
            #expect(try failures(#"{"type":"integer"}"#, instance).isEmpty, "\(instance)")
        }
        #expect(try failures(#"{"const":1}"#, "true") == ["(root): const 1, got true"])
        #expect(try failures(#"{"const":1}"#, "1.5") == ["(root): const 1, got 1.5"])
        #expect(
            try failures(#"{"uniqueItems":true}"#, "[1, 2, 1.0]")
                == ["(root): uniqueItems: items 0 and 2 are equal"])
        // Exact beyond 2^53: 9007199254740993 is not the Double 9007199254740992.
        #expect(
            try failures(#"{"const":9007199254740993}"#, "9007199254740992")
                == ["(root): const 9007199254740993, got 9007199254740992"])
        #expect(try failures(#"{"const":9007199254740993}"#, "9007199254740993").isEmpty)
    }

    @Test func boundsCompareIntegerInstancesExactly() throws {
        #expect(try failures(#"{"minimum":2}"#, "1") == ["(root): minimum 2, got 1"])
        #expect(try failures(#"{"minimum":2}"#, "2").isEmpty)
        #expect(try failures(#"{"minimum":1.5}"#, "2").isEmpty)
        #expect(try failures(#"{"minimum":2.5}"#, "2") == ["(root): minimum 2.5, got 2"])
        #expect(
            try failures(#"{"exclusiveMaximum":2.0}"#, "2") == ["(root): exclusiveMaximum 2, got 2"]
        )
        #expect(
            try failures(#"{"minimum":1580000000000000001}"#, "1580000000000000000")
                == ["(root): minimum 1580000000000000001, got 1580000000000000000"])
        #expect(try failures(#"{"maximum":9007199254740992.0}"#, "9007199254740993").count == 1)
        #expect(try failures(#"{"maxLength":2,"minItems":1}"#, #""abc""#).count == 1)
        #expect(try failures(#"{"minItems":1}"#, "[]") == ["(root): minItems 1, got 0 items"])
    }

    @Test func parserIsStrictAndKeepsBooleansApartFromNumbers() throws {
        #expect(
            try JSONParser.parse(" [true, 1, 1.5e2, \"\\u00e9\\ud83d\\ude00\", null] ")
                == .array([.bool(true), .number(1), .number(150), .string("é😀"), .null]))
        for bad in ["", "[1,]", "{\"a\" 1}", "01", "1.", "\"\u{01}\"", "[1] x", "tru", "{'a':1}"] {
            #expect(throws: JSONParser.Error.self, "\(bad)") { try JSONParser.parse(bad) }
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(deep) }
    }
}
