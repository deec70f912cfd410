import Basics
import Foundation
import ProjectValidation
import PromptGateModel
import TestKit
import Testing
import YAMLCoding

/// A suite big enough to be decoded on several threads loads exactly like a small one:
/// cases in file order, each problem reported once at its own case.
@Suite struct SuiteCasesTests {
    static let prompt = """
        id: support
        version: "1.0"
        messages:
          - role: user
            content: "{{ user_input }} {{ product }}"

        """

    @Test func bigSuiteKeepsOrderIndicesAndEveryProblem() throws {
        let count = 2_500
        var text = "suite: big\nprompt: support\ndefaults: { vars: { product: Acme } }\ncases:\n"
        var bad: [Int: String] = [:]
        for i in 0..<count {
            switch i {
            case 7, 1_300, 2_499:
                text += "  - id: c\(i)\n    varz: { user_input: q }\n"
                bad[i] = "cases[\(i)]: unknown key 'varz'; did you mean 'vars'?"
            case 640, 1_900:
                text += "  - id: c\(i)\n    vars: { user_input: q }\n"
                text += "    assert: [{ type: containz, value: x }]\n"
                bad[i] = "cases[\(i)].assert[0].type: unknown assertion type 'containz'"
            case 2_000:
                text += "  - id: c5\n    vars: { user_input: q }\n"  // duplicate of case 5
            case 100, 1_500, 2_300:
                text += "  - id: c\(i)\n    vars: { other: q }\n"  // misses user_input
            default:
                text += "  - id: c\(i)\n    vars: { user_input: \"Question \(i)\" }\n"
            }
        }
        let files = [
            "promptgate.yaml": """
            providers:
              local: { type: openai, base_url: "http://127.0.0.1:9/v1", model: m }

            """,
            "prompts/support/v1.0.yaml": Self.prompt, "suites/big.yaml": text,
        ]
        let temp = try TempProject(files: files)
        let (project, report) = try Validation.run(root: temp.root)

        let cases = try #require(project.suites.first?.cases)
        let expectedIndices = (0..<count).filter { bad[$0] == nil }
        #expect(cases.map(\.index) == expectedIndices)
        #expect(cases.map(\.id) == expectedIndices.map { $0 == 2_000 ? "c5" : "c\($0)" })
        #expect(cases.allSatisfy { $0.idMark.line == $0.mark.line })

        let messages = report.diagnostics.map { "\($0.path): \($0.message)" }
        for (index, message) in bad {
            #expect(messages.filter { $0.hasPrefix(message) }.count == 1, "case \(index)")
        }
        let firstLine = try #require(cases.first { $0.id == "c5" }?.idMark.line)
        #expect(
            messages.contains(
                "cases[2000].id: duplicate case id 'c5'; first used at line \(firstLine)"))
        let undefined = messages.filter { $0.contains("'user_input'") }
        #expect(undefined.count == 1, "\(undefined)")
        #expect(
            undefined.first?.contains("(for cases c100, c1500, c2300 of suites/big.yaml") == true)
        #expect(report.diagnostics.count == bad.count + 2, "\(messages)")
        #expect(report.cases == count - bad.count)
    }
}

extension SuiteCasesTests {
    static let config = """
        providers:
          local: { type: openai, base_url: "http://127.0.0.1:9/v1", model: m }

        """

    func load(_ suite: String) throws -> (Project, ValidationReport) {
        let temp = try TempProject(files: [
            "promptgate.yaml": Self.config, "prompts/support/v1.0.yaml": Self.prompt,
            "suites/s.yaml": suite,
        ])
        return try Validation.run(root: temp.root)
    }

    func bigList(_ count: Int, indent: String = "  ") -> String {
        (0..<count).map { "\(indent)- { id: c\($0), vars: { user_input: q, product: p } }\n" }
            .joined()
    }

