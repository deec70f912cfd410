import Basics
import Foundation
import PromptGateModel
import Providers

/// What a command gets to work with: the console, the environment and the project root.
struct CommandContext: Sendable {
    var console: Console
    var environment: [String: String]
    var workingDirectory: String
    var arguments: ParsedArguments

    /// `--root DIR`, or the nearest directory above the working directory with promptgate.yaml.
    func projectRoot() throws(PromptGateError) -> String {
        if let root = arguments.value("--root") {
            return try ProjectRoot.validate(given: absolute(root))
        }
        return try ProjectRoot.find(startingAt: workingDirectory)
    }

    /// A path given on the command line, made absolute against the working directory.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// Adds the secrets of the project's providers (their `api_key_env` values, secret
    /// `exec` variables) to what the console redacts.
    func protectSecrets(of project: Project) {
        console.protect(
            SecretRedactor.forProviders(
                project.config?.providers ?? [:], environment: environment))
    }

    /// Writes machine output to `--output FILE` when given, else stdout (secrets redacted).
    func emit(_ text: String) throws(PromptGateError) {
        guard let path = arguments.value("--output") else {
            console.out(text)
            return
        }
        do {
            try Data(console.redactor.redact(text).utf8).write(
                to: URL(fileURLWithPath: absolute(path)), options: .atomic)
        } catch {
            throw .io(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}

/// One `promptgate` subcommand. Its USAGE line and OPTIONS list are generated from the
/// same option specs the parser accepts, so help cannot leave one out.
struct CommandDefinition: Sendable {
    var name: String
    var abstract: String
    /// The ways to call it, each a line of USAGE.
    var forms: [UsageForm]
    /// What the parser accepts besides the global options: every form's options, once each.
    var options: [OptionSpec]
    var discussion: String
    var run: @Sendable (CommandContext) async throws -> ExitStatus

    /// A command with one form: `arguments` (`BASE CANDIDATE`), then every option.
    init(
        name: String, abstract: String, arguments: String = "", options: [OptionSpec] = [],
        discussion: String = "",
        run: @escaping @Sendable (CommandContext) async throws -> ExitStatus
    ) {
        self.init(
            name: name, abstract: abstract, forms: [UsageForm(arguments, options: options)],
            discussion: discussion, run: run)
    }

    /// A command called in several ways (`cache stats`, `cache clear [--older-than AGE]`);
    /// it accepts the options of all of them.
    init(
        name: String, abstract: String, forms: [UsageForm], discussion: String = "",
        run: @escaping @Sendable (CommandContext) async throws -> ExitStatus
    ) {
        self.name = name
        self.abstract = abstract
        self.forms = forms
        self.options = UsageForm.union(forms)
        self.discussion = discussion
        self.run = run
    }

    /// The USAGE lines, e.g. `USAGE: promptgate compare BASE CANDIDATE [--suite NAME]… …`.
    var usage: String { Usage.lines(command: name, forms: forms, prefix: "USAGE: ") }

    /// The text of `promptgate NAME --help`.
    var help: String {
        var out = "\(abstract)\n\n\(usage)"
        if !discussion.isEmpty { out += "\n\(discussion)\n" }
        let all = options + GlobalOptions.all
        out += "\nOPTIONS:\n"
        let labels = all.map(\.label)
        let width = min(28, (labels.map(\.count).max() ?? 0) + 2)
        for (spec, label) in zip(all, labels) {
            let pad = String(repeating: " ", count: max(1, width - label.count))
            out += "  \(label)\(pad)\(spec.help)\n"
        }
        return out
    }
}
