import Foundation
import Testing
import YAMLCoding

/// Bad input: every error names the exact position, the key path and what was expected.
struct DecoderErrorTests {
    @Test func tabIndentation() {
        expectError(
            Suite.self, "suite: s\ncases:\n1️⃣\t- id: a\n",
            message: "tab characters are not allowed for indentation; use spaces "
                + "(found character that cannot start any token while scanning for the next token)")
    }

    @Test func badIndentation() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - id: a\n    tags: [x]\n  1️⃣repeats: 2\n",
            message:
                "did not find expected '-' indicator while parsing a block collection "
                + "(started on line 3); check the indentation of this line")
    }

    @Test func colonInAPlainValue() {
        expectError(
            Suite.self, "suite: s\ndescription: note1️⃣: this breaks\ncases: []\n",
            message: "mapping values are not allowed in this context; "
                + "put the value in quotes if it contains ': '")
    }

    @Test func reservedIndicatorStartsAValue() {
        expectError(
            Suite.self, "suite: 1️⃣@team\ncases: []\n",
            message: "found character that cannot start any token while scanning for the next "
                + "token; put the value in quotes if it starts with '@', '`' or '%'")
    }

    @Test func unclosedQuote() {
        expectError(
            Suite.self, "suite: \"abc\ncases: []\n1️⃣",
            message:
                "found unexpected end of stream while scanning a quoted scalar (started on line 1)")
    }

    @Test func duplicateKey() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - id: a\n    tags: [x]\n    1️⃣id: b\n",
            path: "cases[0]", message: "duplicate key 'id' (first defined on line 3)")
    }

    @Test func unknownKeyWithSuggestion() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - id: a\n    assert:\n      - 1️⃣tpye: contains\n",
            path: "cases[0].assert[0]", message: "unknown key 'tpye'; did you mean 'type'?")
    }

    @Test func unknownKeyWithoutSuggestion() {
        expectError(
            Suite.self, "suite: s\n1️⃣zzz: 1\ncases: []\n",
            message: "unknown key 'zzz'; valid keys are 'suite', 'description', 'cases'")
    }

    @Test func wrongType() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - id: a\n    repeats: 1️⃣abc\n",
            path: "cases[0].repeats", message: "expected an integer, found 'abc'")
    }

    @Test func quotedNumberIsNotAnInteger() {
        expectError(
            Flags.self, "count: 1️⃣\"12\"\n", path: "count",
            message: "expected an integer, found the quoted string '12'; remove the quotes")
    }

    @Test func yesIsNotABoolean() {
        expectError(
            Flags.self, "enabled: 1️⃣yes\n", path: "enabled",
            message: "expected a boolean (true or false), found 'yes'")
    }

    @Test func integerOutOfRange() {
        expectError(
            Flags.self, "small: 1️⃣300\n", path: "small",
            message: "integer '300' is out of range (0...255)")
    }

    @Test func missingKey() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - 1️⃣tags: [a]\n    repeats: 2\n",
            path: "cases[0]", message: "missing required key 'id'")
    }

    @Test func aliasToNothing() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - id: a\n    tags: 1️⃣*missing\n",
            path: "cases[0].tags",
            message: "alias '*missing' refers to an undefined anchor '&missing'")
    }

    @Test func nonUTF8Bytes() {
        var bytes = Array("suite: s\ncases:\n  - id: ab".utf8)
        bytes.append(0xFF)
        bytes += Array("c\n".utf8)
        expectError(
            Suite.self, data: Data(bytes), at: YAMLMark(file: "test.yaml", line: 3, column: 11),
            message: "the file is not valid UTF-8 (invalid leading UTF-8 octet); save it as UTF-8")
    }

    @Test func emptyFile() {
        expectError(Suite.self, "1️⃣", message: "file is empty; expected a mapping")
        expectError(
            Suite.self, "1️⃣# only a comment\n\n# and another\n",
            message: "file is empty; expected a mapping")
    }

    @Test func emptyFileIsNilForOptionals() throws {
        let value = try YAMLDecoder().decode(Suite?.self, from: Data(), file: "test.yaml")
        #expect(value == nil)
    }

    @Test func unclosedFlowSequence() {
        expectError(
            Suite.self, "suite: s\ncases: [\n  {id: a},\n1️⃣",
            message: "did not find expected node content while parsing a flow node")
    }

    @Test func badEscapeInDoubleQuotes() {
        expectError(
            Suite.self, "suite: \"a1️⃣\\qb\"\ncases: []\n",
            message: "found unknown escape character while parsing a quoted scalar")
    }

    @Test func scalarWhereMappingExpected() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - 1️⃣just text\n", path: "cases[0]",
            message: "expected a mapping, found 'just text'")
    }

    @Test func sequenceWhereMappingExpected() {
        expectError(
            Suite.self, "suite: s\ncases:\n  - id: a\n    assert:\n      - 1️⃣[contains, x]\n",
            path: "cases[0].assert[0]", message: "expected a mapping, found a sequence")
    }

    @Test func complexKeyInADictionary() {
        expectError(
            [String: Int].self, "a: 1\n? 1️⃣[x, y]\n: 2\n",
            message: "expected a string key, found a sequence")
    }

    @Test func mappingWhereStringExpected() {
        expectError(
            Suite.self, "suite:\n  1️⃣name: s\ncases: []\n", path: "suite",
            message: "expected a string, found a mapping")
    }

    @Test func errorFromInitFromIsPositionedAtItsKey() {
        expectError(
            Suite.self,
            "suite: s\ncases:\n  - id: a\n    assert:\n      - type: equals\n      - type: 1️⃣contians\n",
            path: "cases[0].assert[1].type",
            message: "unknown assertion type 'contians'; did you mean 'contains'?")
    }

    @Test func unknownEnumValueSuggestsTheClosest() {
        expectError(
            [Message].self, "- role: system\n  content: hi\n- role: 1️⃣usr\n  content: hi\n",
            path: "[1].role", message: "unknown value 'usr'; did you mean 'user'?")
    }

    @Test func secondDocumentIsAnError() {
        expectError(
            Suite.self, "suite: s\ncases: []\n1️⃣---\nsuite: t\n",
            message: "expected a single YAML document, but a second one starts here")
    }

    @Test func mergeOfAScalarIsAnError() {
        expectError(
            Flags.self, "<<: 1️⃣5\ncount: 1\n",
            message: "merge key '<<' expects a mapping or a sequence of mappings, found '5'")
    }

    @Test func sourceLineIsTheOffendingLine() {
        let source = MarkedSource("suite: s\ncases:\n  - id: a\n    repeats: abc  # comment\n")
        #expect(throws: YAMLError.self) {
            try YAMLDecoder().decode(Suite.self, from: source.data, file: "test.yaml")
        }
        do {
            _ = try YAMLDecoder().decode(Suite.self, from: source.data, file: "test.yaml")
        } catch {
            #expect(error.sourceLine == "    repeats: abc  # comment")
        }
    }
}
