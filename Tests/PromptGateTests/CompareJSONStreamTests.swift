import Basics
import Compare
import Foundation
import Reports
import Testing

/// `compare --format json` is written a case at a time: byte for byte what one pretty print
/// of the whole object gave, for no case, one case, and cases with awkward text.
@Suite struct CompareJSONStreamTests {
    /// The way the report was written before streaming: the pieces parsed back and printed
    /// as one object.
    func reprinted(_ json: String) throws -> String {
        try JSONText.pretty(JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    @Test(arguments: [0, 1, 4])
    func theStreamedReportIsOnePrettyPrint(count: Int) throws {
        let all: [CompareFixture.Case] = [
            .init(
                id: "kept", base: [.pass("Go to Settings.")], candidate: [.pass("Go to Settings.")]),
            .init(
                id: "broke", tags: ["billing"], input: "line one\nline \"two\"",
                base: [.pass("ok")], candidate: [.fail("no\nway \u{1B}[31m", "output lacks 'ok'")]),
            .init(id: "down", base: [.pass("ok")], candidate: [.error("HTTP 500: <boom>")]),
            .init(id: "gone", base: [.pass("ok")], candidate: nil),
        ]
        let comparison = CompareFixture.compare(Array(all.prefix(count)))
        var pieces: [String] = []
        try comparison.writeJSON { pieces.append($0) }
        let json = pieces.joined()
        #expect(json == (try reprinted(json)))
        #expect(try json == comparison.json())
        // Streamed: a case's text is never glued into one piece with another case's.
        #expect(pieces.count > count)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["cases"] as? [Any])?.count == count)
    }
}
