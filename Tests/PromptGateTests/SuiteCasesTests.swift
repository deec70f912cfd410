import Foundation
import ProjectValidation
import PromptGateModel
import TestKit
import Testing

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
