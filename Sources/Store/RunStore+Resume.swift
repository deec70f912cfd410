import Basics
import PromptGateModel

/// What `--resume` needs: which case × repeat slots a run already has, and its counts.
extension RunStore {
    /// `suite`, `case id` and repeat of every stored result of a run (with `excludingErrors`,
    /// of those that did not end in an error: an error is a hole `--resume` fills).
    public func completedSlots(runID: Int64, excludingErrors: Bool = false)
        throws(PromptGateError) -> Set<ResultSlot>
    {
        try wrapped {
            var out: Set<ResultSlot> = []
            try database.forEachRow(
                "SELECT suite, case_id, repeat_index FROM results WHERE run_id = ?"
                    + (excludingErrors ? " AND error IS NULL" : ""),
                [.integer(runID)]
            ) { statement in
                let row = statement.row()
                if case .text(let suite) = row[0], case .text(let id) = row[1],
                    case .integer(let r) = row[2]
                {
                    out.insert(ResultSlot(suite: suite, caseID: id, repeatIndex: Int(r)))
                }
            }
            return out
        }
    }

    /// Counts of a run's stored results (what its summary says, whatever order they came in);
    /// with `excludingErrors`, of those that did not end in an error.
    public func countSummary(runID: Int64, excludingErrors: Bool = false)
        throws(PromptGateError) -> RunSummary
    {
        try wrapped {
            let row =
                try database.query(
                    """
                    SELECT COUNT(*),
                      COALESCE(SUM(CASE WHEN error IS NULL AND passed = 1 THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(CASE WHEN error IS NULL AND passed = 0 THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(CASE WHEN error IS NOT NULL THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),
                      COALESCE(SUM(CASE WHEN origin = 'cache' THEN 1 ELSE 0 END), 0)
                    FROM results WHERE run_id = ?\(excludingErrors ? " AND error IS NULL" : "")
                    """, [.integer(runID)]
                ).first ?? []
            func int(_ i: Int) -> Int {
                if i < row.count, case .integer(let n) = row[i] { return Int(n) }
                return 0
            }
            var s = RunSummary()
            s.total = int(0)
            s.passed = int(1)
            s.failed = int(2)
            s.errors = int(3)
            s.promptTokens = int(4)
            s.completionTokens = int(5)
            s.cached = int(6)
            return s
        }
    }
}

/// One case × repeat of a run.
public struct ResultSlot: Sendable, Hashable {
    public var suite: String
    public var caseID: String
    public var repeatIndex: Int

    public init(suite: String, caseID: String, repeatIndex: Int) {
        self.suite = suite
        self.caseID = caseID
        self.repeatIndex = repeatIndex
    }
}
