import Assertions
import Foundation
import Testing
import YAMLCoding

/// `json-schema` as a suite assertion: the schema inline, as JSON text or `file://`, decode-time
/// errors, and evaluation of whole and embedded JSON.
@Suite struct JSONSchemaAssertionTests {
    static let answerSchema = #"""
        {"type":"object","required":["answer","confidence"],"additionalProperties":false,
         "properties":{"answer":{"type":"string","minLength":1},
                       "confidence":{"type":"number","minimum":0,"maximum":1}}}
        """#

    func yamlSpec(_ yaml: String, file: String = "suites/x.yaml", root: String? = nil) throws
        -> AssertionSpec
    {
        var decoder = YAMLDecoder()
        if let root { decoder.userInfo[AssertionSpec.projectRootKey] = root }
        return try decoder.decode(AssertionSpec.self, from: Data(yaml.utf8), file: file)
    }

    func yamlError(_ yaml: String, file: String = "suites/x.yaml") -> String {
        do {
            _ = try yamlSpec(yaml, file: file)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func inlineYAMLSchemaValidatesTheOutput() throws {
        let spec = try yamlSpec(
            """
            type: json-schema
            value:
              type: object
              required: [answer]
              properties:
                answer: { type: string }
                steps: { type: array, items: { type: string }, maxItems: 3 }
            """)
        #expect(spec.value == nil && spec.schema != nil)
        let ok = spec.evaluate(AssertionContext(output: #"{"answer":"Go to Settings"}"#))
        #expect(ok.passed && ok.score == 1 && ok.reason == "output JSON matches the schema")
        let bad = spec.evaluate(AssertionContext(output: #"{"answer":3,"steps":["a",2]}"#))
        #expect(!bad.passed && bad.score == 0)
        #expect(
            bad.reason
                == "output JSON does not match the schema: /answer: type string, got number; "
                + "/steps/1: type string, got number")
    }

    @Test func yamlQuotedScalarsStayStrings() throws {
        let spec = try yamlSpec("{ type: json-schema, value: { const: \"1\" } }")
        #expect(spec.evaluate(AssertionContext(output: #""1""#)).passed)
        #expect(!spec.evaluate(AssertionContext(output: "1")).passed)
    }

    @Test func findsTheFirstJSONInProseOrFences() throws {
        let spec = try AssertionFixture.spec(
            #"{"type":"json-schema","value":\#(Self.answerSchema)}"#)
        let fenced = "Sure! Here it is:\n```json\n{\"answer\": \"yes\", \"confidence\": 1.5}\n```"
        let result = spec.evaluate(AssertionContext(output: fenced))
        #expect(!result.passed)
        #expect(
            result.reason
                == "JSON object at char 26 does not match the schema: /confidence: maximum 1, got 1.5"
        )
        let none = spec.evaluate(AssertionContext(output: "I cannot answer that."))
        #expect(!none.passed && none.reason == "no JSON found in output")
        let many = spec.evaluate(AssertionContext(output: #"{"a":1,"b":2,"c":3}"#))
        #expect(
            many.reason.hasSuffix(
                "(root): additionalProperties false, got property 'a', 'b', 'c'; "
                    + "(root): required property 'answer', 'confidence' is missing"))
    }

    @Test func negatedFormPassesWhenTheOutputDoesNotMatch() throws {
        let spec = try AssertionFixture.spec(
            #"{"type":"not-json-schema","value":{"type":"array"}}"#)
        let object = spec.evaluate(AssertionContext(output: "{}"))
        #expect(object.passed && object.reason.contains("type array, got object"))
        let array = spec.evaluate(AssertionContext(output: "[]"))
        #expect(
            !array.passed && array.reason == "output JSON matches the schema, expected it not to")
    }

    @Test func schemaAsJSONTextAndRoundTrip() throws {
        let spec = try yamlSpec(#"{ type: json-schema, value: '{"type": "integer"}' }"#)
        #expect(spec.evaluate(AssertionContext(output: "42")).passed)
        let inline = try AssertionFixture.spec(#"{"type":"json-schema","value":{"minimum":1}}"#)
        let again = try JSONDecoder().decode(
            AssertionSpec.self, from: JSONEncoder().encode(inline))
        #expect(again == inline)
    }

    @Test func fileSchemasResolveAgainstTheSuiteFolder() throws {
        let dir = NSTemporaryDirectory() + "pg-schema-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(
            atPath: dir + "/suites/schemas", withIntermediateDirectories: true)
        try Data(Self.answerSchema.utf8).write(
            to: URL(fileURLWithPath: dir + "/suites/schemas/answer.json"))
        try Data("type: array\nminItems: 1\n".utf8).write(
            to: URL(fileURLWithPath: dir + "/suites/schemas/list.yaml"))
        let yaml = "{ type: json-schema, value: file://schemas/answer.json }"
        // The suite named relative to the project root given in userInfo.
        let spec = try yamlSpec(yaml, root: dir)
        #expect(spec.value == .string("file://schemas/answer.json"))
        #expect(
            spec.evaluate(AssertionContext(output: #"{"answer":"a","confidence":0.9}"#)).passed)
        // The suite named by an absolute path; YAML schema files work too.
        let list = try yamlSpec(
            "{ type: json-schema, value: file://schemas/list.yaml }", file: dir + "/suites/x.yaml")
        #expect(!list.evaluate(AssertionContext(output: "[]")).passed)
        let missing = yamlError("{ type: json-schema, value: file://schemas/nope.json }")
        #expect(
            missing.contains(
                "cannot read schema file 'suites/schemas/nope.json'; file:// paths are relative "
                    + "to the suite's folder"), "\(missing)")
    }

    @Test func unsupportedKeywordsAreConfigurationErrorsAtLoad() {
        let message = yamlError(
            """
            type: json-schema
            value:
              type: object
              properties:
                name: { type: string, format: email, if: { minLength: 3 } }
            """)
        #expect(message.hasPrefix("suites/x.yaml:3:3: error: value: "), "\(message)")
        #expect(
            message.contains(
                "'json-schema' schema: #/properties/name: unsupported JSON Schema keyword 'if'"),
            "\(message)")
        let remote = yamlError("{ type: json-schema, value: { $ref: 'https://x.test/s.json' } }")
        #expect(remote.contains("unsupported $ref 'https://x.test/s.json'"), "\(remote)")
    }

    @Test(arguments: [
        (#"{"type":"json-schema","value":42}"#, "must be an object or a boolean", "value"),
        (#"{"type":"json-schema","value":"{oops"}"#, "as JSON text: ", "value"),
        (
            #"{"type":"json-schema","value":{},"threshold":0.5}"#, "does not take 'threshold'",
            "threshold"
        ),
    ])
    func badValuesAreRejected(json: String, fragment: String, key: String) throws {
        let failure = try #require(AssertionFixture.failure(json))
        #expect(failure.message.contains(fragment), "\(failure.message)")
        #expect(failure.path.last == key)
    }

    @Test func builtInCodeWithoutASchemaFailsInsteadOfCrashing() {
        let result = AssertionSpec(kind: .jsonSchema).evaluate(AssertionContext(output: "{}"))
        #expect(!result.passed && !result.skipped)
        #expect(
            result.reason
                == "'json-schema' has no schema: give value: or a response_format.json_schema in the prompt version"
        )
    }
}
