import Foundation
import YAMLCoding

/// Renders every case of a suite against every version of its prompt, offline, and
/// reports each undefined variable once per placeholder with the cases that miss it.
struct RenderCheck {
    var project: Project
    var suite: LoadedSuite
    var versions: [LoadedPrompt]

    private struct Key: Hashable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    func run() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var missing: [Key: (Diagnostic, [String])] = [:]
        var order: [Key] = []
        let suiteDir = (suite.file.absolutePath as NSString).deletingLastPathComponent
        for testCase in suite.cases {
            var vars = suite.header.defaults.vars
            vars.merge(testCase.vars) { _, new in new }
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
            for prompt in versions {
                for (index, template) in prompt.templates.enumerated() {
                    guard let template else { continue }
                    for error in template.check(vars) {
                        let content = prompt.version.messages[index].content
                        let mark = content.fileMark(
                            of: error.position, fileLines: prompt.file.lines)
                        let key = Key(
                            file: mark.file, line: mark.line, column: mark.column,
                            message: error.message)
                        if missing[key] == nil {
                            order.append(key)
                            let diagnostic = Diagnostic(
                                at: mark, path: "messages[\(index)].content",
                                message: error.message,
                                sourceLine: prompt.file.line(mark.line))
                            missing[key] = (diagnostic, [])
                        }
                        if missing[key]?.1.contains(testCase.id) == false {
                            missing[key]?.1.append(testCase.id)
                        }
                    }
                }
            }
        }
        for key in order {
            guard let (diagnostic, cases) = missing[key] else { continue }
            var d = diagnostic
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
