import Basics
import Foundation
import PromptGateModel
import Providers

/// What a command gets to work with: the console, the environment and the project root.
public struct CommandContext: Sendable {
    public var console: Console
    public var environment: [String: String]
    public var workingDirectory: String
    public var arguments: ParsedArguments

    /// `--root DIR`, or the nearest directory above the working directory with promptgate.yaml.
    public func projectRoot() throws(PromptGateError) -> String {
        if let root = arguments.value("--root") {
            let absolute =
                root.hasPrefix("/")
                ? root : (workingDirectory as NSString).appendingPathComponent(root)
            return try ProjectRoot.validate(given: absolute)
        }
        return try ProjectRoot.find(startingAt: workingDirectory)
    }

    /// A path given on the command line, made absolute against the working directory.
    public func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// Adds the secrets of the project's providers (their `api_key_env` values, secret
    /// `exec` variables) to what the console redacts.
    public func protectSecrets(of project: Project) {
        console.protect(
            SecretRedactor.forProviders(
                project.config?.providers ?? [:], environment: environment))
    }

    /// Writes machine output to `--output FILE` when given, else stdout (secrets redacted).
    public func emit(_ text: String) throws(PromptGateError) {
        guard let path = arguments.value("--output") else {
            console.out(text)
            return
        }
        let absolute =
            path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        do {
            try Data(console.redactor.redact(text).utf8).write(
                to: URL(fileURLWithPath: absolute), options: .atomic)
        } catch {
            throw .io(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}

/// One `promptgate` subcommand.
public struct CommandDefinition: Sendable {
    public var name: String
    public var abstract: String
    public var usage: String
    public var options: [OptionSpec]
    public var discussion: String
    public var run: @Sendable (CommandContext) async throws -> ExitStatus

    public init(
        name: String, abstract: String, usage: String, options: [OptionSpec] = [],
        discussion: String = "",
        run: @escaping @Sendable (CommandContext) async throws -> ExitStatus
    ) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.options = options
        self.discussion = discussion
        self.run = run
    }

    /// The text of `promptgate NAME --help`.
    public var help: String {
        var out = "\(abstract)\n\nUSAGE: \(usage)\n"
        if !discussion.isEmpty { out += "\n\(discussion)\n" }
        let all = options + GlobalOptions.all
        out += "\nOPTIONS:\n"
        let labels = all.map { spec in spec.valueName.map { "\(spec.name) \($0)" } ?? spec.name }
        let width = min(28, (labels.map(\.count).max() ?? 0) + 2)
        for (spec, label) in zip(all, labels) {
            let pad = String(repeating: " ", count: max(1, width - label.count))
            out += "  \(label)\(pad)\(spec.help)\n"
        }
        return out
    }
}
