import Foundation
import Testing
import YAMLCoding

/// `YAMLParser.parse(_:file:streamingItemsOf:to:)` hands out the items of one root list as
/// they complete, and returns the tree of `parse(_:file:)` without them.
struct StreamingParseTests {
    private func stream(_ text: String, key: String = "cases") throws -> (
        root: YAMLNode?, items: [(Int, String)]
    ) {
        var items: [(Int, String)] = []
        let root = try YAMLParser.parse(Array(text.utf8), file: "s.yaml", streamingItemsOf: key) {
            index, node in
            items.append((index, node["id"]?.scalarValue ?? node.scalarValue ?? "?"))
        }
        return (root, items)
    }

    @Test func streamsEachItemOfTheRootListInOrder() throws {
        let text = """
            suite: s
            other: [{ id: no }]
            cases:
              - id: a
                nested: [{ id: no }, [x]]
              - &b { id: b }
              - *b
              - plain
            after: { cases: [{ id: no }] }

            """
        let (root, items) = try stream(text)
        #expect(items.map(\.0) == [0, 1, 2, 3])
        #expect(items.map(\.1) == ["a", "b", "b", "plain"])
        guard case .sequence(let list, _)? = root?["cases"] else {
            Issue.record("no cases list")
            return
        }
        #expect(list.count == items.count)
        // Streamed items are not kept in the tree: a placeholder at the item's position.
        guard case .sequence(let placeholder, let mark) = list[1] else {
            Issue.record("item 1 is not a placeholder: \(list[1])")
            return
        }
        #expect(placeholder.isEmpty)
        #expect(mark.line == 6)
        #expect(root?["after"]?["cases"] != nil, "lists not streamed stay whole")
    }

    @Test func listsReachedThroughAliasesOrMergesAreNotStreamed() throws {
        let merged = try stream("<<: { cases: [{ id: a }] }\nsuite: s\n")
        #expect(merged.items.isEmpty)
        #expect(merged.root?["cases"] != nil)
        let nested = try stream("suite: { cases: [{ id: a }] }\n")
        #expect(nested.items.isEmpty)
        let topLevelList = try stream("- { id: a }\n- cases: [1]\n")
        #expect(topLevelList.items.isEmpty)
        let otherKey = try stream("cases: [{ id: a }]\n", key: "tests")
        #expect(otherKey.items.isEmpty)
    }

    @Test func aSyntaxErrorAfterStreamedItemsStillThrows() throws {
        var text = "cases:\n"
        for i in 0..<50 { text += "  - id: c\(i)\n" }
        text += "  - id: [unclosed\n"
        var handed = 0
        #expect(throws: YAMLError.self) {
            _ = try YAMLParser.parse(Array(text.utf8), file: "s", streamingItemsOf: "cases") {
                _, _ in handed += 1
            }
        }
        #expect(handed == 50)
    }
}
