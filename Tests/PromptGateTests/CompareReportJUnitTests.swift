import Foundation
import Reports
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct CompareReportJUnitTests {
    private func parse(_ xml: String) throws -> XMLElement {
        let document = try XMLDocument(data: Data(xml.utf8), options: [])
        return try #require(document.rootElement())
    }

    private func elements(_ root: XMLElement, _ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    @Test func parsesWithAFailurePerRegressionAndAnErrorPerErroredCase() throws {
        let comparison = CompareFixture.hostile()
        let root = try parse(comparison.junit())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "12")
        #expect(root.attribute(forName: "failures")?.stringValue == "4")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        #expect(try elements(root, "//testcase").count == 12)
        let failures = try elements(root, "//testcase/failure")
        #expect(failures.count == 4)
        #expect(try elements(root, "//testcase/error").count == 1)
        let failed = Set(
            try elements(root, "//testcase[failure]").compactMap {
                $0.attribute(forName: "name")?.stringValue
            })
        #expect(failed == ["reg-script", "reg|<b>pipe</b>", "reg-ticks", "reg-control"])
        let verdict = try elements(root, "//testsuite/properties/property[@name='verdict']")
        #expect(verdict.first?.attribute(forName: "value")?.stringValue != nil)
    }

    /// 5,000 cases go out in pieces of ~64 KB that together are the one well-formed report,
    /// every case in it once, with the extra suites (the gate's) before the closing tag.
    @Test func aLargeReportIsWrittenInPieces() throws {
        var cases: [CompareFixture.Case] = []
        for i in 0..<5_000 {
            let pass = CompareFixture.Repeat.pass("yes \(i)")
            let fail = CompareFixture.Repeat.fail("no \(i)", "contains: missing yes")
            cases.append(.init(id: "c\(i)", base: [pass], candidate: [i % 7 == 0 ? fail : pass]))
        }
        let comparison = CompareFixture.compare(cases)
        var pieces: [String] = []
        let extra = "  <testsuite name=\"gate\" tests=\"0\"/>\n"
        try comparison.writeJUnit(closingWith: extra) { pieces.append($0) }
        #expect(pieces.count > 3)
        #expect(pieces.dropLast().allSatisfy { $0.utf8.count >= 1 << 16 })
        let xml = pieces.joined()
        #expect(xml.hasSuffix(extra + "</testsuites>\n"))
        let root = try parse(xml)
        #expect(try elements(root, "//testcase").count == 5_000)
        #expect(
            try elements(root, "//testcase/failure").count
                == (0..<5_000).filter { $0 % 7 == 0 }.count)
        #expect(try comparison.junit() == xml.replacingOccurrences(of: extra, with: ""))
    }

    @Test func failureCarriesReasonsAndDiffAsText() throws {
        let root = try parse(CompareFixture.hostile().junit())
        let failure = try #require(
            try elements(root, "//testcase[@name='reg-script']/failure").first)
        let message = failure.attribute(forName: "message")?.stringValue ?? ""
        #expect(message == "regression: not-contains: found \"\(CompareFixture.script)\"")
        let text = failure.stringValue ?? ""
        #expect(text.contains("failing assertions (candidate):\n  not-contains: found"))
        #expect(text.contains("[-Hello, here is how.-]{+\(CompareFixture.script)+}"))
        let error = try #require(try elements(root, "//testcase[@name='err']/error").first)
        #expect(error.stringValue?.hasPrefix("candidate: error: HTTP 500: <html><script>") == true)
    }

    @Test func controlCharactersDoNotBreakTheXML() throws {
        let xml = try CompareFixture.hostile().junit()
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let root = try parse(xml)
        let failure = try #require(
            try elements(root, "//testcase[@name='reg-control']/failure").first)
        #expect(failure.stringValue?.contains(#"red \x1b[31mtext\x00 and \x7f done"#) == true)
    }

    @Test func countsMatchAtScale() throws {
        let comparison = CompareFixture.large(regressions: 300, improvements: 200, passing: 500)
        let root = try parse(comparison.junit())
        #expect(try elements(root, "//testcase").count == 1_000)
        #expect(try elements(root, "//failure").count == 300)
        #expect(try elements(root, "//error").isEmpty)
    }
}
