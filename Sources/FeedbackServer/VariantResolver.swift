import Basics
import Foundation
import Gate
import PromptGateModel
import Synchronization

/// `GET /v1/variant`: which version a session gets, by ``CanaryAssignment`` over the prompt's
/// `release.yaml` as it is on disk now. Each manifest is parsed once and parsed again when
/// the file changes (its inode, size or modification time: `promote` replaces the file), so
/// a promotion is followed from the next request on without a restart.
public final class VariantResolver: Sendable {
    private struct Stamp: Hashable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }
    private struct Cached {
        var stamp: Stamp
        var manifest: Result<ReleaseManifest, PromptGateError>
    }

    private let root: String
    private let cache = Mutex<[String: Cached]>([:])

    public init(root: String) {
        self.root = root
    }

    /// Prompt ids as the project names them: letters, digits, `.`, `_`, `-`, never a path.
    public static func isPromptID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != UInt8(ascii: "."), id.utf8.count <= 200 else {
            return false
        }
        return id.utf8.allSatisfy {
            $0.isASCIIAlnumOrPunct
        }
    }

    /// The assignment, or the error answer: 400 for a bad prompt id, 404 for a prompt with
    /// no production version, 500 for a release.yaml that does not decode.
    public func assign(session: String, prompt: String, salt: String?) throws(APIError)
        -> CanaryAssignment.Assignment
    {
        guard Self.isPromptID(prompt) else {
            throw .badRequest(
                "invalid_prompt", field: "prompt",
                detail: "'\(prompt)' is not a prompt id (letters, digits, '.', '_', '-')")
        }
        let relative = ReleaseManifest.path(prompt: prompt)
        let manifest: ReleaseManifest
        switch load(prompt) {
        case nil:
            throw APIError(
                status: 404, code: "unknown_prompt", field: "prompt",
                detail:
                    "prompt '\(prompt)' has no \(relative); promote a version (promptgate promote \(prompt)@VERSION --to production)"
            )
        case .failure(let error)?:
            throw APIError(
                status: 500, code: "invalid_release_manifest", field: nil,
                detail: "\(relative) does not load: \(error.description); fix the file")
        case .success(let loaded)?:
            manifest = loaded
        }
        guard
            let assignment = CanaryAssignment.assign(
                session: session, prompt: prompt, manifest: manifest, salt: salt)
        else {
            throw APIError(
                status: 404, code: "no_production_version", field: "prompt",
                detail:
                    "prompt '\(prompt)' has no production version in \(relative); promote one (promptgate promote \(prompt)@VERSION --to production)"
            )
        }
        return assignment
    }

    /// The manifest as the file is now; nil when there is none.
    private func load(_ prompt: String) -> Result<ReleaseManifest, PromptGateError>? {
        let path = (root as NSString).appendingPathComponent(ReleaseManifest.path(prompt: prompt))
        var info = stat()
        guard stat(path, &info) == 0 else {
            _ = cache.withLock { $0.removeValue(forKey: prompt) }
            return nil
        }
        let stamp = Stamp(
            inode: UInt64(info.st_ino), size: Int64(info.st_size),
            seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec)
        if let cached = cache.withLock({ $0[prompt] }), cached.stamp == stamp {
            return cached.manifest
        }
        let loaded: Result<ReleaseManifest, PromptGateError>
        do throws(PromptGateError) {
            guard let manifest = try ReleaseManifest.load(prompt: prompt, root: root) else {
                return nil
            }
            loaded = .success(manifest)
        } catch {
            loaded = .failure(error)
        }
        cache.withLock { $0[prompt] = Cached(stamp: stamp, manifest: loaded) }
        return loaded
    }
}

extension UInt8 {
    fileprivate var isASCIIAlnumOrPunct: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
