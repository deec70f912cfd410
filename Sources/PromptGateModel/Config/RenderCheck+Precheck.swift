import Basics
import Foundation
import Templates

/// Which prompt versions the loader render-checks each case against while it decodes it,
/// so the check before a run or in `validate` reads no case a second time.
public enum RenderSelection: Sendable, Hashable {
    /// None: a command that renders nothing (the check, if any, reads the cases again).
    case none
    /// Every version of each suite's prompt (`validate`).
    case allVersions
    /// These versions, as `ID@VERSION` (a run, or both sides of a compare).
    case versions(Set<String>)

    func selects(_ prompt: LoadedPrompt) -> Bool {
        switch self {
        case .none: false
        case .allVersions: true
        case .versions(let refs): refs.contains(RenderPrecheck.key(prompt))
        }
    }
}

/// What the render check found while the loader decoded a suite's cases: the cases whose
/// var files cannot be read (the same for every version) and, per version checked, the
/// placeholders cases leave undefined.
package struct RenderPrecheck: Sendable {
    var varsProblems: [Diagnostic] = []
    var byVersion: [String: RenderCheck.Partial] = [:]

    static func key(_ prompt: LoadedPrompt) -> String {
        "\(prompt.version.id)@\(prompt.version.version)"
    }

    /// The findings for exactly `versions`, or nil when one of them was not checked.
    func partial(for versions: [LoadedPrompt]) -> RenderCheck.Partial? {
        var merged = RenderCheck.Partial()
        merged.out = varsProblems
        for prompt in versions {
            guard let part = byVersion[Self.key(prompt)] else { return nil }
            merged.merge(part)
        }
        return merged
    }

    /// Adds what the cases after these found.
    mutating func merge(_ later: RenderPrecheck) {
        varsProblems += later.varsProblems
        for (key, part) in later.byVersion { byVersion[key, default: .init()].merge(part) }
    }
}

/// Render-checks cases as the loader's workers decode them, with the suite's prompt and
/// defaults as written above its `cases:` (the loader makes sure the whole header agrees).
struct CaseRenderChecker: Sendable {
    /// The header values the check assumed.
    var promptID: String
    var defaults: [String: TemplateValue]
    var file: SourceFile
    var root: String
    /// Where the suite's var files are found from.
    var directory: String
    var versions: [(key: String, checks: [RenderCheck.Check])]

    /// A checker for a suite of `promptID` with these default vars.
    init(
        promptID: String, defaults: [String: TemplateValue], file: SourceFile, root: String,
        prompts: [String: [LoadedPrompt]], selection: RenderSelection
    ) {
        self.promptID = promptID
        self.defaults = defaults
        self.file = file
        self.root = root
        directory = (file.absolutePath as NSString).deletingLastPathComponent
        versions = (prompts[promptID] ?? []).filter(selection.selects).map {
            (RenderPrecheck.key($0), RenderCheck.checks([$0]))
        }
    }

    func check(_ testCase: TestCase, into result: inout RenderPrecheck) {
        var vars = testCase.vars
        if !defaults.isEmpty { vars = defaults.merging(vars) { _, new in new } }
        do {
            vars = try VarFiles.resolve(vars, suiteDirectory: directory, root: root)
        } catch {
            result.varsProblems.append(RenderCheck.varsProblem(testCase, error, file: file))
            return
        }
        for version in versions {
            result.byVersion[version.key, default: .init()].check(
                vars: vars, id: testCase.id, version.checks)
        }
    }
}
