import Assertions
import Basics
import Templates
import YAMLCoding

/// Everything a command needs from the user's files, loaded and checked.
public struct Project: Sendable {
    public var root: String
    public var configFile: SourceFile
    /// nil when `promptgate.yaml` itself failed to load (its errors are in the diagnostics).
    public var config: ProjectConfig?
    /// Prompt id → versions, oldest first.
    public var prompts: [String: [LoadedPrompt]]
    public var suites: [LoadedSuite]

    /// The version of a prompt, if a file declares it.
    public func prompt(_ id: String, version: String) -> LoadedPrompt? {
        prompts[id]?.first { $0.version.version == version }
    }

    /// The version of a prompt, or the usage error a command gives for it: `label` is what the
    /// user typed (`--prompt bot@9`, `bot@9`), the hint the versions there are or the prompt
    /// id they probably meant.
    public func requirePrompt(_ id: String, version: String, label: String)
        throws(PromptGateError) -> LoadedPrompt
    {
        if let found = prompt(id, version: version) { return found }
        let versions = prompts[id]?.map(\.version.version) ?? []
        guard !versions.isEmpty else {
            let hint = suggestion(for: id, among: Array(prompts.keys)).map {
                "did you mean '\($0)@\(version)'?"
            }
            throw .usage("\(label): no prompt '\(id)' in prompts/", hint: hint)
        }
        throw .usage(
            "\(label): prompt '\(id)' has no version '\(version)'",
            hint: "versions: \(versions.joined(separator: ", "))")
    }

    /// Requests in flight at once when no `--concurrency` is given: `defaults.concurrency` of
    /// promptgate.yaml, else 8.
    public var defaultConcurrency: Int { config?.defaults.concurrency ?? 8 }

    /// A suite by its `suite:` name or its file name without `.yaml`.
    public func suite(named name: String) -> LoadedSuite? {
        suites.first { $0.header.suite == name } ?? suites.first { $0.stem == name }
    }
}

/// One prompt version file, decoded, with its message templates parsed.
public struct LoadedPrompt: Sendable {
    public var file: SourceFile
    public var version: PromptVersion
    /// One per message; nil where the template has a syntax error (reported separately).
    public var templates: [Template?]
}

/// One suite file: its header and the cases that decoded.
public struct LoadedSuite: Sendable {
    public var file: SourceFile
    public var header: SuiteHeader
    /// In file order; each read decodes the case (see ``SuiteCaseList``).
    public var cases: SuiteCaseList
    /// The kinds of the cases' own assertions (not the defaults'), known without reading
    /// every case again.
    public var caseAssertionKinds: Set<AssertionKind>
    /// The render check the loader did while it decoded the cases, for the versions it
    /// was asked to check (see ``RenderSelection``).
    package var renderPrecheck: RenderPrecheck?

    public init(
        file: SourceFile, header: SuiteHeader, cases: SuiteCaseList,
        caseAssertionKinds: Set<AssertionKind>? = nil
    ) {
        self.file = file
        self.header = header
        self.cases = cases
        self.caseAssertionKinds =
            caseAssertionKinds ?? Set(cases.lazy.flatMap { $0.assert.map(\.kind) })
    }

    /// File name without directory and extension.
    public var stem: String {
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
    }

    public var name: String { header.suite }
}
