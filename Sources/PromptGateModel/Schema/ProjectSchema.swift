import Assertions
import JSON
import Providers

/// The JSON Schemas (draft 2020-12) of promptgate's files, for editors (completion, checks
/// as you type) and for `promptgate schema KIND`. Every object's keys come from the list its
/// decoder checks, so a schema cannot allow a key the decoder rejects nor miss one it accepts.
public enum ProjectSchema: String, Sendable, CaseIterable {
    /// `promptgate.yaml`.
    case config
    /// `prompts/<id>/v<version>.yaml`.
    case prompt
    /// `suites/<name>.yaml`.
    case suite
    /// `prompts/<id>/release.yaml`.
    case release

    /// Where the committed copy lives in a project (`schemas/<kind>.schema.json`).
    public var fileName: String { "\(rawValue).schema.json" }

    /// The file this schema describes, for help and titles.
    public var describes: String {
        switch self {
        case .config: "promptgate.yaml"
        case .prompt: "prompts/<id>/v<version>.yaml"
        case .suite: "suites/<name>.yaml"
        case .release: "prompts/<id>/release.yaml"
        }
    }

    /// The `# yaml-language-server: $schema=…` line for a file `depth` directories below the
    /// project root (the schemas sit in its `schemas/` folder).
    public func modeline(depth: Int) -> String {
        let up = String(repeating: "../", count: depth)
        return "# yaml-language-server: $schema=\(up)schemas/\(fileName)"
    }

    /// The schema document.
    public var document: JSONValue { build().document }

    /// The schema as the committed file holds it (indented, keys sorted).
    public var text: String { document.prettyText }

    /// Keys described without being accepted, or accepted without being described: empty
    /// unless the schemas and the decoders drifted apart.
    public static var problems: [String] { allCases.flatMap { $0.build().problems } }

    private func build() -> (document: JSONValue, problems: [String]) {
        let b = SchemaBuilder()
        let root: JSONValue
        let description: String
        switch self {
        case .config:
            root = Self.config(b)
            description = "promptgate.yaml: providers, defaults, the judge, the gate policy."
        case .prompt:
            root = Self.promptVersion(b)
            description = "One prompt version; immutable once promoted."
        case .suite:
            root = Self.suite(b)
            description = "A suite: test cases of one prompt, with their assertions."
        case .release:
            root = Self.release(b)
            description = "What serves production and canary, and the history of promotions."
        }
        return (b.document(title: describes, description: description, root: root), b.problems)
    }
}
