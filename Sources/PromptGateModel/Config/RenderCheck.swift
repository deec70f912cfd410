import Basics
import Dispatch
import Foundation
import Synchronization
import Templates
import YAMLCoding

/// Renders every case of a suite against every version of its prompt, offline, and
/// reports each undefined variable once per placeholder with the cases that miss it.
package struct RenderCheck {
    var project: Project
    var suite: LoadedSuite
    var versions: [LoadedPrompt]

    package init(project: Project, suite: LoadedSuite, versions: [LoadedPrompt]) {
        self.project = project
        self.suite = suite
        self.versions = versions
    }

    fileprivate struct Key: Hashable, Sendable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    /// One undefined placeholder and the ids of the cases that miss it, in case order.
    fileprivate struct Group: Sendable {
        var diagnostic: Diagnostic
        var cases: [String] = []
        /// For a constant-time "already listed?" when thousands of cases miss the same var.
        var listed: Set<String> = []
    }

    /// What one run of consecutive cases found, merged in case order.
    package struct Partial: Sendable {
        var out: [Diagnostic] = []
        fileprivate var missing: [Key: Group] = [:]
        fileprivate var order: [Key] = []

        /// Adds what the cases after these found.
        mutating func merge(_ later: Partial) {
            out += later.out
            for key in later.order {
                guard let group = later.missing[key] else { continue }
                guard missing[key] != nil else {
                    order.append(key)
                    missing[key] = group
                    continue
                }
                for id in group.cases where missing[key]?.listed.insert(id).inserted == true {
                    missing[key]?.cases.append(id)
                }
            }
        }

        /// The placeholders one case's vars leave undefined in any of `checks`.
        mutating func check(vars: [String: TemplateValue], id: String, _ checks: [Check]) {
            for check in checks {
                for error in check.template.check(vars) {
                    let content = check.prompt.version.messages[check.index].content
                    let mark = content.fileMark(
                        of: error.position, fileLines: check.prompt.file.lines)
                    let key = Key(
                        file: mark.file, line: mark.line, column: mark.column,
                        message: error.message)
                    if missing[key] == nil {
                        order.append(key)
                        let diagnostic = Diagnostic(
                            at: mark, path: "messages[\(check.index)].content",
                            message: error.message,
                            sourceLine: check.prompt.file.line(mark.line))
                        missing[key] = Group(diagnostic: diagnostic)
                    }
                    if missing[key]?.listed.insert(id).inserted == true {
                        missing[key]?.cases.append(id)
                    }
                }
            }
        }
    }

    /// Cases per chunk when the check runs on several cores: reading a case back from the
    /// file is most of the work.
    static let chunkSize = 1_024

    package func run() -> [Diagnostic] {
        // The loader checked these versions as it decoded the cases: nothing to read again.
        if let merged = suite.renderPrecheck?.partial(for: versions) { return report(merged) }
        let checks = Self.checks(versions)
        let count = suite.cases.count
        let chunks = max(1, (count + Self.chunkSize - 1) / Self.chunkSize)
        let parts = Mutex([Partial?](repeating: nil, count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * Self.chunkSize)..<min(count, (chunk + 1) * Self.chunkSize)
            let part = check(range, checks)
            parts.withLock { $0[chunk] = part }
        }
        var merged = Partial()
        for part in parts.withLock({ $0 }) {
            if let part { merged.merge(part) }
        }
        return report(merged)
    }

    /// Every (version, message) with a parsed template, looked up once for all cases.
    static func checks(_ versions: [LoadedPrompt]) -> [Check] {
        versions.flatMap { prompt in
            prompt.templates.enumerated().compactMap { index, template in
                template.map { Check(prompt: prompt, index: index, template: $0) }
            }
        }
    }

    /// The problems found, each missing placeholder once with the cases that miss it.
    private func report(_ merged: Partial) -> [Diagnostic] {
        var out = merged.out
        for key in merged.order {
            guard let group = merged.missing[key] else { continue }
            let cases = group.cases
            var d = group.diagnostic
            let shown = cases.prefix(5).joined(separator: ", ")
            let more = cases.count > 5 ? " and \(cases.count - 5) more" : ""
            let noun = cases.count == 1 ? "case" : "cases"
            d.message +=
                " (for \(noun) \(shown)\(more) of \(suite.file.path); give the var in the case or in defaults.vars)"
            out.append(d)
        }
        return out
    }

    package struct Check: Sendable {
        var prompt: LoadedPrompt
        var index: Int
        var template: Template
    }

    /// The cases at `positions`, each rendered against every check.
    private func check(_ positions: Range<Int>, _ checks: [Check]) -> Partial {
        var part = Partial()
        let suiteDir = (suite.file.absolutePath as NSString).deletingLastPathComponent
        let defaults = suite.header.defaults.vars
        // Only the vars are read: each read of `suite.cases[position]` decodes a whole case.
        for position in positions {
            var vars = suite.cases.vars(at: position)
            if !defaults.isEmpty {
                vars = defaults.merging(vars) { _, new in new }
            }
            do {
                vars = try VarFiles.resolve(vars, suiteDirectory: suiteDir, root: project.root)
            } catch {
                part.out.append(Self.varsProblem(suite.cases[position], error, file: suite.file))
                continue
            }
            part.check(vars: vars, id: suite.cases.id(at: position), checks)
        }
        return part
    }

    /// A case whose var files cannot be read.
    static func varsProblem(_ testCase: TestCase, _ error: PromptGateError, file: SourceFile)
        -> Diagnostic
    {
        Diagnostic(
            at: testCase.mark, path: "cases[\(testCase.index)].vars", message: error.description,
            sourceLine: file.line(testCase.mark.line))
    }
}
