import Foundation
import JSON
import Testing
import YAMLCoding

/// The one JSON value type and parser: exact 64-bit integers that are still JSON Schema
/// numbers, key rewriting as the feedback import uses it, depth limits and positioned errors.
@Suite struct JSONValueTests {
    static let beyond53: Int64 = 1_580_000_000_000_000_001

    @Test func integralLiteralsAreExactIntegersAndTheRestAreNumbers() throws {
        let value = try JSONParser.parse(
            "[1580000000000000001, -9223372036854775808, 9223372036854775808, 1.0, 1e2, -0, 0.5]")
        guard case .array(let items) = value else {
            Issue.record("not an array: \(value)")
            return
        }
        #expect(items.count == 7)
        #expect(items[0] == .integer(Self.beyond53))
        #expect(items[0] != .integer(Self.beyond53 - 1), "no rounding to a Double")
        #expect(items[1] == .integer(.min))
        guard case .number = items[2], case .number = items[3], case .number = items[4],
            case .integer(0) = items[5], case .number(0.5) = items[6]
        else {
            Issue.record("\(items): beyond Int64, fractions and exponents are numbers")
            return
        }
        #expect(
            value.jsonText
                == "[1580000000000000001,-9223372036854775808,9.223372036854776e+18,1,100,0,0.5]")
    }

    @Test func integersAreNumbersThatEqualTheirDoubles() {
        #expect(JSONValue.integer(1) == .number(1.0) && JSONValue.number(1.0) == .integer(1))
        #expect(JSONValue.integer(1) != .number(1.5) && JSONValue.integer(1) != .bool(true))
        // 2^53 + 1 rounds to the Double 2^53, but is not equal to it.
        #expect(JSONValue.integer(9_007_199_254_740_993) != .number(9_007_199_254_740_992))
        #expect(JSONValue.integer(9_007_199_254_740_992) == .number(9_007_199_254_740_992))
        #expect(Set<JSONValue>([.integer(1), .number(1.0), .number(2), .integer(2)]).count == 2)
        #expect(JSONValue.integer(3).typeName == "number" && JSONValue.integer(3).isInteger)
        #expect(JSONValue.integer(3).numberValue == 3 && JSONValue.string("3").numberValue == nil)
        #expect(JSONValue.integer(Self.beyond53).jsonText == "1580000000000000001")
    }

    @Test func keysAreRewrittenAsReadAndTheFirstOfTwoAlikeWins() throws {
        var keys = JSONKeyMap { $0.lowercased().filter { $0 != "_" } }
        let value = try JSONParser.parse(
            Array(#"{"User_Input": "a", "userinput": "b", "Nested": {"In_Ner": 1}}"#.utf8),
            keys: &keys)
        #expect(
            value
                == .object(["userinput": .string("a"), "nested": .object(["inner": .integer(1)])]))
        // Without a key map, keys stay as written.
        #expect(try JSONParser.parse(#"{"User_Input": 1}"#) == .object(["User_Input": .integer(1)]))
    }

    @Test func theKeyMapRemembersItsRewritesAcrossParses() throws {
        final class Counter: @unchecked Sendable { var calls = 0 }
        let counter = Counter()
        var keys = JSONKeyMap { key in
            counter.calls += 1
            return key.uppercased()
        }
        for line in [#"{"a": 1, "b": 2}"#, #"{"b": 3, "a": 4}"#, #"{"a": {"b": 5}}"#] {
            _ = try JSONParser.parse(Array(line.utf8), keys: &keys)
        }
        #expect(counter.calls == 2, "each distinct key rewritten once")
        #expect(keys.map("a") == "A" && counter.calls == 2)
    }

    @Test func theDepthLimitIsConfigurable() throws {
        let nested = { (levels: Int) in
            String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        }
        #expect(throws: Never.self) { try JSONParser.parse(nested(512)) }
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(nested(513)) }
        #expect(throws: Never.self) { try JSONParser.parse(nested(64), maxDepth: 64) }
        do {
            _ = try JSONParser.parse(nested(65), maxDepth: 64)
            Issue.record("65 levels passed a limit of 64")
        } catch {
            #expect(error.message == "nested more than 64 levels deep" && error.offset == 64)
        }
    }

    @Test func errorsHaveAByteOffsetAndAColumn() {
        let cases: [(String, String, Int)] = [
            (#"{"a": 1,}"#, "expected a quoted key", 8),
            (#"{"a" 1}"#, "expected ':' after a key", 5),
            ("[1 2]", "expected ',' or ']' in a list", 3),
            (#"{"a": 1 "b"}"#, "expected ',' or '}' in an object", 8),
            ("[1,", "unexpected end of input", 3),
            ("?", "unexpected '?'", 0),
            ("\u{01}", "unexpected byte 0x1", 0),
            ("tru", "invalid literal; expected 'true'", 0),
            (#""a\qb""#, "invalid escape '\\q'", 3),
            ("1e999", "number out of range", 0),
            ("1.", "invalid number: digits after '.'", 2),
            ("[1] x", "unexpected text after the JSON value", 4),
        ]
        for (text, message, offset) in cases {
            do {
                _ = try JSONParser.parse(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.message == message, "\(text)")
                #expect(error.offset == offset && error.column == offset + 1, "\(text)")
                #expect(error.description == "\(message) at byte \(offset)")
            }
        }
    }

    @Test func codableKeepsIntegersExact() throws {
        let json = Data(#"{"n": 1580000000000000001, "x": 1.5, "i": 2}"#.utf8)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: json)
        #expect(
            decoded == .object(["n": .integer(Self.beyond53), "x": .number(1.5), "i": .number(2)]))
        let yaml = try YAMLDecoder().decode(
            JSONValue.self, from: Data("n: 1\nx: 1.5\ns: '1'\n".utf8), file: "t.yaml")
        guard case .object(let members) = yaml, case .integer(1)? = members["n"],
            case .number(1.5)? = members["x"], case .string("1")? = members["s"]
        else {
            Issue.record("YAML 1 is an integer, 1.5 a number, '1' text: \(yaml)")
            return
        }
        let encoded = try JSONEncoder().encode(JSONValue.integer(Self.beyond53))
        #expect(String(decoding: encoded, as: UTF8.self) == "1580000000000000001")
    }
}
