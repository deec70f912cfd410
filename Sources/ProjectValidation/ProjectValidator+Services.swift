import Assertions
import Basics
import Foundation
import PromptGateModel
import Providers
import YAMLCoding

/// Checks of what a run would need from outside the files: a judge for judged assertions,
/// an embeddings provider for `similar`, and the programs of `exec` providers. Without them a
/// run starts and then fails case by case; `validate` reports them before anything is sent.
extension ProjectValidator {
    /// The kinds a judge model grades.
    static let judgedKinds: Set<AssertionKind> = [.llmRubric, .factuality, .answerRelevance]

    /// Judged assertions without a judge and `similar` without embeddings, in the suite's
    /// defaults and cases (inside `assert-set` too); per-assertion `provider:` names must be
    /// configured. The first such assertion of a suite is reported, with how many more there
    /// are, so a suite of hundreds of cases gives one line per problem.
    func checkGradingServices(_ suite: LoadedSuite, config: ProjectConfig) -> [Diagnostic] {
        var found: [String: (path: [any CodingKey], message: String, more: Int)] = [:]
        var order: [String] = []
        func note(_ problem: String, _ path: [any CodingKey], _ message: String) {
            if found[problem] == nil {
                found[problem] = (path, message, 0)
                order.append(problem)
            } else {
                found[problem]?.more += 1
            }
        }
        let known = config.providers.keys.sorted()
        let configured = known.isEmpty ? "" : " (providers: \(known.joined(separator: ", ")))"
        func visit(_ specs: [AssertionSpec], at path: [any CodingKey]) {
            for (index, spec) in specs.enumerated() {
                let here = path + [PathKey("assert"), PathKey(index)]
                if let name = spec.graded?.provider, config.providers[name] == nil {
                    let hint =
                        suggestion(for: name, among: known).map { "; did you mean '\($0)'?" }
                        ?? configured
                    note(
                        "provider \(name)", here + [PathKey("provider")],
                        "provider '\(name)' is not configured\(hint)")
                }
                if Self.judgedKinds.contains(spec.kind), spec.graded?.provider == nil,
                    config.judge == nil
                {
                    note(
                        "judge", here + [PathKey("type")],
                        "'\(spec.typeName)' is graded by a judge model, but no judge is configured; add judge: { provider: NAME, model: MODEL } to promptgate.yaml\(configured), or provider: NAME to this assertion"
                    )
                }
                if spec.kind == .similar, spec.graded?.provider == nil, config.embeddings == nil {
                    note(
                        "embeddings", here + [PathKey("type")],
                        "'\(spec.typeName)' compares embeddings, but no embeddings provider is configured; add embeddings: { provider: NAME, model: MODEL } to promptgate.yaml\(configured), or provider: NAME to this assertion"
                    )
                }
                if let children = spec.graded?.children, !children.isEmpty {
                    visit(children, at: here)
                }
            }
        }
        visit(suite.header.defaults.assert, at: [PathKey("defaults")])
        // Only kinds graded elsewhere have these keys: without one, no case is read again.
        if suite.caseAssertionKinds.contains(where: { !$0.isEvaluatedLocally }) {
            for testCase in suite.cases {
                visit(testCase.assert, at: [PathKey("cases"), PathKey(testCase.index)])
            }
        }
        guard !order.isEmpty else { return [] }
        // Positions come from the parsed file, read again only now that there is a problem.
        let root = try? YAMLParser.parse(suite.file.bytes, file: suite.file.path)
        return order.compactMap { problem in
            guard let (path, message, more) = found[problem] else { return nil }
            let mark =
                root?.node(at: path)?.mark
                ?? YAMLMark(file: suite.file.path, line: 1, column: 1)
            let others =
                more == 0
                ? "" : " (\(more) more assertion\(more == 1 ? "" : "s") in this file)"
            return Diagnostic(
                at: mark, path: Self.describe(path), message: message + others,
                sourceLine: suite.file.line(mark.line))
        }
    }

    /// `cases[0].assert[1].type`, as decoding errors name paths.
    static func describe(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    /// An `exec` provider's command must be a program that runs: found on `PATH` or in the
    /// project root as ``ExecProvider/resolve(_:root:path:)`` looks it up, and executable.
    /// Nil when fine, else the message.
    static func commandProblem(_ command: String, root: String, path: String?) -> String? {
        let resolved = ExecProvider.resolve(command, root: root, path: path)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory)
        let shown = command.hasPrefix("./") ? String(command.dropFirst(2)) : command
        if !exists {
            if command.hasPrefix("/") {
                return "command '\(command)' does not exist; install it or correct the path"
            }
            if !command.contains("/") {
                return
                    "command '\(command)' was not found on PATH or in the project root; install it, or give its path (e.g. ./bin/\(command))"
            }
            return
                "command '\(command)' does not exist: there is no \(shown) in the project root (relative commands resolve against it)"
        }
        if isDirectory.boolValue {
            return "command '\(command)' is a directory, not a program"
        }
        if !FileManager.default.isExecutableFile(atPath: resolved) {
            return "command '\(command)' is not executable; make it so with chmod +x \(shown)"
        }
        return nil
    }

    /// The `command` of every `exec` provider, looked up with `environment`'s `PATH`.
    func checkCommands(_ config: ProjectConfig, environment: [String: String]) -> [Diagnostic] {
        let file = project.configFile
        var root: YAMLNode??
        var out: [Diagnostic] = []
        for (name, provider) in config.providers.sorted(by: { $0.key < $1.key })
        where provider.kind == .exec {
            guard let command = provider.command, !command.isEmpty,
                let message = Self.commandProblem(
                    command, root: project.root, path: environment["PATH"])
            else { continue }
            if root == nil { root = .some(try? YAMLParser.parse(file.bytes, file: file.path)) }
            let path: [any CodingKey] = [PathKey("providers"), PathKey(name), PathKey("command")]
            let mark =
                root??.node(at: path)?.mark ?? config.providerMarks[name]
                ?? YAMLMark(file: file.path, line: 1, column: 1)
            out.append(
                Diagnostic(
                    at: mark, path: "providers.\(name).command", message: message,
                    sourceLine: file.line(mark.line)))
        }
        return out
    }
}
