import Basics
import Foundation
import PromptGateModel
import Store
import YAMLCoding

/// Moves versions through canary and production in `prompts/<id>/release.yaml`, only on a
/// passing gate whose digests still match the files; and adopts the version that already
/// serves, without a gate, so that the first gate has a production to compare against.
public struct Promotion {
    public enum Target: String, Sendable {
        case canary, production
    }

    public var project: Project
    public var store: RunStore
    /// `git config user.name`, when there is one.
    public var who: String?

    public init(project: Project, store: RunStore, who: String?) {
        self.project = project
        self.store = store
        self.who = who
    }

    /// The gate that allows promoting `id@version`: the given evidence, or the newest passing
    /// gate in the store whose digests match the files now.
    public func evidence(id: String, version: String, file: String?) async throws(PromptGateError)
        -> GateRecord
    {
        let ref = "\(id)@\(version)"
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .usage("--evidence \(file): no such file")
            }
            let record = try GateRecord.parse(data, source: file)
            try check(record, ref: ref)
            let problems = try await GateEvidence.coverageProblems(
                record, project: project, store: store)
            if !problems.isEmpty { throw .refused(problems) }
            return record
        }
        let stored = try await store.gateRecords(promptID: id, version: version)
        var firstProblems: [String]?
        for (gateID, text) in stored {
            let record = try GateRecord.parse(
                Data(text.utf8), source: "gate \(gateID) in the store")
            guard record.passed else { continue }
            let problems =
                try await GateEvidence.coverageProblems(record, project: project, store: store)
                + GateEvidence.differences(record, project: project)
            if problems.isEmpty { return record }
            if firstProblems == nil { firstProblems = problems }
        }
        if let firstProblems { throw .refused(firstProblems) }
        if stored.isEmpty {
            throw .refused([
                "no gate on record for \(ref); run: promptgate gate \(id)@production \(ref) (or --evidence FILE from CI)"
            ])
        }
        let newest = try GateRecord.parse(
            Data(stored[0].text.utf8), source: "gate \(stored[0].id) in the store")
        let why = newest.reasons.first.map { " (\($0))" } ?? ""
        throw .refused([
            "no passing gate on record for \(ref): the newest gate \(stored[0].id) blocked it\(why)"
        ])
    }

    private func check(_ record: GateRecord, ref: String) throws(PromptGateError) {
        guard record.candidateRef == ref else {
            throw .refused(["gate \(record.id) is for \(record.candidateRef), not \(ref)"])
        }
        guard record.passed else {
            let why = record.reasons.first.map { " (\($0))" } ?? ""
            throw .refused(["gate \(record.id) blocked \(ref)\(why); it cannot promote it"])
        }
        let problems = GateEvidence.differences(record, project: project)
        if !problems.isEmpty { throw .refused(problems) }
    }

    /// Promotes `id@version`; returns the new manifest (already written) and what changed.
    public func promote(
        id: String, version: String, to target: Target, percent: Int?, evidenceFile: String?,
        skipCanary: String?, reason: String?, now: String
    ) async throws(PromptGateError) -> (ReleaseManifest, String) {
        let prompt = try project.requirePrompt(id, version: version, label: "\(id)@\(version)")
        var manifest =
            try ReleaseManifest.load(prompt: id, root: project.root) ?? ReleaseManifest(prompt: id)
        if target == .production {
            let wasCanary =
                manifest.canary?.version == version
                || manifest.history.contains {
                    $0.action == "promote" && $0.to == "canary" && $0.version == version
                }
            if !wasCanary && skipCanary == nil {
                throw .refused([
                    "\(id)@\(version) has not been a canary; promote it with --to canary first, or pass --skip-canary \"REASON\" (the reason is recorded)"
                ])
            }
        }
        let record = try await evidence(id: id, version: version, file: evidenceFile)
        let gate = String(record.id)
        var digests: [String: String] = [:]
        for (path, sha) in record.inputs { digests[path] = sha }
        var replaced: ReleaseManifest.Production?
        switch target {
        case .canary:
            let percent = percent ?? 10
            guard (1...100).contains(percent) else {
                throw .usage("--percent takes 1…100, got \(percent)")
            }
            if manifest.production?.version == version {
                throw .refused(["\(id)@\(version) already serves production"])
            }
            manifest.canary = .init(
                version: version, percent: percent, sha256: prompt.file.sha256, gate: gate,
                since: now)
        case .production:
            if manifest.production?.version == version {
                throw .refused(["\(id)@\(version) already serves production"])
            }
            replaced = manifest.production
            manifest.production = .init(
                version: version, sha256: prompt.file.sha256, gate: gate, since: now)
            if manifest.canary?.version == version { manifest.canary = nil }
        }
        let why = [skipCanary.map { "skipped canary: \($0)" }, reason].compactMap { $0 }.joined(
            separator: "; ")
        manifest.history.append(
            .init(
                action: "promote", to: target.rawValue, version: version,
                percent: target == .canary ? manifest.canary?.percent : nil, who: who, when: now,
                gate: gate, digests: digests, reason: why.isEmpty ? nil : why, replaced: replaced))
        try write(manifest)
        let what =
            target == .canary
            ? "\(id)@\(version) is now the canary at \(manifest.canary?.percent ?? 0)% (gate \(gate))"
            : "\(id)@\(version) now serves production (gate \(gate))"
        return (manifest, what)
    }

    /// Records `id@version` as production without a gate: the version a team already serves
    /// when it starts using promptgate. Only while the prompt has no production version;
    /// after that, production moves through `promote`. Returns the new manifest (already
    /// written) and what changed.
    public func adopt(id: String, version: String, reason: String, now: String)
        throws(PromptGateError) -> (ReleaseManifest, String)
    {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw .usage(
                "adopt needs --reason TEXT: why \(id)@\(version) serves without a gate (it is recorded)",
                hint: "e.g. promptgate adopt \(id)@\(version) --reason \"serving since March\"")
        }
        let prompt = try project.requirePrompt(id, version: version, label: "\(id)@\(version)")
        var manifest =
            try ReleaseManifest.load(prompt: id, root: project.root) ?? ReleaseManifest(prompt: id)
        if let production = manifest.production {
            throw .refused([
                "\(id)@\(production.version) already serves production; adopt only records the first production version, promote moves it: promptgate promote \(id)@VERSION --to canary|production"
            ])
        }
        if manifest.canary?.version == version {
            throw .refused([
                "\(id)@\(version) is the canary; promote it with promptgate promote \(id)@\(version) --to production"
            ])
        }
        let path = prompt.file.path
        manifest.production = .init(
            version: version, sha256: prompt.file.sha256, gate: nil, since: now)
        manifest.history.append(
            .init(
                action: "adopted", to: "production", version: version, who: who, when: now,
                digests: [path: prompt.file.sha256], reason: reason))
        try write(manifest)
        let what =
            "\(id)@\(version) adopted as production without a gate (sha256 \(prompt.file.sha256.prefix(8))…)"
        return (manifest, what)
    }

    /// Clears the canary, or when there is none restores the previous production version.
    public func rollback(id: String, reason: String?, now: String) throws(PromptGateError) -> (
        ReleaseManifest, String
    ) {
        guard var manifest = try ReleaseManifest.load(prompt: id, root: project.root) else {
            throw .usage(
                "prompt '\(id)' has no \(ReleaseManifest.path(prompt: id)): nothing to roll back")
        }
        let what: String
        if let canary = manifest.canary {
            manifest.canary = nil
            manifest.history.append(
                .init(
                    action: "rollback", to: "canary", version: canary.version, who: who, when: now,
                    reason: reason))
            what = "canary \(id)@\(canary.version) cleared; every session gets production again"
        } else if let current = manifest.production {
            var lineage = manifest.productionLineage
            if lineage.last == current.version { lineage.removeLast() }
            guard let version = lineage.last, version != current.version else {
                throw .refused([
                    "\(id) has no canary and no earlier production version to roll back to"
                ])
            }
            guard let file = project.prompt(id, version: version)?.file else {
                throw .refused([
                    "prompts/\(id)/v\(version).yaml no longer exists; cannot restore it"
                ])
            }
            let path = file.path
            let recorded = manifest.recordedProductionSHA256(version: version, path: path)
            if let recorded, recorded != file.sha256 {
                throw .refused([
                    "\(path) changed since it served production (sha256 \(recorded.prefix(8))… then, \(file.sha256.prefix(8))… now); promoted versions are immutable"
                ])
            }
            let gate =
                manifest.history.last {
                    $0.to == "production" && $0.version == version && $0.gate != nil
                }?.gate
                ?? manifest.history.compactMap(\.replaced).last { $0.version == version }?.gate
            manifest.production = .init(
                version: version, sha256: file.sha256, gate: gate, since: now)
            manifest.history.append(
                .init(
                    action: "rollback", to: "production", version: version, who: who, when: now,
                    reason: reason))
            what = "production rolled back from \(id)@\(current.version) to \(id)@\(version)"
        } else {
            throw .refused(["\(id) has nothing deployed to roll back"])
        }
        try write(manifest)
        return (manifest, what)
    }

    private func write(_ manifest: ReleaseManifest) throws(PromptGateError) {
        let relative = ReleaseManifest.path(prompt: manifest.prompt)
        let absolute = (project.root as NSString).appendingPathComponent(relative)
        let yaml: String
        do { yaml = try YAMLEncoder().encode(manifest) } catch {
            throw .infrastructure("cannot encode \(relative): \(error)")
        }
        let text =
            "# Written by promptgate adopt / promote / rollback: change it through them (docs/release-manifest.md).\n"
            + yaml
        try AtomicFile.write(text, to: absolute, shown: relative, what: "the release manifest")
    }
}
