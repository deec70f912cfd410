import Foundation
import Testing
import YAMLCoding

/// Arrays and string-keyed dictionaries: values, error positions, paths and the coding
/// paths nested types see are those of the standard library's `init(from:)`.
struct CollectionDecodingTests {
    /// Records the coding path it was decoded at.
    struct Spy: Decodable, Equatable {
        var path: [String]
        var lastInt: Int?
        init(path: [String], lastInt: Int?) {
            self.path = path
            self.lastInt = lastInt
        }
        init(from decoder: any Decoder) throws {
            path = decoder.codingPath.map(\.stringValue)
            lastInt = decoder.codingPath.last?.intValue
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try YAMLDecoder().decode(type, from: Data(text.utf8), file: "test.yaml")
    }

    @Test func valuesInOrderAndNestedCodingPaths() throws {
        #expect(try decode([[Int]].self, "- [1, 2]\n- []\n- [0x10]\n") == [[1, 2], [], [16]])
        #expect(
            try decode([String: [String: Int]].self, "a: {x: 1}\nb: {}\n") == [
                "a": ["x": 1], "b": [:],
            ])
        let list = try decode([String: [Spy]].self, "k: [a, b]\n")
        #expect(
            list["k"] == [
                Spy(path: ["k", "Index 0"], lastInt: 0), Spy(path: ["k", "Index 1"], lastInt: 1),
            ])
        let map = try decode([String: Spy].self, "name: a\n7: b\n")
        #expect(map["name"] == Spy(path: ["name"], lastInt: nil))
        #expect(map["7"] == Spy(path: ["7"], lastInt: 7))
    }

    @Test func mergedEntriesDecodeOnce() throws {
        let text = "base: &b {x: 1, y: 2}\nm: {<<: *b, y: 3}\n"
        #expect(try decode([String: [String: Int]].self, text)["m"] == ["x": 1, "y": 3])
    }

    @Test func errorsNameTheElement() {
        expectError(
            [String: [Int]].self, "a: [1, 2]\nb: [3, 1️⃣x]\n", path: "b[1]",
            message: "expected an integer, found 'x'")
        expectError(
            [String: [String: Int]].self, "a:\n  7: 1️⃣'1'\n", path: "a.7",
            message: "expected an integer, found the quoted string '1'; remove the quotes")
        expectError(
            [String: [Int]].self, "a: 1️⃣{x: 1}\n", path: "a",
            message: "expected a sequence, found a mapping")
        expectError(
            [String: [String: Int]].self, "a: 1️⃣[1]\n", path: "a",
            message: "expected a mapping, found a sequence")
        expectError(
            [String: [String: Int]].self, "a:\n  x: 1\n  ? 1️⃣{k: v}\n  : 2\n", path: "a",
            message: "expected a string key, found a mapping")
        expectError([Int].self, "1️⃣", message: "file is empty; expected a sequence")
    }
}
