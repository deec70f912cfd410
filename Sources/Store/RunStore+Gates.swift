import Basics
import Foundation

extension RunStore {
    /// Reserves the next gate id (the record is written with it afterwards).
    public func reserveGate(
        promptID: String, candidateVersion: String, baseRef: String, createdAt: String
    )
        throws(PromptGateError) -> Int64
    {
        try wrapped {
            try database.run(
                """
                INSERT INTO gates (created_at, prompt_id, candidate_version, base_ref, decision, record)
                VALUES (?, ?, ?, ?, 'pending', '')
                """, [.text(createdAt), .text(promptID), .text(candidateVersion), .text(baseRef)])
            return database.lastInsertRowID
        }
    }

    public func saveGate(id: Int64, decision: String, record: String) throws(PromptGateError) {
        try wrapped {
            try database.run(
                "UPDATE gates SET decision = ?, record = ? WHERE id = ?",
                [.text(decision), .text(record), .integer(id)])
        }
    }

    /// Record texts of the gates of a candidate version, newest first.
    public func gateRecords(promptID: String, version: String) throws(PromptGateError) -> [(
        id: Int64, text: String
    )] {
        try wrapped {
            try database.query(
                """
                SELECT id, record FROM gates WHERE prompt_id = ? AND candidate_version = ?
                  AND decision != 'pending' ORDER BY id DESC
                """, [.text(promptID), .text(version)]
            ).compactMap { row in
                guard case .integer(let id) = row[0], case .text(let text) = row[1] else {
                    return nil
                }
                return (id, text)
            }
        }
    }
}
