import Foundation
import Testing
import YAMLCoding

struct Smoke {
    @Test func roundTrip() throws {
        struct S: Codable, Equatable { var a: String; var b: [String: String]; var c: Int?; var d: [Double] }
        let values = ["yes", "1.10", "", " lead", "trail ", "a: b", "#x", "multi\nline\n", "multi\nline", "\n\nx\n\n", "  x\ny", "'q'", "\"dq\"", "ü€😀", "- a", "[a]", "{", "@x", "`", "!x", "&a", "*a", "a #b", "~", "null", "0x1F", "1e3", ".5", "-", "?", ":", "a\tb", "x\n ", "\u{85}", "\r\n", "end\n\n\n"]
        for v in values {
            let s = S(a: v, b: [v: v], c: nil, d: [1.5, .infinity])
            let text = try YAMLEncoder().encode(s)
            let back = try YAMLDecoder().decode(S.self, from: Data(text.utf8), file: "x")
            if back != s { print("MISMATCH", v.debugDescription, text) }
            #expect(back == s)
        }
        print(try YAMLEncoder().encode(S(a: "hello\nworld\n", b: ["k": "yes", "n": "1.10"], c: 3, d: [])))
    }
}
