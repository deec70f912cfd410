import Basics
import Engine
import PromptGateModel

/// One side of `compare` as the user named it: `ID@VERSION`, `ID@production`, `ID@canary`
/// or a stored run `run:42`.
public enum CompareSide: Sendable, Hashable {
    case version(id: String, version: String)
    case run(Int64)

    /// Resolves a reference; `production` and `canary` are read from `prompts/<id>/release.yaml`.
    public static func resolve(_ ref: String, project: Project) throws(PromptGateError)
        -> CompareSide
    {
        if ref.hasPrefix("run:") {
            guard let id = Int64(ref.dropFirst(4)), id > 0 else {
                throw .usage(
                    "'\(ref)' is not a stored run; write run:ID (see 'promptgate history')")
            }
            return .run(id)
        }
        let (id, label) = try RunPlan.parsePromptRef(ref, project: project)
        guard label == "production" || label == "canary" else {
            return .version(id: id, version: label)
        }
        // With no production yet, nothing can be gated against it: adopt what serves today.
        let start =
            label == "production"
            ? "name a version (\(id)@1.2) or record the version that serves today: promptgate adopt \(id)@VERSION --reason \"…\""
            : "name a version (\(id)@1.2) or promote one first: promptgate promote \(id)@VERSION --to canary"
        guard let manifest = try ReleaseManifest.load(prompt: id, root: project.root) else {
            throw .usage(
                "\(ref): prompt '\(id)' has no \(ReleaseManifest.path(prompt: id)) yet", hint: start
            )
        }
        let version =
            label == "production" ? manifest.production?.version : manifest.canary?.version
        guard let version else {
            throw .usage(
                "\(ref): \(ReleaseManifest.path(prompt: id)) names no \(label) version", hint: start
            )
        }
        return .version(id: id, version: version)
    }
}
