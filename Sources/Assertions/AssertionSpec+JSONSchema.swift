import Foundation
import JSON

/// Evaluation of `json-schema`: the output's JSON against ``AssertionSpec/schema``.
extension AssertionSpec {
    /// How many failures a reason lists before `(+N more)`.
    static let schemaFailuresShown = 3

    func checkJSONSchema(_ output: String, responseSchema: JSONValue? = nil) -> Outcome {
        // Without a schema of its own, the prompt version's response_format schema applies.
        guard let schema = schema ?? responseSchema.flatMap({ try? JSONSchema($0) }) else {
            return Outcome(
                passed: false,
                reason:
                    "'\(typeName)' has no schema: give value: or a response_format.json_schema in the prompt version"
            )
        }
        guard let (instance, location) = Self.outputJSON(output) else {
            let none = "no JSON found in output"
            return outcome(
                holds: false, pass: "", fail: none, negatedPass: none, negatedFail: "")
        }
        let failures = schema.validate(instance)
        var listed = failures.prefix(Self.schemaFailuresShown).map(\.description)
            .joined(separator: "; ")
        if failures.count > Self.schemaFailuresShown {
            listed += " (+\(failures.count - Self.schemaFailuresShown) more)"
        }
        return outcome(
            holds: failures.isEmpty, pass: "\(location) matches the schema",
            fail: "\(location) does not match the schema: \(listed)",
            negatedPass: "\(location) does not match the schema: \(listed)",
            negatedFail: "\(location) matches the schema, expected it not to")
    }

    /// The whole output when it is JSON (trimmed; scalars too), else the first JSON object or
    /// array inside it, as `contains-json` finds it; with a description of where it was.
    static func outputJSON(_ output: String) -> (JSONValue, String)? {
        let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
        if let whole = try? JSONParser.parse(trimmed) { return (whole, "output JSON") }
        guard let found = AssertionJSONFinder.find(in: output),
            let (value, _) = try? JSONParser.parsePrefix(Array(output.utf8), at: found.byteOffset)
        else { return nil }
        let index = output.utf8.index(output.startIndex, offsetBy: found.byteOffset)
        let kindName = found.isObject ? "object" : "array"
        return (value, "JSON \(kindName) at char \(AssertionText.offset(of: index, in: output))")
    }
}
