import Basics
import Testing

@testable import promptgate

/// Values the command line parses itself, before any library code sees them.
@Suite struct OptionParsingTests {
    @Test func countsAndSplitParsing() throws {
        #expect(try FeedbackABTestCommand.parseCount("3/10", name: "x").trials == 10)
        for bad in ["3/2", "-1/5", "3", "a/b", "3/"] {
            #expect(throws: PromptGateError.self) {
                try FeedbackABTestCommand.parseCount(bad, name: "x")
            }
        }
        #expect(try FeedbackABTestCommand.parseSplit("10/90") == [10, 90])
        #expect(throws: PromptGateError.self) { try FeedbackABTestCommand.parseSplit("0/100") }
    }
}
