import Basics
import PromptGateModel

/// Stable canary routing: the same rule production uses, so a Swift service can route
/// sessions exactly as `promptgate assign` prints them.
///
/// bucket = MD5(session id) read as a 128-bit big-endian integer, mod 100; with an
/// experiment salt, MD5(salt + ":" + session id). A session is in the canary when
/// bucket < percent. In Python: `int(hashlib.md5(s.encode()).hexdigest(), 16) % 100`.
public enum CanaryAssignment {
    public enum Arm: String, Sendable, Hashable, Codable {
        case production, canary
    }

    /// The session's bucket, 0…99.
    public static func bucket(sessionID: String, salt: String? = nil) -> Int {
        let key = salt.map { "\($0):\(sessionID)" } ?? sessionID
        // (a·256 + b) mod 100 over the digest bytes is the big-endian integer mod 100.
        return Digest.md5(Array(key.utf8)).reduce(0) { ($0 * 256 + Int($1)) % 100 }
    }

    /// The arm of a bucket under a canary of `percent` percent.
    public static func arm(bucket: Int, canaryPercent: Int) -> Arm {
        bucket < canaryPercent ? .canary : .production
    }
}

extension CanaryAssignment {
    /// Where one session goes: what `promptgate assign` prints and `GET /v1/variant` answers.
    public struct Assignment: Sendable, Hashable {
        public var session: String
        public var prompt: String
        public var bucket: Int
        public var version: String
        public var arm: Arm
    }

    /// The version and arm `session` gets under `manifest`; nil when the manifest has no
    /// production version (nothing to route to).
    public static func assign(
        session: String, prompt: String, manifest: ReleaseManifest, salt: String? = nil
    ) -> Assignment? {
        guard let production = manifest.production else { return nil }
        let bucket = bucket(sessionID: session, salt: salt)
        let arm = arm(bucket: bucket, canaryPercent: manifest.canary?.percent ?? 0)
        let version =
            arm == .canary ? (manifest.canary?.version ?? production.version) : production.version
        return Assignment(
            session: session, prompt: prompt, bucket: bucket, version: version, arm: arm)
    }
}
