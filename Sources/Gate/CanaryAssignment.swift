import Basics

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
