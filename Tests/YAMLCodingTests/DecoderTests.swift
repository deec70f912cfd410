import Foundation
import Testing
import YAMLCoding

private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try YAMLDecoder().decode(type, from: Data(text.utf8), file: "test.yaml")
}

/// Values decode as written: strings stay strings, types resolve by the YAML 1.2 core schema.
struct DecoderTests {
    @Test(arguments: [
        "NO", "no", "on", "Off", "yes", "y", "1.10", "0x1F", "~", "null", "NULL", "true",
        "12", "-.inf", "2001-12-14", "0o17", "1e3",
    ])
    func stringsStayAsWritten(text: String) throws {
        for written in [text, "'\(text)'", "\"\(text)\""] {
            let value = try decode([String: String].self, "key: \(written)\n")
            #expect(value["key"] == text)
        }
    }

    @Test func emptyPlainStringIsEmpty() throws {
        #expect(try decode([String: String].self, "key:\n")["key"] == "")
    }

    @Test func coreSchemaBooleans() throws {
        for (text, expected) in [
            ("true", true), ("True", true), ("TRUE", true), ("false", false),
            ("False", false), ("FALSE", false), ("!!bool true", true), ("!!bool \"false\"", false),
        ] {
            #expect(try decode(Flags.self, "enabled: \(text)\n").enabled == expected)
        }
        for text in ["yes", "no", "on", "off", "y", "n", "'true'", "\"false\"", "1", "tRUE"] {
            #expect(throws: YAMLError.self) { try decode(Flags.self, "enabled: \(text)\n") }
        }
    }

    @Test func coreSchemaIntegers() throws {
        for (text, expected) in [
            ("42", 42), ("-17", -17), ("+5", 5), ("0x1F", 31), ("0o17", 15),
            ("007", 7), ("!!int \"12\"", 12), ("9223372036854775807", Int.max),
        ] {
            #expect(try decode(Flags.self, "count: \(text)\n").count == expected)
        }
        for text in ["1.0", "1e3", "0b101", "1_000", "0x", "12abc", "'12'", "9223372036854775808"] {
            #expect(throws: YAMLError.self) { try decode(Flags.self, "count: \(text)\n") }
        }
    }

    @Test func coreSchemaFloats() throws {
        for (text, expected) in [
            ("1.5", 1.5), ("-2", -2), (".5", 0.5), ("1e3", 1000), ("+1.5E-2", 0.015),
            (".inf", Double.infinity), ("-.Inf", -Double.infinity), ("0x10", 16), ("5.", 5),
        ] {
            #expect(try decode(Flags.self, "ratio: \(text)\n").ratio == expected)
        }
        #expect(try decode(Flags.self, "ratio: .NaN\n").ratio?.isNaN == true)
        for text in ["abc", "'1.5'", "1.5.5", "e3", ".", "1e", "inf", "nan"] {
            #expect(throws: YAMLError.self) { try decode(Flags.self, "ratio: \(text)\n") }
        }
    }

    @Test func nullOnlyForPlainNullWords() throws {
        for text in ["~", "null", "Null", "NULL", ""] {
            #expect(try decode([String: String?].self, "key: \(text)\n")["key"] == .some(nil))
        }
        for text in ["'~'", "\"null\"", "nil", "None", "!!str null"] {
            #expect(try decode([String: String?].self, "key: \(text)\n")["key"] != .some(nil))
        }
    }

