import Foundation

/// Checks a gate record against the files as they are now.
public enum GateEvidence {
    /// The policy in force now for the suites a record covered.
    public static func evaluator(project: Project, suites: [String]) -> GateEvaluator {
        var overrides: [String: GatePolicy] = [:]
        for name in suites {
            if let suite = project.suite(named: name), let gate = suite.header.gate {
                overrides[suite.name] = gate
            }
        }
        return GateEvaluator(
            global: project.config?.gate ?? GatePolicy(), suiteOverrides: overrides)
    }

    /// Every way the record no longer describes the project; empty when it still does.
    public static func differences(_ record: GateRecord, project: Project) -> [String] {
        var out: [String] = []
        let gate = "gate \(record.id)"
        for (path, recorded) in record.inputs {
            let absolute = (project.root as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: absolute) else {
                out.append(
                    "\(path) no longer exists (it had sha256 \(recorded.prefix(8))… when \(gate) passed); re-run the gate"
                )
                continue
            }
            let now = Digest.sha256Hex(data)
            if now != recorded {
                out.append(
                    "\(path) changed since \(gate) passed: sha256 \(recorded.prefix(8))… now \(now.prefix(8))…; re-run the gate"
                )
            }
        }
        let suites = record.inputs.map(\.path).filter {
            $0.hasPrefix("suites/") && !$0.hasPrefix(Recordings.directory)
        }
        .compactMap { path in project.suites.first { $0.file.path == path }?.name }
        let policyNow = Digest.sha256Hex(
            Array(evaluator(project: project, suites: suites).canonicalJSON.utf8))
        if policyNow != record.policySHA256 {
            out.append(
                "the gate policy changed since \(gate) passed (gate: in promptgate.yaml or in a suite); re-run the gate"
            )
        }
        if let candidate = record.object["candidate"] as? [String: Any],
            let provider = candidate["provider"] as? [String: Any],
            let name = provider["name"] as? String, let recorded = provider["sha256"] as? String,
            let (id, version) = record.candidatePrompt
        {
            if let config = project.config?.providers[name] {
                let model =
                    project.prompt(id, version: version)?.version.model.model ?? config.model ?? ""
                let now = ProviderFingerprint.sha256(config, model: model)
                if now != recorded {
                    out.append(
                        "provider '\(name)' changed in promptgate.yaml since \(gate) passed; re-run the gate"
                    )
                }
            } else {
                out.append(
                    "provider '\(name)' that \(gate) ran on is no longer configured; re-run the gate"
                )
            }
        }
        return out
    }
}
