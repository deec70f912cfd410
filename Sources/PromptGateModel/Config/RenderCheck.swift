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

    private struct Key: Hashable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    /// One undefined placeholder and the ids of the cases that miss it, in case order.
    private struct Group {
        var diagnostic: Diagnostic
        var cases: [String] = []
        /// For a constant-time "already listed?" when thousands of cases miss the same var.
        var listed: Set<String> = []
    }

    /// What one run of consecutive cases found, merged in case order.
    private struct Partial {
        var out: [Diagnostic] = []
        var missing: [Key: Group] = [:]
        var order: [Key] = []
    }

    /// Cases per chunk when the check runs on several cores: reading a case back from the
    /// file is most of the work.
    static let chunkSize = 1_024

    package func run() -> [Diagnostic] {
        // Every (version, message) with a parsed template, looked up once for all cases.
        let checks = versions.flatMap { prompt in
            prompt.templates.enumerated().compactMap { index, template in
                template.map { Check(prompt: prompt, index: index, template: $0) }
            }
        }
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
            guard let part else { continue }
            merged.out += part.out
            for key in part.order {
                guard let group = part.missing[key] else { continue }
                guard merged.missing[key] != nil else {
                    merged.order.append(key)
                    merged.missing[key] = group
                    continue
                }
                for id in group.cases
                where merged.missing[key]?.listed.insert(id).inserted == true {
                    merged.missing[key]?.cases.append(id)
                }
            }
        }
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

    private struct Check: Sendable {
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
                let testCase = suite.cases[position]
                part.out.append(
                    Diagnostic(
                        at: testCase.mark, path: "cases[\(testCase.index)].vars",
                        message: error.description, sourceLine: suite.file.line(testCase.mark.line))
                )
                continue
            }
            for check in checks {
                for error in check.template.check(vars) {
                    let content = check.prompt.version.messages[check.index].content
                    let mark = content.fileMark(
                        of: error.position, fileLines: check.prompt.file.lines)
                    let key = Key(
                        file: mark.file, line: mark.line, column: mark.column,
                        message: error.message)
                    if part.missing[key] == nil {
                        part.order.append(key)
                        let diagnostic = Diagnostic(
                            at: mark, path: "messages[\(check.index)].content",
                            message: error.message,
                            sourceLine: check.prompt.file.line(mark.line))
                        part.missing[key] = Group(diagnostic: diagnostic)
                    }
                    let id = suite.cases.id(at: position)
                    if part.missing[key]?.listed.insert(id).inserted == true {
                        part.missing[key]?.cases.append(id)
                    }
                }
            }
        }
        return part
    }
}
