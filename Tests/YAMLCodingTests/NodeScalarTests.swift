import Foundation
import Testing
import YAMLCoding

/// `YAMLNode.isNull`, `boolValue`, `integerValue(as:)` and `doubleValue` answer exactly what
/// decoding the node would: types use them to skip attempts that would throw.
struct NodeScalarTests {
    static let written = [
        "true", "True", "FALSE", "tRUE", "yes", "'true'", "!!bool true", "!!bool \"false\"",
        "!!bool yes", "42", "-17", "+5", "0x1F", "0o17", "007", "'12'", "\"12\"", "!!int \"12\"",
        "!!int 1.5", "9223372036854775808", "1_000", "1.5", ".5", "5.", "1e3", "+1.5E-2", ".inf",
        "-.Inf", ".NaN", "!!float 2", "!!float \"3.5\"", "abc", "~", "null", "NULL", "''",
        "'~'", "!!null x", "!!str 42", "!!str null", "[1, 2]", "{a: 1}", "Question 3, how?",
    ]

    private func node(_ written: String) throws -> YAMLNode {
        let root = try #require(try YAMLParser.parse(Array("v: \(written)\n".utf8), file: "t"))
        return try #require(root["v"])
    }

    private func decoded<T: Decodable>(_ type: T.Type, _ node: YAMLNode) -> T? {
        try? YAMLDecoder().decode(type, from: node)
    }

    @Test(arguments: written)
    func probesAgreeWithDecoding(written: String) throws {
        let node = try node(written)
        #expect(node.boolValue == decoded(Bool.self, node))
        #expect(node.integerValue(as: Int.self) == decoded(Int.self, node))
        #expect(node.integerValue(as: UInt8.self) == decoded(UInt8.self, node))
        let double = decoded(Double.self, node)
        #expect(
            node.doubleValue == double || (node.doubleValue?.isNaN == true && double?.isNaN == true)
        )
        #expect(node.isNull == (decoded(String?.self, node) == .some(nil)))
    }

    @Test func probesReadTheCoreSchema() throws {
        #expect(try node("True").boolValue == true)
        #expect(try node("'true'").boolValue == nil)
        #expect(try node("0x1F").integerValue(as: Int.self) == 31)
        #expect(try node("300").integerValue(as: UInt8.self) == nil)
        #expect(try node("!!int \"12\"").doubleValue == 12)
        #expect(try node("1e3").doubleValue == 1000)
        #expect(try node("'1.5'").doubleValue == nil)
        #expect(try node("~").isNull && node("!!null x").isNull)
        #expect(try !node("'~'").isNull && !node("[1]").isNull)
    }
}
