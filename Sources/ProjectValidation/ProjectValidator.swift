import Basics
import Foundation
import PromptGateModel
import Providers
import YAMLCoding

/// Cross-file checks that `promptgate validate` adds to what loading found: references
/// between files, duplicate ids, and rendering every case against every version of its
/// prompt without calling a model.
public struct ProjectValidator {
    public var project: Project
    /// Render every case against every version of its prompt (`validate`); a run renders
    /// only the version it runs, in `RunPlan`.
    public var renderAllVersions: Bool
    /// Look up the commands of `exec` providers with this environment's `PATH`; nil skips
    /// that check (a command that only reads recordings, or calls no provider).
    public var commandEnvironment: [String: String]?

    public init(
        project: Project, renderAllVersions: Bool = true,
        commandEnvironment: [String: String]? = nil
    ) {
        self.project = project
        self.renderAllVersions = renderAllVersions
        self.commandEnvironment = commandEnvironment
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let config = project.config {
            out += checkProviders(config)
            if let environment = commandEnvironment {
                out += checkCommands(config, environment: environment)
            }
        }
        for versions in project.prompts.values {
            for prompt in versions { out += checkPrompt(prompt, siblings: versions) }
        }
        for id in project.prompts.keys.sorted() { out += checkRelease(id) }
        out += checkSuiteNames()
        for suite in project.suites { out += checkSuite(suite) }
        return out
    }

