import Basics
import Foundation
import Gate
import Testing

/// `GateRecord.parse` trusts only an unedited record written by `serialized()`.
@Suite struct GateRecordParseTests {
    static var object: [String: Any] {
        [
            "format": GateRecord.format, "id": 17, "decision": "pass", "reasons": [String](),
            "candidate": ["ref": "support@1.3"], "base": ["ref": "support@1.2"],
            "inputs": [
                ["path": "prompts/support/v1.3.yaml", "sha256": String(repeating: "3f", count: 32)]
            ],
            "policy_sha256": String(repeating: "9c", count: 32),
            // Doubles that do not print exactly must still verify after a write and a read.
            "statistics": ["mcnemar_p": 0.1 + 0.2, "candidate_pass_rate": 2.0 / 3.0],
            "promptgate_version": "0.1.0",
        ]
    }

    static func parse(_ text: String) throws(PromptGateError) -> GateRecord {
        try GateRecord.parse(Data(text.utf8), source: "gate.json")
    }

    static func message(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func serializedRecordParsesBack() throws {
        let text = GateRecord(object: Self.object).serialized()
        let record = try Self.parse(text)
        #expect(record.id == 17 && record.passed && record.candidateRef == "support@1.3")
        #expect(record.candidatePrompt?.id == "support" && record.candidatePrompt?.version == "1.3")
        #expect(record.inputs.map(\.path) == ["prompts/support/v1.3.yaml"])
        #expect(record.policySHA256 == String(repeating: "9c", count: 32))
        #expect(!text.contains("\\/"), "paths are written without escaped slashes")
    }

    @Test func everyEditIsRefused() {
        let text = GateRecord(object: Self.object).serialized()
        let edited =
            "gate.json was edited or is corrupt: its content no longer matches its record_sha256; re-run the gate"
        let edits = [
            ("\"decision\" : \"pass\"", "\"decision\" : \"blocked\""),
            ("\"id\" : 17", "\"id\" : 18"),
            (String(repeating: "3f", count: 32), String(repeating: "3f", count: 31) + "00"),
            ("support@1.3", "support@1.4"),
            ("\"reasons\" : [\n\n  ]", "\"reasons\" : [\"x\"]"),
        ]
        for (from, to) in edits {
            #expect(text.contains(from), "\(from)")
            #expect(Self.message(text.replacingOccurrences(of: from, with: to)) == edited, "\(to)")
        }
        // Whitespace is not content: a reformatted record still verifies.
        let compact = text.replacingOccurrences(of: "\n", with: " ")
        #expect(Self.message(compact) == "accepted")
    }

    @Test func corruptOrForeignFilesAreRefused() {
        let text = GateRecord(object: Self.object).serialized()
        #expect(
            Self.message(String(text.prefix(text.count / 2)))
                == "gate.json is not a gate record (not a JSON object); re-run the gate")
        #expect(
            Self.message("")
                == "gate.json is not a gate record (not a JSON object); re-run the gate")
        #expect(
            Self.message("[1, 2]")
                == "gate.json is not a gate record (not a JSON object); re-run the gate")
        #expect(
            Self.message("{\"format\": \"other\"}")
                == "gate.json is not a promptgate-gate/1 gate record; re-run the gate")
        var unsigned = Self.object
        unsigned["decision"] = "pass"
        let data = (try? JSONSerialization.data(withJSONObject: unsigned)) ?? Data()
        #expect(
            Self.message(String(decoding: data, as: UTF8.self))
                == "gate.json has no record_sha256; it was not written by promptgate gate")
        var empty = Self.object
        empty["inputs"] = [[String: String]]()
        #expect(
            Self.message(GateRecord(object: empty).serialized())
                == "gate.json is missing required fields; re-run the gate")
    }
}
