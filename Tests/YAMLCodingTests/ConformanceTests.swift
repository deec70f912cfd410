import Foundation
import JSON
import TestKit
import Testing
import YAMLCoding

/// Runs every case of the yaml-test-suite (located by ``ConformanceSuites``; skipped, with a
/// line saying so, when absent).
/// Cases libyaml (YAML 1.1) handles differently are listed in `knownDifferences`; the test
/// fails when another case differs or a listed case starts to pass.
struct ConformanceTests {
    static let suiteFolder = ConformanceSuites.folder("yaml-test-suite")
    static let available = ConformanceSuites.available(suiteFolder)

    enum Outcome: Equatable {
        case matched, rejected, parsed
        case differs(String)
    }

    struct Case {
        var id: String
        var folder: URL
    }

    static func cases() throws -> [Case] {
        let manager = FileManager.default
        var result: [Case] = []
        for name in try manager.contentsOfDirectory(atPath: suiteFolder.path).sorted() {
            let folder = suiteFolder.appendingPathComponent(name)
            if manager.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                result.append(Case(id: name, folder: folder))
                continue
            }
            let children = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            for child in children.sorted()
            where manager.fileExists(atPath: folder.appendingPathComponent("\(child)/in.yaml").path)
            {
                result.append(
                    Case(id: "\(name)/\(child)", folder: folder.appendingPathComponent(child)))
            }
        }
        return result
    }

    static func run(_ testCase: Case) -> Outcome {
        let manager = FileManager.default
        let yaml =
            (try? Data(contentsOf: testCase.folder.appendingPathComponent("in.yaml"))) ?? Data()
        let isError = manager.fileExists(
            atPath: testCase.folder.appendingPathComponent("error").path)
        let parsed: [YAMLNode]
        do {
            parsed = try YAMLParser.parseStream([UInt8](yaml), file: "in.yaml")
        } catch {
            guard isError else { return .differs("rejected valid input: \(error)") }
            return error.mark.line >= 1 && error.mark.column >= 1
                ? .rejected : .differs("error without position: \(error)")
        }
        if isError { return .differs("accepted invalid input") }
        let jsonURL = testCase.folder.appendingPathComponent("in.json")
        guard let jsonData = try? Data(contentsOf: jsonURL) else { return .parsed }
        guard let expected = try? JSONValue.stream(String(decoding: jsonData, as: UTF8.self)) else {
            return .differs("unreadable in.json")
        }
        let actual = parsed.map(JSONValue.init)
        guard actual.count == expected.count else {
            return .differs("\(actual.count) documents, expected \(expected.count)")
        }
        for (got, want) in zip(actual, expected) {
            guard let got else { return .differs("a mapping key is not a scalar") }
            if got != want { return .differs("got \(got.jsonText), expected \(want.jsonText)") }
        }
        return .matched
    }

    @Test(
        .enabled(
            if: available,
            Comment(
                rawValue: ConformanceSuites.skipLine(
                    "yaml-test-suite", at: suiteFolder, holding: "yaml-test-suite"))
        ))
    func yamlTestSuite() throws {
        let cases = try Self.cases()
        #expect(cases.count == 402)
        var outcomes: [String: Outcome] = [:]
        for testCase in cases { outcomes[testCase.id] = Self.run(testCase) }
        let differing = Set(
            outcomes.compactMap { id, outcome in
                if case .differs = outcome { return id }
                return nil
            })
        let unexpected = differing.subtracting(knownDifferences).sorted()
        let fixed = knownDifferences.subtracting(differing).sorted()
        for id in unexpected {
            Issue.record(
                "yaml-test-suite \(id) differs and is not listed: \(outcomes[id].map { "\($0)" } ?? "")"
            )
        }
        for id in fixed {
            Issue.record(
                "yaml-test-suite \(id) is listed in knownDifferences but now passes; remove it")
        }
        let matched = outcomes.values.filter { $0 == .matched }.count
        let rejected = outcomes.values.filter { $0 == .rejected }.count
        let parsedOnly = outcomes.values.filter { $0 == .parsed }.count
        print(
            "yaml-test-suite: \(cases.count) cases, \(matched) valid matched JSON, \(parsedOnly) "
                + "valid without JSON parsed, \(rejected) invalid rejected, \(differing.count) differ"
        )
    }
}
