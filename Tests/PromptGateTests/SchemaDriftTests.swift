import Foundation
import JSON
import PromptGateModel
import TestKit
import Testing

/// The JSON Schemas against the decoders: every key a schema lists is one the decoder takes
/// at that place, and every key the decoder takes there is in the schema. The decoder is
/// asked for real: each candidate key is written into a small project that
/// ``ProjectLoader`` (or ``ReleaseManifest/decode(_:file:)``) reads, and only its
/// "unknown key" / "does not apply" errors count as a rejection.
@Suite struct SchemaDriftTests {
    @Test func everyDecodedKeyIsDescribed() {
        #expect(ProjectSchema.problems == [])
    }

    @Test(arguments: ProjectSchema.allCases)
    func committedSchemaIsTheGeneratedOne(_ kind: ProjectSchema) throws {
        let path = TempProject.repositoryRoot + "/schemas/" + kind.fileName
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == kind.text, "schemas/\(kind.fileName) is stale: make schemas")
    }

    @Test(arguments: ProjectSchema.allCases)
    func ourValidatorAcceptsTheSchema(_ kind: ProjectSchema) throws {
        _ = try JSONSchema(kind.document)
    }

    /// One place in a file where keys are checked.
    struct Place: CustomStringConvertible, Sendable {
        var kind: ProjectSchema
        var path: [String]
        /// The `type:` of provider `p` (the object at `providers/p`).
        var providerType = "openai"
        var description: String {
            "\(kind.rawValue):/\(path.joined(separator: "/"))"
                + (path == ["providers", "p"] ? " (type \(providerType))" : "")
        }
    }

    static let places: [Place] =
        [
            Place(kind: .config, path: []),
            Place(kind: .config, path: ["defaults"]),
            Place(kind: .config, path: ["judge"]),
            Place(kind: .config, path: ["embeddings"]),
            Place(kind: .config, path: ["gate"]),
            Place(kind: .config, path: ["feedback"]),
            Place(kind: .config, path: ["feedback", "negative"]),
            Place(kind: .config, path: ["prices", "m"]),
            Place(kind: .config, path: ["providers", "main", "params"]),
            Place(kind: .prompt, path: []),
            Place(kind: .prompt, path: ["model"]),
            Place(kind: .prompt, path: ["messages", "0"]),
            Place(kind: .suite, path: []),
            Place(kind: .suite, path: ["defaults"]),
            Place(kind: .suite, path: ["gate"]),
            Place(kind: .suite, path: ["cases", "0"]),
            Place(kind: .suite, path: ["cases", "0", "source"]),
            Place(kind: .suite, path: ["cases", "0", "assert", "0"]),
            Place(kind: .release, path: []),
            Place(kind: .release, path: ["production"]),
            Place(kind: .release, path: ["canary"]),
            Place(kind: .release, path: ["history", "0"]),
            Place(kind: .release, path: ["history", "0", "replaced"]),
        ]
        + ["openai", "anthropic", "ollama", "http", "exec"].map {
            Place(kind: .config, path: ["providers", "p"], providerType: $0)
        }

    @Test(arguments: places)
    func schemaAndDecoderAgreeOnKeys(_ place: Place) throws {
        let base = Self.baseDocument(place)
        guard let listed = SchemaWalk(place.kind.document).keys(at: place.path, in: base) else {
            Issue.record("the schema does not close the object at \(place)")
            return
        }
        // Every key any schema names, and names no schema has.
        var candidates = Set(ProjectSchema.allCases.flatMap { SchemaWalk($0.document).allKeys })
        candidates.formUnion(["zz_unknown", "vaule", "Type"])
        var disagreements: [String] = []
        for key in candidates.sorted() {
            let present = Self.value(at: place.path, in: base)?.objectKeys.contains(key) ?? false
            let accepted =
                present ? true : try Self.decoderAccepts(key, place: place, base: base)
            if accepted != listed.contains(key) {
                disagreements.append(
                    "\(key): decoder \(accepted ? "accepts" : "rejects"), schema \(listed.contains(key) ? "lists" : "omits")"
                )
            }
        }
        #expect(disagreements == [], "\(place)")
    }

    /// The probe itself can tell: a typo is rejected where the real key is accepted.
    @Test func theProbeSeesTheDecodersRejections() throws {
        let assertion = Place(kind: .suite, path: ["cases", "0", "assert", "0"])
        let base = Self.baseDocument(assertion)
        #expect(try Self.decoderAccepts("weight", place: assertion, base: base))
        #expect(try !Self.decoderAccepts("vaule", place: assertion, base: base))
        let exec = Place(kind: .config, path: ["providers", "p"], providerType: "exec")
        #expect(try !Self.decoderAccepts("base_url", place: exec, base: Self.baseDocument(exec)))
        let release = Place(kind: .release, path: ["canary"])
        #expect(try !Self.decoderAccepts("zz", place: release, base: Self.baseDocument(release)))
    }

    /// Our own validator, like Python's, rejects a key no schema lists.
    @Test func anUnknownKeyFailsTheSchema() throws {
        let place = Place(kind: .suite, path: ["cases", "0"])
        let schema = try JSONSchema(ProjectSchema.suite.document)
        #expect(schema.validate(Self.baseDocument(place)).isEmpty)
        #expect(
            !schema.validate(Self.inserting("tgas", at: place.path, in: Self.baseDocument(place)))
                .isEmpty)
    }

    // MARK: - The documents

    static func baseDocument(_ place: Place) -> JSONValue {
        switch place.kind {
        case .config:
            let provider = providerOf(type: place.providerType)
            return [
                "providers": ["main": ["type": "openai", "model": "m"], "p": provider],
                "defaults": ["provider": "main"], "judge": ["provider": "main"],
                "embeddings": ["provider": "main"], "gate": ["min_pass_rate": 0.5],
                "feedback": ["negative": ["thumbs_down": true]],
                "prices": ["m": ["input": 1, "output": 2]],
            ]
        case .prompt:
            return [
                "id": "a", "version": "1", "model": ["provider": "main"],
                "messages": [["role": "user", "content": "{{ q }}"]],
            ]
        case .suite:
            return [
                "suite": "s", "prompt": "a", "defaults": ["tags": ["t"]],
                "gate": ["max_regressions": 0],
                "cases": [
                    [
                        "id": "c", "vars": ["q": "hi"],
                        "source": ["comment": "bad"],
                        "assert": [["type": "contains", "value": "x"]],
                    ]
                ],
            ]
        case .release:
            let sha = String(repeating: "a", count: 64)
            let production: JSONValue = [
                "version": "1", "sha256": .string(sha), "since": "2026-01-01T00:00:00Z",
            ]
            return [
                "prompt": "a", "production": production,
                "canary": [
                    "version": "1", "percent": 10, "sha256": .string(sha),
                    "since": "2026-01-01T00:00:00Z",
                ],
                "history": [
                    [
                        "action": "promote", "to": "production", "version": "1",
                        "when": "2026-01-01T00:00:00Z", "replaced": production,
                    ]
                ],
            ]
        }
    }

    static func providerOf(type: String) -> JSONValue {
        switch type {
        case "http": ["type": "http", "url": "http://127.0.0.1:9/x", "output": "$.text"]
        case "exec": ["type": "exec", "command": "/bin/cat"]
        default: ["type": .string(type), "model": "m"]
        }
    }

    /// Writes `key: null` into the object at the place and reads the files as promptgate does.
    static func decoderAccepts(_ key: String, place: Place, base: JSONValue) throws -> Bool {
        let document = inserting(key, at: place.path, in: base)
        let messages: [String]
        switch place.kind {
        case .release:
            do {
                _ = try ReleaseManifest.decode(Data(document.jsonText.utf8), file: "release.yaml")
                messages = []
            } catch {
                messages = [error.description]
            }
        default:
            let bases = [ProjectSchema.config, .prompt, .suite].map { kind in
                kind == place.kind ? document : baseDocument(Place(kind: kind, path: []))
            }
            let project = try TempProject(files: [
                "promptgate.yaml": bases[0].jsonText,
                "prompts/a/v1.yaml": bases[1].jsonText,
                "suites/s.yaml": bases[2].jsonText,
            ])
            let (_, diagnostics) = try ProjectLoader(root: project.root).load()
            messages = diagnostics.map(\.message)
        }
        return !messages.contains {
            $0.contains("unknown key '\(key)'") || $0.contains("'\(key)' does not apply")
        }
    }

    static func inserting(_ key: String, at path: [String], in value: JSONValue) -> JSONValue {
        guard let first = path.first else {
            guard case .object(var members) = value else { return value }
            members[key] = .null
            return .object(members)
        }
        let rest = Array(path.dropFirst())
        switch value {
        case .object(var members):
            members[first] = inserting(key, at: rest, in: members[first] ?? [:])
            return .object(members)
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index) else { return value }
            items[index] = inserting(key, at: rest, in: items[index])
            return .array(items)
        default:
            return value
        }
    }

    static func value(at path: [String], in value: JSONValue) -> JSONValue? {
        var current = value
        for step in path {
            switch current {
            case .object(let members): current = members[step] ?? .null
            case .array(let items):
                guard let i = Int(step), items.indices.contains(i) else { return nil }
                current = items[i]
            default: return nil
            }
        }
        return current
    }
}

