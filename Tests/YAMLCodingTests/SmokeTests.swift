import Foundation
import Testing
import YAMLCoding

struct Smoke {
    @Test func basic() throws {
        struct Case: Decodable, Equatable {
            enum CodingKeys: String, CodingKey, CaseIterable { case id, vars, tags, n }
            var id: String
            var vars: [String: String]
            var tags: [String]
            var n: Int?
        }
        let yaml = "id: NO\nvars: {a: 1.10}\ntags: [x, 'y']\nn: 0x1F\n"
        let c = try YAMLDecoder().decode(Case.self, from: Data(yaml.utf8), file: "t.yaml")
        #expect(c == Case(id: "NO", vars: ["a": "1.10"], tags: ["x", "y"], n: 31))
        do {
            _ = try YAMLDecoder().decode(Case.self, from: Data("id: x\ntpye: 1\n".utf8), file: "t.yaml")
        } catch {
            print(error)
        }
    }
}
