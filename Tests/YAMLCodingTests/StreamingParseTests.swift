import Foundation
import Testing
import YAMLCoding

/// `YAMLParser.parse(_:file:streamingItemsOf:to:)` hands out the items of one root list as
/// they complete, and returns the tree of `parse(_:file:)` without them.
struct StreamingParseTests {
    private func stream(_ text: String, key: String = "cases") throws -> (
        root: YAMLNode?, items: [(Int, String)]
    ) {
        let (parsed, items) = try streamItems(text, key: key)
        return (
            parsed.root,
            items.map { ($0.index, $0.node["id"]?.scalarValue ?? $0.node.scalarValue ?? "?") }
        )
    }

    private func streamItems(_ text: String, key: String = "cases") throws -> (
        YAMLStreamedParse, [YAMLStreamedItem]
    ) {
        var items: [YAMLStreamedItem] = []
        let parsed = try YAMLParser.parse(Array(text.utf8), file: "s.yaml", streamingItemsOf: key) {
            items.append($0)
        }
        return (parsed, items)
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
        // Streamed items are not kept in the tree.
        #expect(list.isEmpty)
        #expect(root?["after"]?["cases"] != nil, "lists not streamed stay whole")
    }

    @Test func saysWhichItemsStandAloneAndWhereTheListEnds() throws {
        let text = """
            base: &base { vars: { q: x } }
            cases:
              - &a { id: a }
              - id: b
                <<: *base
              - id: c
              - *a
            # trailing comment
            gate: {}

            """
        let (parsed, items) = try streamItems(text)
        #expect(parsed.count == 4)
        #expect(items.map(\.selfContained) == [true, false, true, false])
        #expect(parsed.listEnd?.line == 9)
        #expect(parsed.listEnd?.column == 1)
        let tagged = try streamItems("%TAG !e! tag:example.com,2000:\n---\ncases:\n  - { id: a }\n")
        #expect(tagged.1.map(\.selfContained) == [false])
    }

    @Test func aPieceOfAFileParsesWithTheFilesLineNumbers() throws {
        let piece = "    id: a\n    vars: { q: x }\n"
        let node = try #require(try YAMLParser.parse(Array(piece.utf8), file: "s", firstLine: 40))
        #expect(node.mark.line == 40)
        #expect(node.mark.column == 5)
        #expect(node["vars"]?.mark.line == 41)
        let broken = "    id: a\n    vars: [x\n"
        #expect {
            _ = try YAMLParser.parse(Array(broken.utf8), file: "s", firstLine: 40)
        } throws: { error in
            (error as? YAMLError).map { $0.mark.line >= 41 && $0.mark.file == "s" } ?? false
        }
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
            _ = try YAMLParser.parse(Array(text.utf8), file: "s", streamingItemsOf: "cases") { _ in
                handed += 1
            }
        }
        #expect(handed == 50)
    }
}
