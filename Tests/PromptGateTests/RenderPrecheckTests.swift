import Basics
import PromptGateModel
import TestKit
import Testing

/// The loader render-checks each case while it decodes it, so `validate` and a run do not
/// read every case back for the check: what it finds is exactly what reading them finds.
@Suite struct RenderPrecheckTests {
    static let config = """
        providers:
          local: { type: openai, base_url: "http://127.0.0.1:9/v1", model: m }
        defaults: { provider: local }

        """

    static func prompt(_ version: String, _ content: String) -> String {
        """
        id: support
        version: "\(version)"
        messages:
          - role: user
            content: "\(content)"

        """
    }

    /// 700 cases (three batches): every seventh lacks `product`, every 100th reads a var
    /// file that is not there; `defaults` above or below the cases.
    static func suite(defaultsBelow: Bool = false, promptBelow: Bool = false) -> String {
        var out = "suite: a\n"
        if !promptBelow { out += "prompt: support\n" }
        if !defaultsBelow { out += "defaults: { vars: { tier: gold } }\n" }
        out += "cases:\n"
        for i in 0..<700 {
            let product = i % 7 == 3 ? "" : "product: Acme, "
            let question = i % 100 == 50 ? "\"file://nope-\(i).txt\"" : "q\(i)"
            out += "  - { id: c\(i), vars: { \(product)q: \(question) } }\n"
        }
        if defaultsBelow { out += "defaults: { vars: { tier: gold } }\n" }
        if promptBelow { out += "prompt: support\n" }
        return out
    }

    func project(_ suite: String) throws -> TempProject {
        try TempProject(files: [
            "promptgate.yaml": Self.config,
            "prompts/support/v1.0.yaml": Self.prompt("1.0", "{{ product }}: {{ q }}"),
            "prompts/support/v1.1.yaml": Self.prompt("1.1", "{{ product }} {{ tier }} {{ plan }}"),
            "suites/a.yaml": suite,
        ])
    }

    /// The render check of the suite against `versions` ("1.0", "1.1"), as rendered lines.
    func check(_ project: Project, _ versions: [String]) throws -> [String] {
        let suite = try #require(project.suites.first)
        let prompts = versions.compactMap { v in
            project.prompts["support"]?.first { $0.version.version == v }
        }
        #expect(prompts.count == versions.count)
        return RenderCheck(project: project, suite: suite, versions: prompts).run().sorted()
            .map { $0.rendered(color: false) }
    }

    @Test func whatTheLoaderFoundIsWhatReadingTheCasesFinds() throws {
        let temp = try project(Self.suite())
        let (plain, _) = try ProjectLoader(root: temp.root).load()
        #expect(plain.suites.first?.renderPrecheck == nil)
        for selection in [RenderSelection.allVersions, .versions(["support@1.0", "support@1.1"])] {
            let (project, _) = try ProjectLoader(root: temp.root, renderSelection: selection).load()
            #expect(project.suites.first?.renderPrecheck != nil)
            for versions in [["1.0"], ["1.1"], ["1.0", "1.1"], []] {
                let found = try check(project, versions)
                #expect(found == (try check(plain, versions)))
                if versions == ["1.0"] {
                    // 100 cases miss `product`, but c150's var file is missing (7 are): the
                    // check stops there for it.
                    #expect(found.count == 8, "\(found)")
                    #expect(
                        found.contains {
                            $0.contains("undefined variable 'product'")
                                && $0.contains("(for cases c3, c10, c17, c24, c31 and 94 more")
                        }, "\(found)")
                }
            }
        }
    }

    @Test func aVersionNotCheckedIsReadAsBefore() throws {
        let temp = try project(Self.suite())
        let (plain, _) = try ProjectLoader(root: temp.root).load()
        let (project, _) = try ProjectLoader(
            root: temp.root, renderSelection: .versions(["support@1.0"])
        ).load()
        #expect(project.suites.first?.renderPrecheck != nil)
        for versions in [["1.0"], ["1.1"], ["1.0", "1.1"]] {
            #expect(try check(project, versions) == (try check(plain, versions)))
        }
    }

    /// The check starts with the keys above `cases:`; keys below it (a default var, the
    /// prompt) are seen only at the end, so what was checked without them is not used.
    @Test(arguments: [(true, false), (false, true)])
    func keysBelowTheCasesAreNotMissed(defaultsBelow: Bool, promptBelow: Bool) throws {
        let temp = try project(Self.suite(defaultsBelow: defaultsBelow, promptBelow: promptBelow))
        let (plain, _) = try ProjectLoader(root: temp.root).load()
        let (project, _) = try ProjectLoader(root: temp.root, renderSelection: .allVersions).load()
        #expect(project.suites.first?.renderPrecheck == nil)
        let found = try check(project, ["1.1"])
        #expect(found == (try check(plain, ["1.1"])))
        // `tier` comes from the defaults below the cases: never reported missing.
        #expect(!found.contains { $0.contains("'tier'") }, "\(found)")
    }
}
