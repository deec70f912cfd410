import Foundation
import Testing
import YAMLCoding

/// Inputs built to hurt: deep nesting, alias bombs, big files.
struct LimitsTests {
    @Test func deepFlowNestingIsAnErrorNotACrash() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        // The 257th "[" opens one level too many.
        expectError(
            AnyValue.self, data: Data(text.utf8),
            at: YAMLMark(file: "test.yaml", line: 1, column: YAMLParser.maxDepth + 1),
            path: String(repeating: "[0]", count: YAMLParser.maxDepth),
            message: "nesting is deeper than 256 levels; flatten the document")
    }

    @Test func nestingAtTheLimitDecodes() throws {
        let depth = YAMLParser.maxDepth
        let text = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        var value = try YAMLDecoder().decode(AnyValue.self, from: Data(text.utf8), file: "t")
        var levels = 0
        while case .list(let items) = value, let first = items.first {
            levels += 1
            value = first
        }
        #expect(levels == depth)
        #expect(value == .string("x"))
    }

    @Test func deepBlockNestingIsAnErrorNotACrash() {
        let depth = 10_000
        var text = ""
        for level in 0..<depth {
            text += String(repeating: " ", count: level) + "k:\n"
        }
        text += String(repeating: " ", count: depth) + "v\n"
        expectError(
            AnyValue.self, data: Data(text.utf8),
            at: YAMLMark(
                file: "test.yaml", line: YAMLParser.maxDepth + 1, column: YAMLParser.maxDepth + 1),
            path: Array(repeating: "k", count: YAMLParser.maxDepth).joined(separator: "."),
            message: "nesting is deeper than 256 levels; flatten the document")
    }

    /// Each alias nests the previous anchor one level deeper: the parser's stack stays
    /// shallow but the tree would not.
    @Test func deepNestingThroughAliasesIsAnError() {
        var text = "a0: &a0 [x]\n"
        for level in 1...300 {
            text += "a\(level): &a\(level) [*a\(level - 1)]\n"
        }
        // *aN is N + 1 levels deep; under the root mapping and a255's sequence, *a254 would
        // make 257.
        expectError(
            AnyValue.self, data: Data(text.utf8),
            at: YAMLMark(file: "test.yaml", line: 256, column: 14), path: "a255[0]",
            message: "nesting is deeper than 256 levels; flatten the document")
    }

    @Test func billionLaughsIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        // Aliases repeat 123,440 nodes before line 6; each *a4 there adds 111,111, so the
        // eighth one (column 45) crosses the limit.
        expectError(
            AnyValue.self, data: Data(text.utf8),
            at: YAMLMark(file: "test.yaml", line: 6, column: 45),
            path: "a5[7]",
            message: "aliases expand to more than 1000000 nodes; refusing to load the document")
    }

    /// CPU seconds used by this thread: a timing that other processes on a busy CI machine
    /// don't inflate (the test body runs synchronously on one thread).
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A suite of `count` cases, each with vars, tags and assertions.
    static func bigSuite(cases count: Int) -> String {
        var text = "suite: big\ndescription: generated\ncases:\n"
        text.reserveCapacity(count * 240)
        for index in 0..<count {
            text += """
                  - id: case-\(index)
                    vars: { user_input: "Question number \(index): how do I reset my password?" }
                    tags: [generated, "bucket-\(index % 7)"]
                    repeats: \(index % 3 + 1)
                    assert:
                      - { type: contains, value: "password" }
                      - type: regex
                        value: '^(Go|Open) to .*$'
                        weight: 0.5

                """
        }
        return text
    }

    @Test func tenMegabyteFileDecodesFast() throws {
        let text = Self.bigSuite(cases: 45_000)
        #expect(text.utf8.count > 10_000_000)
        let start = Self.threadCPUTime()
        let suite = try YAMLDecoder().decode(Suite.self, from: Data(text.utf8), file: "big.yaml")
        let elapsed = Self.threadCPUTime() - start
        #expect(suite.cases.count == 45_000)
        #expect(suite.cases[44_999].vars?["user_input"]?.hasSuffix("reset my password?") == true)
        #expect(
            suite.cases[3].assert?[1]
                == Assertion(type: "regex", value: "^(Go|Open) to .*$", weight: 0.5))
        #if DEBUG
            #expect(elapsed < 120)
        #else
            #expect(elapsed < 1.5)
        #endif
    }

    /// 10,000 cases (2.8 MB): parse and decode well under 0.3 s in release builds.
    @Test func tenThousandCaseSuiteDecodesWellUnderTheBudget() throws {
        let text = Self.bigSuite(cases: 10_000)
        #expect(text.utf8.count > 2_000_000)
        let data = Data(text.utf8)
        let start = Self.threadCPUTime()
        let suite = try YAMLDecoder().decode(Suite.self, from: data, file: "suite.yaml")
        let elapsed = Self.threadCPUTime() - start
        #expect(suite.cases.count == 10_000)
        #if DEBUG
            #expect(elapsed < 60)
        #else
            #expect(elapsed < 0.3)
        #endif
    }
}