    @Test func casesFromAMergeKeyAreDecodedToo() throws {
        let suite = "suite: s\nprompt: support\n<<:\n  cases:\n" + bigList(600, indent: "    ")
        let (project, report) = try load(suite)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.headline))")
        #expect(project.suites.first?.cases.map(\.id) == (0..<600).map { "c\($0)" })
    }

    @Test func aSyntaxErrorAtTheEndOfABigSuiteIsTheOnlyProblem() throws {
        let suite = "suite: s\nprompt: support\ncases:\n" + bigList(1_000) + "  - id: [x\n"
        let (project, report) = try load(suite)
        #expect(project.suites.isEmpty)
        #expect(report.diagnostics.count == 1)
        #expect(
            report.diagnostics.first?.headline.hasSuffix(
                "while parsing a flow sequence (started on line 1004)") == true,
            "\(report.diagnostics.map(\.headline))")
    }

    @Test func aBadHeaderDropsTheStreamedCases() throws {
        let suite = "suite: s\nprompt: support\nwhat: x\ncases:\n" + bigList(1_000)
        let (project, report) = try load(suite)
        #expect(project.suites.isEmpty)
        #expect(report.diagnostics.map(\.headline).count == 1)
        #expect(report.diagnostics.first?.message.contains("unknown key 'what'") == true)
    }
}

/// A loaded suite keeps each case as the place of its lines and decodes it again when it is
/// read: what comes back must be exactly what a plain decode of the file gives.
extension SuiteCasesTests {
    private struct Plain: Decodable {
        var cases: [TestCase]
        enum CodingKeys: String, CodingKey { case cases }
    }

    /// The cases a plain, whole-file decode gives, one dump per case (every field and mark).
    func plain(_ suite: String) throws -> [String] {
        try YAMLDecoder().decode(Plain.self, from: Data(suite.utf8), file: "suites/s.yaml")
            .cases.map(Self.dump)
    }

    /// Every field, recursively, with dictionaries in key order (their own order is not).
    static func dump(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty { return String(reflecting: value) }
        var parts = mirror.children.map { child in
            (child.label.map { $0 + ": " } ?? "") + dump(child.value)
        }
        if mirror.displayStyle == .dictionary || mirror.displayStyle == .set { parts.sort() }
        return "\(mirror.subjectType)(" + parts.joined(separator: ", ") + ")"
    }

