import Basics
import PromptGateModel

/// Writing many results at once: one transaction instead of a commit per result.
extension RunStore {
    /// Stores a whole run (`promptgate merge`): the run, every result, and its final status,
    /// in one transaction (none of it when anything fails); returns its id.
    public func importRun(_ info: RunInfo, results: [CaseResult]) throws(PromptGateError) -> Int64 {
        try wrapped {
            try database.transaction {
                let id = try createRun(info)
                for result in results { try insertResult(result, runID: id) }
                return id
            }
        }
    }

    /// Writes results in one transaction: all of them or none.
    public func appendAll(_ results: [CaseResult], runID: Int64) throws(PromptGateError) {
        try wrapped {
            try database.transaction {
                for result in results { try insertResult(result, runID: runID) }
            }
        }
    }
}
