import Basics
import Foundation
import JSON
import YAMLCoding

/// Decoding of the keys the reference metrics (`levenshtein`, `rouge-n`, `rouge-l`, `bleu`)
/// and `json-schema` take. Their ``AssertionRules/Value/custom`` rule leaves `value:` to this
/// file, so every problem is a configuration error when the suite loads.
extension AssertionSpec {
    /// Set to the project root (a `String` path) in a decoder's `userInfo` so that relative
    /// `file://` schema paths resolve against the suite's folder inside the project. Without
    /// it, a suite path relative to the project root is resolved against the project found
    /// from the current directory (as the CLI finds it without `--root`), else against the
    /// current directory.
    public static let projectRootKey = CodingUserInfoKey(rawValue: "promptgate.projectRoot")!

    /// `file://` marks a schema given as a path.
    static let fileScheme = "file://"

    mutating func decodeMetricKeys(
        typeName name: String, in container: KeyedDecodingContainer<CodingKeys>,
        decoder: any Decoder
    ) throws {
        let fail = { (key: CodingKeys, message: String) -> DecodingError in
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
        }
        if kind != .rougeN && container.contains(.n) {
            throw fail(.n, "'\(name)' does not take 'n'; only rouge-n does")
        }
        switch kind {
        case .levenshtein, .rougeN, .rougeL, .bleu:
            try decodeReferenceMetric(name, container, fail)
        case .jsonSchema:
            try decodeSchema(name, container, decoder, fail)
        default:
            return
        }
    }

    func encodeMetricKeys(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encodeIfPresent(n, forKey: .n)
        if kind == .jsonSchema, value == nil, let schema {
            try container.encode(schema.root, forKey: .value)
        }
    }

    private mutating func decodeReferenceMetric(
        _ name: String, _ container: KeyedDecodingContainer<CodingKeys>,
        _ fail: (CodingKeys, String) -> DecodingError
    ) throws {
        let isDistance = kind == .levenshtein
        let example =
            "{ type: \(name), value: \"the reference text\", threshold: \(isDistance ? "5" : "0.5") }"
        let given: AssertionValue?
        do {
            given = try container.decodeIfPresent(AssertionValue.self, forKey: .value)
        } catch {
            throw fail(.value, "'\(name)' value must be the reference text (a string)")
        }
        guard let given else { throw fail(.type, "'\(name)' needs a value, e.g. \(example)") }
        guard let reference = given.text else {
            throw fail(.value, "'\(name)' value must be one reference text, not a list")
        }
        if reference.isEmpty && !isDistance {
            throw fail(.value, "'\(name)' needs a non-empty reference text")
        }
        value = given
        guard let threshold else {
            let meaning =
                isDistance ? "the largest edit distance that passes" : "the least score that passes"
            throw fail(.type, "'\(name)' needs threshold, \(meaning), e.g. \(example)")
        }
        if isDistance && threshold != threshold.rounded() {
            throw fail(
                .threshold,
                "'\(name)' threshold is a number of edits, a whole number; got "
                    + AssertionText.number(threshold))
        }
        if !isDistance && threshold > 1 {
            throw fail(
                .threshold,
                "'\(name)' threshold must be between 0 and 1, got \(AssertionText.number(threshold))"
            )
        }
        if kind == .rougeN {
            let given: Int?
            do { given = try container.decodeIfPresent(Int.self, forKey: .n) } catch { given = 0 }
            if let given, given != 1 && given != 2 {
                throw fail(.n, "'\(name)' n must be 1 (unigrams) or 2 (bigrams)")
            }
            n = given
        }
    }

    private mutating func decodeSchema(
        _ name: String, _ container: KeyedDecodingContainer<CodingKeys>, _ decoder: any Decoder,
        _ fail: (CodingKeys, String) -> DecodingError
    ) throws {
        let forms = "a schema mapping, JSON text, or file://path/to/schema.json"
        let given: JSONValue?
        do {
            given = try container.decodeIfPresent(JSONValue.self, forKey: .value)
        } catch {
            throw fail(.value, "'\(name)' value must be \(forms)")
        }
        let root: JSONValue
        switch given {
        case nil:
            // The prompt version's response_format schema applies (checked when graded).
            return
        case .string(let text)? where text.hasPrefix(Self.fileScheme):
            root = try Self.loadSchemaFile(text, decoder: decoder) { fail(.value, $0) }
            value = .string(text)
        case .string(let text)?:
            do {
                root = try JSONParser.parse(text)
            } catch {
                throw fail(.value, "'\(name)' value must be \(forms); as JSON text: \(error)")
            }
            value = .string(text)
        case let inline?:
            root = inline
        }
        do {
            schema = try JSONSchema(root)
        } catch {
            throw fail(.value, "'\(name)' schema: \(error)")
        }
    }

    private static func projectRoot(_ decoder: any Decoder) -> String? {
        if let root = decoder.userInfo[projectRootKey] as? String { return root }
        return try? ProjectRoot.find(startingAt: FileManager.default.currentDirectoryPath)
    }

    /// Reads `file://path` (JSON, or YAML by its `.yaml`/`.yml` extension), relative to the
    /// suite's folder; an absolute path (`file:///abs/x.json`) is used as is.
    private static func loadSchemaFile(
        _ reference: String, decoder: any Decoder, fail: (String) -> DecodingError
    ) throws -> JSONValue {
        let path = String(reference.dropFirst(fileScheme.count))
        guard !path.isEmpty else { throw fail("'\(reference)' names no file") }
        var shown = path
        var absolute = path
        if !path.hasPrefix("/") {
            let suite = (decoder as? any YAMLNodeDecoder)?.node.mark.file ?? ""
            let folder = (suite as NSString).deletingLastPathComponent
            shown = folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
            absolute = shown
            if !shown.hasPrefix("/"), let root = projectRoot(decoder) {
                absolute = (root as NSString).appendingPathComponent(shown)
            }
        }
        return try SchemaFile.read(
            absolute: absolute, shown: shown, relativeTo: "the suite's folder", fail: fail)
    }
}