    private func checkProviders(_ config: ProjectConfig) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let file = project.configFile
        for (name, provider) in config.providers.sorted(by: { $0.key < $1.key })
        where !ProviderConfig.supportedTypes.contains(provider.type) {
            let mark = config.providerMarks[name] ?? YAMLMark(file: file.path, line: 1, column: 1)
            out.append(
                Diagnostic(
                    at: mark, path: "providers.\(name).type",
                    message:
                        "provider type '\(provider.type)' is not supported by this build (supported: \(ProviderConfig.supportedTypes.joined(separator: ", ")))",
                    sourceLine: file.line(mark.line)))
        }
        if let ref = config.defaults.providerRef, config.providers[ref.value] == nil {
            out.append(
                unknownProvider(ref.value, at: ref.mark, path: "defaults.provider", in: file))
        }
        if let judge = config.judge, config.providers[judge.provider.value] == nil {
            out.append(
                unknownProvider(
                    judge.provider.value, at: judge.provider.mark, path: "judge.provider", in: file)
            )
        }
        if let embeddings = config.embeddings, config.providers[embeddings.provider.value] == nil {
            out.append(
                unknownProvider(
                    embeddings.provider.value, at: embeddings.provider.mark,
                    path: "embeddings.provider", in: file))
        }
        return out
    }

    private func unknownProvider(
        _ name: String, at mark: YAMLMark?, path: String, in file: SourceFile
    )
        -> Diagnostic
    {
        let known = project.config.map { Array($0.providers.keys).sorted() } ?? []
        let hint =
            suggestion(for: name, among: known).map { "; did you mean '\($0)'?" }
            ?? (known.isEmpty
                ? "; add it under providers: in promptgate.yaml"
                : " (configured: \(known.joined(separator: ", ")))")
        let mark = mark ?? YAMLMark(file: file.path, line: 0, column: 0)
        return Diagnostic(
            at: mark, path: path, message: "provider '\(name)' is not configured\(hint)",
            sourceLine: file.line(mark.line))
    }

    private func checkPrompt(_ prompt: LoadedPrompt, siblings: [LoadedPrompt]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let v = prompt.version
        if let parent = v.parent, !siblings.contains(where: { $0.version.version == parent }) {
            let mark = v.parentMark ?? YAMLMark(file: prompt.file.path, line: 1, column: 1)
            let versions = siblings.map(\.version.version)
            let hint =
                suggestion(for: parent, among: versions).map { "; did you mean '\($0)'?" }
                ?? " (versions of '\(v.id)': \(versions.joined(separator: ", ")))"
            out.append(
                Diagnostic(
                    at: mark, path: "parent",
                    message: "parent version '\(parent)' does not exist\(hint)",
                    sourceLine: prompt.file.line(mark.line)))
        }
        if let config = project.config {
            if let name = v.model.provider {
                if config.providers[name] == nil {
                    out.append(
                        unknownProvider(
                            name, at: v.model.providerMark, path: "model.provider", in: prompt.file)
                    )
                }
            } else if config.defaults.provider == nil && config.providers.count != 1 {
                let mark =
                    v.model.providerMark ?? YAMLMark(file: prompt.file.path, line: 1, column: 1)
                out.append(
                    Diagnostic(
                        at: mark, path: "model.provider",
                        message:
                            "no provider: name one here or set defaults.provider in promptgate.yaml",
                        sourceLine: prompt.file.line(mark.line)))
            }
        }
        return out
    }

    /// Versions named in release.yaml must still have the bytes they were promoted with.
    private func checkRelease(_ id: String) -> [Diagnostic] {
        let path = ReleaseManifest.path(prompt: id)
        let manifest: ReleaseManifest?
        do {
            manifest = try ReleaseManifest.load(prompt: id, root: project.root)
        } catch {
            if case .configuration(let diagnostics) = error { return diagnostics }
            return [Diagnostic(file: path, line: 1, column: 1, message: error.description)]
        }
        guard let manifest else { return [] }
        var out: [Diagnostic] = []
        let deployed: [(String, String, String)] =
            [
                manifest.production.map { ("production", $0.version, $0.sha256) },
                manifest.canary.map { ("canary", $0.version, $0.sha256) },
            ].compactMap { $0 }
        for (role, version, recorded) in deployed {
            guard let prompt = project.prompt(id, version: version) else {
                out.append(
                    Diagnostic(
                        file: path, line: 1, column: 1, path: role,
                        message:
                            "\(role) version '\(version)' has no file prompts/\(id)/v\(version).yaml"
                    ))
                continue
            }
            if prompt.file.sha256 != recorded {
                out.append(
                    Diagnostic(
                        file: prompt.file.path, line: 1, column: 1,
                        message:
                            "this version serves \(role) but changed after it was promoted (sha256 \(recorded.prefix(8))… recorded in \(path), \(prompt.file.sha256.prefix(8))… now); promoted versions are immutable: restore the file and put the change in a new version"
                    ))
            }
        }
        return out
    }

    private func checkSuiteNames() -> [Diagnostic] {
        var seen: [String: LoadedSuite] = [:]
        var out: [Diagnostic] = []
        for suite in project.suites {
            if let first = seen[suite.name] {
                out.append(
                    Diagnostic(
                        file: suite.file.path, line: 1, column: 1, path: "suite",
                        message:
                            "suite name '\(suite.name)' is also used by \(first.file.path); suite names must be unique"
                    ))
            } else {
                seen[suite.name] = suite
            }
        }
        return out
    }

    private func checkSuite(_ suite: LoadedSuite) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let file = suite.file
        let promptID = suite.header.prompt
        let versions = project.prompts[promptID.value] ?? []
        if versions.isEmpty {
            let known = Array(project.prompts.keys).sorted()
            let hint =
                suggestion(for: promptID.value, among: known).map { "; did you mean '\($0)'?" }
                ?? "; create prompts/\(promptID.value)/v1.0.yaml"
            out.append(
                Diagnostic(
                    at: promptID.mark, path: "prompt",
                    message: "prompt '\(promptID.value)' does not exist\(hint)",
                    sourceLine: file.line(promptID.mark.line)))
        }
        // The first position of each id; a case is decoded only when its id is used twice.
        var firstByID: [String: Int] = [:]
        firstByID.reserveCapacity(suite.cases.count)
        for position in suite.cases.indices {
            let id = suite.cases.id(at: position)
            guard let first = firstByID[id] else {
                firstByID[id] = position
                continue
            }
            let duplicate = suite.cases[position]
            let firstLine = suite.cases[first].idMark.line
            out.append(
                Diagnostic(
                    at: duplicate.idMark, path: "cases[\(duplicate.index)].id",
                    message: "duplicate case id '\(id)'; first used at line \(firstLine)",
                    sourceLine: file.line(duplicate.idMark.line)))
        }
        if let config = project.config {
            out += checkGradingServices(suite, config: config)
        }
        if renderAllVersions {
            out += RenderCheck(project: project, suite: suite, versions: versions).run()
        }
        return out
    }
}
