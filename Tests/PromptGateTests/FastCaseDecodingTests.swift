import Assertions
import Templates
import Testing
import YAMLCoding

@testable import PromptGateModel

/// A case of the common shape is read straight from its tree: exactly what Codable's path
/// gives it. Any other shape is left to that path, so every message about a broken case
/// still comes from one place.
@Suite struct FastCaseDecodingTests {
    static func node(_ yaml: String) throws -> YAMLNode {
        try #require(try YAMLParser.parse(Array(yaml.utf8), file: "suites/s.yaml"))
    }

    static func viaCodable(_ node: YAMLNode, index: Int) throws -> TestCase {
        try YAMLDecoder().decode(
            TestCase.self, from: node, codingPath: [PathKey("cases"), PathKey(index)])
    }

    /// Shapes the fast path reads.
    static let common = [
        #"{ id: c1, vars: { q: "question 1", n: 3, ok: true, none: ~ }, assert: [{ type: contains, value: "plan 1" }] }"#,
        "{ id: 'quoted id', description: Refund questions, tags: [billing, '1', ~], vars: {} }",
        "{ id: c3 }",
        "{ id: c4, assert: [{ type: not-icontains, value: 42 }, { type: equals, value: '' }] }",
        "{ id: c5, assert: [{ type: contains-any, value: [credit, refund] }, { type: contains-all, value: x }] }",
        "{ id: c6, assert: [{ type: is-json }, { type: not-contains-json }, { value: y, type: starts-with }] }",
        "{ id: c7, tags: ~, assert: ~, vars: ~, description: ~ }",
        "id: c8\nvars:\n  q: |\n    line one\n    line two\nassert:\n  - type: contains\n    value: two\n",
        #"{ id: c9, source: { feedback_id: 12, prompt_version: "1.0", response: ~, signal: thumbs_down }, threshold: 0.5, repeat: 3 }"#,
        #"{ id: c10, assert: [{ type: word-count, min: 5, max: 200 }, { type: word-count, max: 1e3, weight: 2 }, { type: regex, value: '\d+', metric: digits }] }"#,
        "{ id: c11, assert: [{ type: latency, max: 3000 }, { type: not-regex, value: '^a', weight: ~ }, { type: contains, value: x, metric: ~ }] }",
    ]

    /// Shapes left to Codable: other keys, kinds and values, and every broken case.
    static let uncommon = [
        "{ id: c1, messages: [{ role: user, content: hi }] }",
        "{ id: c1, max_steps: 3 }",
        "{ id: c1, vars: { q: [a, b] } }",
        "{ id: c1, vars: { q: { nested: 1 } } }",
        "{ id: c1, assert: [{ type: llm-rubric, value: polite }] }",
        "{ id: c1, assert: [{ type: language, value: en }] }",
        "{ id: c1, assert: [{ type: contains }] }",
        "{ id: c1, assert: [{ type: contains, value: '' }] }",
        "{ id: c1, assert: [{ type: contains, value: [a, b] }] }",
        "{ id: c1, assert: [{ type: contains-any, value: [] }] }",
        "{ id: c1, assert: [{ type: contains-any, value: [a, ''] }] }",
        "{ id: c1, assert: [{ type: is-json, value: x }] }",
        "{ id: c1, assert: [{ type: contians, value: x }] }",
        "{ id: c1, assert: [{ type: contains, value: x, typo: 1 }] }",
        "{ id: c1, assert: { type: contains, value: x } }",
        "{ id: '' }",
        "{ id: ~ }",
        "{ id: [a] }",
        "{ vars: { q: x } }",
        "{ id: c1, tags: billing }",
        "{ id: c1, tags: [[a]] }",
        "{ id: c1, descripton: typo }",
        "[c1]",
        "{ id: c1, assert: [{ type: contains, value: x, min: ~ }] }",
        "{ id: c1, assert: [{ type: latency, max: 3000, min: ~ }] }",
        "{ id: c1, assert: [{ type: contains, value: x, threshold: 0.5 }] }",
        "{ id: c1, assert: [{ type: word-count }] }",
        "{ id: c1, assert: [{ type: word-count, min: 9, max: 3 }] }",
        "{ id: c1, assert: [{ type: word-count, min: -1 }] }",
        "{ id: c1, assert: [{ type: word-count, max: '20' }] }",
        "{ id: c1, assert: [{ type: word-count, max: .inf }] }",
        "{ id: c1, assert: [{ type: latency }] }",
        "{ id: c1, assert: [{ type: regex, value: '(' }] }",
        "{ id: c1, assert: [{ type: contains, value: x, weight: -1 }] }",
        "{ id: c1, assert: [{ type: contains, value: x, metric: [a] }] }",
        "{ id: c1, assert: [{ type: is-json, value: ~ }] }",
        "{ id: c1, source: { feedback_id: 1, history: [] } }",
        "{ id: c1, source: { feedbackid: 1 } }",
        "{ id: c1, source: { comment: [a] } }",
        "{ id: c1, source: text }",
        "{ id: c1, threshold: 2 }",
        "{ id: c1, threshold: high }",
        "{ id: c1, repeat: 0 }",
        "{ id: c1, repeat: 1.5 }",
    ]

    @Test(arguments: common)
    func theCommonShapeDecodesAsCodableDecodesIt(_ yaml: String) throws {
        let node = try Self.node(yaml)
        let fast = try #require(TestCase.fast(node, index: 7), "read straight from the tree")
        let codable = try Self.viaCodable(node, index: 7)
        #expect(fast.id == codable.id)
        #expect(fast.description == codable.description)
        #expect(fast.vars == codable.vars)
        #expect(fast.tags == codable.tags)
        #expect(fast.assert == codable.assert)
        #expect(fast.source == codable.source)
        #expect(fast.threshold == codable.threshold && fast.repeat_ == codable.repeat_)
        #expect(fast.messages == nil && codable.messages == nil)
        #expect(fast.toolResults.isEmpty && codable.toolResults.isEmpty)
        #expect(fast.maxSteps == codable.maxSteps)
        #expect(fast.index == 7 && codable.index == 7)
        #expect(fast.mark == codable.mark && fast.idMark == codable.idMark)
    }

    @Test(arguments: uncommon)
    func everyOtherShapeIsLeftToCodable(_ yaml: String) throws {
        let node = try Self.node(yaml)
        #expect(TestCase.fast(node, index: 0) == nil)
        // Through the entry point, the outcome (a case or the error) is Codable's.
        let codable = Result { try Self.viaCodable(node, index: 0) }
        let decoded = Result { try TestCase.decode(node, index: 0, with: YAMLDecoder()) }
        switch (codable, decoded) {
        case (.success(let a), .success(let b)):
            #expect(a.id == b.id && a.assert == b.assert && a.vars == b.vars)
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)")
        default:
            Issue.record("Codable gave \(codable), the entry point \(decoded)")
        }
    }
}