    func loaded(_ suite: String) throws -> (cases: SuiteCaseList, dumps: [String]) {
        let (project, report) = try load(suite)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.headline))")
        let cases = try #require(project.suites.first?.cases)
        return (cases, cases.map(Self.dump))
    }

    static let varied = """
        suite: s
        prompt: support
        # a comment before the list
        cases:
          - id: first
            vars: { user_input: "q 1", product: p }
            tags: [smoke]
          # a comment between cases
          - id: block
            vars:
              product: p
              user_input: |
                line one
                  indented line

                after a blank line
            assert:
              - type: contains
                value: "x"

          - {id: flow, vars: {user_input: q, product: p}}
          - id: repeated
            repeat: 3
            vars: { user_input: "q: with colon", product: 'single ''quoted''' }
          - id: last
            vars:
              product: p
              user_input: >-
                folded
                text
        gate:
          min_pass_rate: 0.5

        """

    @Test func casesReadBackFromTheFileEqualAPlainDecode() throws {
        let (cases, dumps) = try loaded(Self.varied)
        #expect(cases.isIndexed)
        #expect(dumps == (try plain(Self.varied)))
        #expect(cases.map(\.id) == ["first", "block", "flow", "repeated", "last"])
        #expect((0..<cases.count).map { cases.id(at: $0) } == cases.map(\.id))
        #expect((0..<cases.count).map { cases.repeatCount(at: $0) } == [nil, nil, nil, 3, nil])
        #expect(cases[1].vars["user_input"].map { "\($0)" }?.contains("indented line") == true)
        #expect(cases[1].idMark.line == 9 && cases[1].idMark.column == 9)
    }

    /// An entry holds a case's `repeat:` and indentation in 16 bits each; a case past that is
    /// kept decoded, and still says its own numbers.
    @Test func aRepeatOrIndentBeyondSixteenBitsIsKeptDecoded() throws {
        let suite =
            "suite: s\nprompt: support\ncases:\n"
            + "  - {id: many, repeat: 70000, vars: {user_input: q, product: p}}\n"
            + "  - {id: two, repeat: 2, vars: {user_input: q, product: p}}\n"
        let (cases, _) = try loaded(suite)
        #expect((0..<cases.count).map { cases.repeatCount(at: $0) } == [70_000, 2])
        #expect((0..<cases.count).map { cases.id(at: $0) } == ["many", "two"])
        let deep = String(repeating: " ", count: 70_000)
        let indented = try loaded(
            "suite: s\nprompt: support\ncases:\n" + deep
                + "- {id: deep, repeat: 4, vars: {user_input: q, product: p}}\n" + deep
                + "- {id: next, vars: {user_input: q, product: p}}\n")
        #expect(indented.cases.map(\.id) == ["deep", "next"])
        #expect((0..<2).map { indented.cases.repeatCount(at: $0) } == [4, nil])
    }

    @Test func theLastCaseEndsTheFileWithoutANewline() throws {
        for ending in ["", "\n", "\n\n# trailing comment\n", "\r\n"] {
            let suite =
                "suite: s\nprompt: support\ncases:\n" + bigList(3)
                + "  - id: end\n    vars: { user_input: q, product: p }" + ending
            let (cases, dumps) = try loaded(suite)
            #expect(cases.isIndexed, "ending \(ending.debugDescription)")
            #expect(dumps == (try plain(suite)), "ending \(ending.debugDescription)")
        }
    }

    @Test func anUnindentedListAndCRLFLinesAreReadBackToo() throws {
        let unindented = "suite: s\nprompt: support\ncases:\n" + bigList(4, indent: "")
        let crlf = Self.varied.replacingOccurrences(of: "\n", with: "\r\n")
        for suite in [unindented, crlf] {
            let (cases, dumps) = try loaded(suite)
            #expect(cases.isIndexed)
            #expect(dumps == (try plain(suite)))
        }
    }

    /// Cases that cannot be read back from their own lines stay decoded, and still equal a
    /// plain decode.
    @Test func casesThatCannotBeReadAloneStayDecoded() throws {
        let anchors = """
            suite: s
            prompt: support
            cases:
              - id: base
                vars: &shared { user_input: q, product: p }
              - id: uses-alias
                vars: *shared
              - id: own
                vars: { user_input: q, product: p }

            """
        let dashAlone =
            "suite: s\nprompt: support\ncases:\n  -\n    id: a\n    vars: { user_input: q, product: p }\n"
        let flowList =
            "suite: s\nprompt: support\ncases: [{id: a, vars: {user_input: q, product: p}}, {id: b, vars: {user_input: q, product: p}}]\n"
        for suite in [anchors, dashAlone, flowList] {
            let (cases, dumps) = try loaded(suite)
            #expect(dumps == (try plain(suite)), "\(suite)")
        }
        // Only the alias user is kept decoded; the anchor's owner and the rest read back.
        #expect(try loaded(anchors).cases.isIndexed)
        #expect(try loaded(flowList).cases.isIndexed == false)
        // A line break libyaml counts that `\n` does not: nothing is read back.
        let loneCR = "suite: s\nprompt: support\n# old\r# mac\ncases:\n" + bigList(3)
        let (cases, dumps) = try loaded(loneCR)
        #expect(cases.isIndexed == false)
        #expect(dumps == (try plain(loneCR)))
    }

    @Test func editingTheFileAfterLoadingChangesNoCase() throws {
        let temp = try TempProject(files: [
            "promptgate.yaml": Self.config, "prompts/support/v1.0.yaml": Self.prompt,
            "suites/s.yaml": Self.varied,
        ])
        let (project, _) = try Validation.run(root: temp.root)
        let cases = try #require(project.suites.first?.cases)
        #expect(cases.isIndexed)
        let before = cases.map(Self.dump)
        let path = temp.root + "/suites/s.yaml"
        try Data(String(repeating: "# overwritten\n", count: 400).utf8).write(
            to: URL(fileURLWithPath: path))
        #expect(cases.map(Self.dump) == before)
        let file = try #require(project.suites.first?.file)
        #expect(file.bytes == Array(Self.varied.utf8))
        #expect(file.sha256 == Digest.sha256Hex(Array(Self.varied.utf8)))
        #expect(file.line(9) == "  - id: block")
    }
}