/// Walks the schemas `ProjectSchema` writes: `$ref`, `properties`, `additionalProperties`,
/// `items`, `anyOf` and the `oneOf` branches told apart by `type`'s const.
struct SchemaWalk {
    let root: JSONValue
    init(_ root: JSONValue) { self.root = root }

    /// The keys the object at `path` may have (nil when the schema leaves it open).
    func keys(at path: [String], in document: JSONValue) -> Set<String>? {
        var schema = root
        var node = document
        for step in path {
            guard let next = child(resolve(schema, for: node), step) else { return nil }
            schema = next
            node = SchemaDriftTests.value(at: [step], in: node) ?? .null
        }
        let object = resolve(schema, for: node)
        guard object["additionalProperties"] == .bool(false) else { return nil }
        return Set(object["properties"]?.objectKeys ?? [])
    }

    var allKeys: Set<String> {
        var out: Set<String> = []
        func visit(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if case .object(let properties)? = members["properties"] {
                    out.formUnion(properties.keys)
                }
                members.values.forEach(visit)
            case .array(let items): items.forEach(visit)
            default: break
            }
        }
        visit(root)
        return out
    }

    private func resolve(_ schema: JSONValue, for node: JSONValue) -> JSONValue {
        if case .string(let ref)? = schema["$ref"], ref.hasPrefix("#/$defs/") {
            return resolve(root["$defs"]?[String(ref.dropFirst(8))] ?? [:], for: node)
        }
        if case .array(let branches)? = schema["oneOf"],
            let branch = branches.first(where: {
                $0["properties"]?["type"]?["const"] == node["type"]
            })
        {
            return resolve(branch, for: node)
        }
        if case .array(let options)? = schema["anyOf"],
            let object = options.first(where: { $0["type"] == "object" || $0["$ref"] != nil })
        {
            return resolve(object, for: node)
        }
        return schema
    }

    private func child(_ schema: JSONValue, _ step: String) -> JSONValue? {
        if let property = schema["properties"]?[step] { return property }
        if let items = schema["items"], Int(step) != nil { return items }
        if let more = schema["additionalProperties"], more != .bool(false) { return more }
        return nil
    }
}

extension JSONValue {
    fileprivate subscript(_ key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    fileprivate var objectKeys: [String] {
        if case .object(let members) = self { return Array(members.keys) }
        return []
    }
}
