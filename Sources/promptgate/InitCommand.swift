import Basics
import Feedback
import Foundation
import PromptGateModel

/// `promptgate init [DIR]`: a new project (config, a prompt, a suite, .gitignore, CI) that
/// validates at once; with `--from-feedback FILE` the suite comes from an export's negative
/// records. It never overwrites a file unless `--force`.
enum InitCommand {
    static let providers = ProjectTemplate.Provider.allCases.map(\.rawValue)

    static let definition = CommandDefinition(
        name: "init",
        abstract: "Write a new project (config, a prompt, a suite, CI) that validates at once.",
        arguments: "[DIR]",
        options: [
            OptionSpec(
                "--provider", value: "NAME",
                help: "openai (default), anthropic, ollama or local: the provider to configure."),
            OptionSpec(
                "--prompt", value: "ID",
                help: "The prompt's id: prompts/ID/v1.yaml, suites/ID.yaml (default: assistant)."),
            OptionSpec(
                "--model", value: "NAME", help: "The provider's model (default: per provider)."),
            OptionSpec(
                "--base-url", value: "URL", help: "The provider's base URL (default: per provider)."
            ),
            OptionSpec(
                "--from-feedback", value: "FILE",
                help: "Build the suite from the negative records of a JSONL, CSV or SQLite export."),
            OptionSpec(
                "--force",
                help: "Overwrite existing files (an existing .gitignore gets the line added)."),
        ],
        discussion: """
            Writes, in DIR (default: the working directory; created when missing):
              promptgate.yaml                    the provider, defaults, judge, a commented gate: policy
              prompts/ID/v1.yaml                 the first prompt version
              suites/ID.yaml                     example cases, or cases from --from-feedback
              .gitignore                         .promptgate/ (the local store)
              .github/workflows/promptgate.yml   CI: validate, run from recordings
            Providers: openai (OpenAI-compatible, key in OPENAI_API_KEY), anthropic (key in
            ANTHROPIC_API_KEY), ollama (http://localhost:11434, no key), local (an
            OpenAI-compatible server on 127.0.0.1, e.g. scripts/local-model.sh, no key).
            When any of these files exists, nothing is written: init lists them and exits 2
            (--force overwrites them). --root DIR is the same as DIR.
            --from-feedback imports the export as 'feedback import' does (redacted, the default
            negative policy) into a temporary store, and writes its negative records as cases
            as 'feedback to-suite' does; the project's own store is not touched.
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard args.positionals.count <= 1 else {
            throw PromptGateError.usage(
                "init takes one DIR, got \(args.positionals.count)",
                hint: "usage: promptgate init [DIR]")
        }
        if let dir = args.positionals.first, let root = args.value("--root"),
            context.absolute(dir) != context.absolute(root)
        {
            throw PromptGateError.usage("init got DIR '\(dir)' and --root '\(root)'; give one")
        }
        let given = args.positionals.first ?? args.value("--root")
        let root = given.map { context.absolute($0) } ?? context.workingDirectory
        let provider =
            ProjectTemplate.Provider(
                rawValue: try args.choice("--provider", among: providers, default: "openai"))
            ?? .openai
        let prompt = args.value("--prompt") ?? "assistant"
        guard ProjectTemplate.isValidPromptID(prompt) else {
            throw PromptGateError.usage(
                "--prompt takes an id of letters, digits, '.', '_' and '-', got '\(prompt)'",
                hint: "e.g. --prompt support")
        }
        let baseURL = args.value("--base-url")
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw PromptGateError.usage(
                "--base-url needs http:// or https://, got '\(baseURL)'",
                hint: "e.g. --base-url http://127.0.0.1:8080/v1")
        }
        let model = args.value("--model")
        for (name, value) in [("--base-url", baseURL), ("--model", model)] {
            guard let value else { continue }
            if value.isEmpty || value.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw PromptGateError.usage("\(name) needs a value on one line")
            }
        }
        let template = ProjectTemplate(
            provider: provider, prompt: prompt, baseURL: baseURL, model: model)
        let force = args.has("--force")
        let files = template.files()
        try checkDirectory(root, shown: given ?? ".")
        let existing = files.compactMap { existingPath(for: $0.path, root: root) }
        if !existing.isEmpty, !force {
            throw PromptGateError.usage(
                "\(given ?? "this folder") already has "
                    + (existing.count == 1 ? "1 of the files" : "\(existing.count) of the files")
                    + " init writes; nothing was written:\n"
                    + existing.map { "  \($0)" }.joined(separator: "\n"),
                hint: "move them away, init another DIR, or pass --force to overwrite them")
        }
        var seeded: SeededSuite?
        if let source = args.value("--from-feedback") {
            seeded = try await seed(
                from: source, path: context.absolute(source), template: template,
                console: context.console)
        }
        var written: [(path: String, how: String)] = []
        for file in template.files(suite: seeded?.text) {
            let path = (root as NSString).appendingPathComponent(file.path)
            var text = file.text
            var how = existing.contains(file.path) ? " (overwritten)" : ""
            if file.path == ProjectTemplate.gitignorePath,
                let old = try? String(contentsOfFile: path, encoding: .utf8)
            {
                // Someone's .gitignore is kept: only the store's line is added.
                text = gitignore(adding: ProjectTemplate.ignoredStore, to: old)
                how =
                    text == old
                    ? " (already there)" : " (\(ProjectTemplate.ignoredStore) added)"
            }
            try AtomicFile.write(text, to: path, shown: file.path, what: "the project file")
            written.append((file.path, how))
        }
        context.console.out(
            summary(
                template, root: given ?? ".", written: written, seeded: seeded,
                changedDirectory: given != nil))
        return .ok
    }

    /// DIR exists as a folder, or is created.
    private static func checkDirectory(_ root: String, shown: String) throws(PromptGateError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .usage("\(shown) is a file; init needs a folder (it is created when missing)")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: root, withIntermediateDirectories: true)
        } catch {
            throw .io(
                path: shown, reason: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    /// The path itself when it exists, or a part of it that exists as a file (`prompts`
    /// as a file where a folder must go); nil when the file can be written.
    private static func existingPath(for relative: String, root: String) -> String? {
        let parts = relative.split(separator: "/").map(String.init)
        var current = root
        for (index, part) in parts.enumerated() {
            current = (current as NSString).appendingPathComponent(part)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory) else {
                return nil
            }
            let last = index == parts.count - 1
            if last || !isDirectory.boolValue {
                return parts[...index].joined(separator: "/")
            }
        }
        return nil
    }

    /// An existing .gitignore keeps its lines; the store's is added when missing.
    static func gitignore(adding line: String, to old: String) -> String {
        let lines = old.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let bare = line.hasSuffix("/") ? String(line.dropLast()) : line
        if lines.contains(where: { [line, bare, "/" + line, "/" + bare].contains($0) }) {
            return old
        }
        return old + (old.isEmpty || old.hasSuffix("\n") ? "" : "\n") + line + "\n"
    }

    // MARK: - --from-feedback

    struct SeededSuite {
        var text: String
        var cases: Int
        var matched: Int
        var imported: Int
        var source: String
    }

    /// Imports the export into a temporary store and writes its negative records as a suite,
    /// through the same workflows as `feedback import` and `feedback to-suite`.
    private static func seed(
        from source: String, path: String, template: ProjectTemplate, console: Console
    ) async throws -> SeededSuite {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        else {
            throw PromptGateError.usage(
                "--from-feedback \(source): no such file",
                hint: "give the path of a JSONL, CSV or SQLite export")
        }
        guard let kind = SourceKind.infer(path: path) else {
            throw PromptGateError.usage(
                "cannot tell what kind of file \(source) is",
                hint: "import it with 'promptgate feedback import --as jsonl|csv|sqlite'")
        }
        let scratch = NSTemporaryDirectory() + "promptgate-init-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        do {
            try FileManager.default.createDirectory(
                atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw PromptGateError.io(
                path: scratch, reason: "cannot create a temporary folder: \(error)")
        }
        let storePath = (scratch as NSString).appendingPathComponent("feedback.db")
        let options = ImportOptions(
            kind: kind, table: nil, mapping: [:], outcomes: false, redact: true,
            policy: FeedbackConfig().negative)
        let summary = try await OffPool.run { () throws -> ImportSummary in
            try FeedbackImporter(store: try FeedbackStore(path: storePath), options: options).run(
                path: path, name: source)
        }
        for warning in summary.warnings {
            console.err("warning: \(TerminalText.sanitize(warning))\n")
        }
        if summary.rejected > 0 {
            console.err(
                "warning: \(summary.rejected) rows of \(TerminalText.sanitize(source)) were rejected; "
                    + "'promptgate feedback import' lists them\n")
        }
        let suitePath = (scratch as NSString).appendingPathComponent(template.suitePath)
        let outcome = try await FeedbackToSuite(
            pattern: .everyNegative, expression: "", prompt: template.prompt,
            description:
                "Negative production feedback from \((source as NSString).lastPathComponent) (promptgate init --from-feedback): "
                + "one case per distinct input, most frequent first."
        ).write(storePath: storePath, to: suitePath, name: template.suitePath)
        guard outcome.created, let text = try? String(contentsOfFile: suitePath, encoding: .utf8)
        else {
            throw PromptGateError.usage(
                "\(source) has no negative feedback with a user input to make cases from "
                    + "(\(plural(summary.imported, "record")) imported); nothing was written",
                hint: "run init without --from-feedback for the example suite")
        }
        return SeededSuite(
            text: text, cases: outcome.added.count, matched: outcome.selection.matched,
            imported: summary.imported, source: source)
    }

    // MARK: - What was written

    static func summary(
        _ template: ProjectTemplate, root: String, written: [(path: String, how: String)],
        seeded: SeededSuite?, changedDirectory: Bool
    ) -> String {
        let safe = TerminalText.sanitize
        let provider = template.provider
        var notes: [String: String] = [:]
        notes[template.configPath] =
            "provider \(provider.rawValue): \(template.model) at \(template.baseURL)"
        notes[template.promptPath] = "prompt \(template.prompt), version \(ProjectTemplate.version)"
        if let seeded {
            notes[template.suitePath] =
                "\(plural(seeded.cases, "case")) from \(plural(seeded.matched, "negative record")) of \(seeded.source)"
        } else {
            notes[template.suitePath] = "\(ProjectTemplate.exampleCaseCount) example cases"
        }
        notes[ProjectTemplate.gitignorePath] = "keeps \(ProjectTemplate.ignoredStore) out of git"
        notes[ProjectTemplate.workflowPath] = "CI: validate and run on pull requests"
        let width = (written.map(\.path.count).max() ?? 0) + 2
        var out = "wrote a promptgate project in \(safe(root)):\n"
        for (path, how) in written {
            let pad = String(repeating: " ", count: width - path.count)
            out += "  \(path)\(pad)\(safe(notes[path] ?? ""))\(how)\n"
        }
        out += "\nnext:\n"
        if changedDirectory { out += "  cd \(safe(root))\n" }
        if let key = provider.apiKeyEnv {
            out +=
                "  export \(key)=…   # the key stays in the environment, never in promptgate.yaml\n"
        }
        out += "  promptgate validate\n"
        out += "  promptgate run --prompt \(template.prompt)@\(ProjectTemplate.version)\n"
        return out
    }
}