    @Test func jsonLikeEnumFallsBackToStringForQuotedScalars() throws {
        let text = """
            a: true
            b: "true"
            c: 12
            d: '12'
            e: 1.5
            f: ~
            g: [x, 'y']
            h: {k: v}
            """
        let value = try decode(AnyValue.self, text)
        #expect(
            value
                == .map([
                    "a": .bool(true), "b": .string("true"), "c": .int(12), "d": .string("12"),
                    "e": .double(1.5), "f": .null, "g": .list([.string("x"), .string("y")]),
                    "h": .map(["k": .string("v")]),
                ]))
    }

    @Test func anchorsAndAliases() throws {
        let text = """
            base: &tags [a, b]
            other: *tags
            """
        #expect(
            try decode([String: [String]].self, text) == [
                "base": ["a", "b"], "other": ["a", "b"],
            ])
    }

    @Test func mergeKeysExplicitKeysWin() throws {
        let text = """
            defaults: &defaults { type: contains, value: x, weight: 1.0 }
            extra: &extra { weight: 2.0, value: y }
            one:
              <<: *defaults
              value: mine
            many:
              <<: [*extra, *defaults]
              type: regex
            """
        struct Merged: Decodable {
            var one: Assertion
            var many: Assertion
        }
        let value = try decode(Merged.self, text)
        #expect(value.one == Assertion(type: "contains", value: "mine", weight: 1.0))
        #expect(value.many == Assertion(type: "regex", value: "y", weight: 2.0))
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let value = try decode([String: String].self, "'<<': x\n")
        #expect(value == ["<<": "x"])
    }

    @Test func mergedKeysAreNotDuplicates() throws {
        let node = try YAMLParser.parse(
            Array("a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  x: 3\n".utf8), file: "m")
        guard case .mapping(let entries, _)? = node?["b"] else {
            Issue.record("b is not a mapping")
            return
        }
        #expect(entries.map { $0.key.scalarValue } == ["y", "x"])
        #expect(node?["b"]?["x"]?.scalarValue == "3")
    }

    @Test func locatedValuesKnowTheirPosition() throws {
        struct Prompt: Decodable {
            enum CodingKeys: String, CodingKey, CaseIterable { case id, version, messages }
            var id: Located<String>
            var version: Located<String>
            var messages: [Located<Message>]
        }
        let source = MarkedSource(
            """
            id: 1️⃣support
            version: 2️⃣"1.3"
            messages:
              - 3️⃣role: system
                content: hi
              - 4️⃣{ role: user, content: "{{ x }}" }
            """)
        let prompt = try YAMLDecoder().decode(Prompt.self, from: source.data, file: "test.yaml")
        #expect(prompt.id == Located("support", mark: source.mark("1")))
        #expect(prompt.version.value == "1.3")
        #expect(prompt.version.mark == source.mark("2"))
        #expect(prompt.messages.map(\.mark) == [source.mark("3"), source.mark("4")])
        #expect(prompt.messages[1].value == Message(role: .user, content: "{{ x }}"))
    }

    @Test func locatedOutsideYAMLHasLineZero() throws {
        let value = try JSONDecoder().decode(Located<String>.self, from: Data("\"x\"".utf8))
        #expect(value.value == "x")
        #expect(value.mark.line == 0)
        #expect(String(decoding: try JSONEncoder().encode(value), as: UTF8.self) == "\"x\"")
    }

    @Test func nodeLookupByCodingPath() throws {
        let root = try #require(
            try YAMLParser.parse(
                Array("cases:\n  - id: a\n  - id: b\n    tags: [x, y]\n".utf8), file: "f"))
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) {
                self.intValue = intValue
                stringValue = "\(intValue)"
            }
        }
        let path: [any CodingKey] = [
            Key(stringValue: "cases"), Key(intValue: 1), Key(stringValue: "tags"), Key(intValue: 1),
        ]
        #expect(root.node(at: path)?.scalarValue == "y")
        #expect(root.node(at: path)?.mark == YAMLMark(file: "f", line: 4, column: 15))
        #expect(root.node(at: [Key(stringValue: "nope")]) == nil)
        #expect(root["cases"]?.mark.line == 2)
    }

    @Test func pathsNameIndicesAndOddKeys() {
        expectError(
            [String: [String: Int]].self, "vars:\n  \"user input\": 1\nlist:\n  a.b: 1️⃣x\n",
            path: "list[\"a.b\"]", message: "expected an integer, found 'x'")
        expectError(
            [[Int]].self, "- [1, 2]\n- [3, 1️⃣four]\n", path: "[1][1]",
            message: "expected an integer, found 'four'")
    }

    @Test func decodesFromANodeWithAPathPrefix() throws {
        let root = try #require(
            try YAMLParser.parse(Array("cases:\n  - id: a\n    repeats: x\n".utf8), file: "f"))
        let caseNode = try #require(root["cases"]?.node(at: [IndexKeyForTest(0)]))
        do {
            _ = try YAMLDecoder().decode(
                TestCase.self, from: caseNode, codingPath: [IndexKeyForTest(3)])
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "[3].repeats")
            #expect(error.mark == YAMLMark(file: "f", line: 3, column: 14))
        }
    }

    @Test func userInfoReachesTypes() throws {
        struct Reader: Decodable {
            var seen: String?
            init(from decoder: any Decoder) throws {
                seen = decoder.userInfo[CodingUserInfoKey(rawValue: "k")!] as? String
            }
        }
        var decoder = YAMLDecoder()
        decoder.userInfo[CodingUserInfoKey(rawValue: "k")!] = "v"
        #expect(try decoder.decode(Reader.self, from: Data("a: 1".utf8), file: "f").seen == "v")
    }
}

struct IndexKeyForTest: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
