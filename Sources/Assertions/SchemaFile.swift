import Foundation
import JSON
import YAMLCoding

/// A JSON Schema named by `file://` in a suite (`json-schema`) or a prompt version
/// (`response_format.json_schema`): JSON, or YAML by its `.yaml`/`.yml` extension.
public enum SchemaFile {
    /// Reads the schema at `absolute`; errors name it as `shown` (the path as the user wrote
    /// it, resolved against what `relativeTo` says) through `fail`.
    public static func read(
        absolute: String, shown: String, relativeTo: String,
        fail: (String) -> DecodingError
    ) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw fail(
                "cannot read schema file '\(shown)'; file:// paths are relative to \(relativeTo)")
        }
        if shown.hasSuffix(".yaml") || shown.hasSuffix(".yml") {
            do {
                return try YAMLDecoder().decode(JSONValue.self, from: data, file: shown)
            } catch {
                throw fail("schema file '\(shown)' is not valid YAML: \(error)")
            }
        }
        do {
            return try JSONParser.parse(Array(data))
        } catch {
            throw fail("schema file '\(shown)' is not valid JSON: \(error)")
        }
    }
}
