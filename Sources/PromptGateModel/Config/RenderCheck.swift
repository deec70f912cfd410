import Basics
import Foundation
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

    package func run() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var missing: [Key: Group] = [:]
        var order: [Key] = []
        let suiteDir = (suite.file.absolutePath as NSString).deletingLastPathComponent
        let defaults = suite.header.defaults.vars
        // Every (version, message) with a parsed template, looked up once for all cases.
        var checks: [(prompt: LoadedPrompt, index: Int, template: Template)] = []
        for prompt in versions {
            for (index, template) in prompt.templates.enumerated() {
                if let template { checks.append((prompt, index, template)) }
            }
        }
        // Each read of `suite.cases[position]` decodes the case: read it once.
        for position in suite.cases.indices {
            let testCase = suite.cases[position]
            var vars = testCase.vars
            if !defaults.isEmpty {
                vars = defaults.merging(vars) { _, new in new }
            }
            do {
                vars = try VarFiles.resolve(vars, suiteDirectory: suiteDir, root: project.root)
            } catch {
                out.append(
                    Diagnostic(
                        at: testCase.mark, path: "cases[\(testCase.index)].vars",
                        message: error.description, sourceLine: suite.file.line(testCase.mark.line))
                )
                continue
            }
            for (prompt, index, template) in checks {
                for error in template.check(vars) {
                    let content = prompt.version.messages[index].content
                    let mark = content.fileMark(of: error.position, fileLines: prompt.file.lines)
                    let key = Key(
                        file: mark.file, line: mark.line, column: mark.column,
                        message: error.message)
                    if missing[key] == nil {
                        order.append(key)
                        let diagnostic = Diagnostic(
                            at: mark, path: "messages[\(index)].content",
                            message: error.message,
                            sourceLine: prompt.file.line(mark.line))
                        missing[key] = Group(diagnostic: diagnostic)
                    }
                    let id = testCase.id
                    if missing[key]?.listed.insert(id).inserted == true {
                        missing[key]?.cases.append(id)
                    }
                }
            }
        }
        for key in order {
            guard let group = missing[key] else { continue }
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
}
