internal import COpenSSL

/// Cryptographic digests through libcrypto's `EVP_Digest`.
///
/// SHA-256 identifies exact bytes (prompt versions, suites, cache keys); MD5 is used only for
/// the stable session-bucket rule shared with production, never for security.
public enum Digest {
    /// The 32-byte SHA-256 digest of `bytes`.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        compute(bytes, length: 32, name: "SHA-256", pg_digest_sha256)
    }

    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(sha256(bytes))
    }

    /// The SHA-256 digest of the UTF-8 encoding of `string` as lowercase hex.
    public static func sha256Hex(_ string: String) -> String {
        hex(sha256(string.utf8))
    }

    /// The 16-byte MD5 digest of `bytes`.
    public static func md5(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        compute(bytes, length: 16, name: "MD5", pg_digest_md5)
    }

    /// The MD5 digest of `bytes` as 32 lowercase hex digits.
    public static func md5Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(md5(bytes))
    }

    /// The MD5 digest of the UTF-8 encoding of `string` as lowercase hex.
    public static func md5Hex(_ string: String) -> String {
        hex(md5(string.utf8))
    }

    /// Lowercase hex text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func compute(
        _ bytes: some Sequence<UInt8>, length: Int, name: String,
        _ function: (UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?) -> Int32
    ) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let status =
            bytes.withContiguousStorageIfAvailable { input in
                run(function, input, &out)
            } ?? Array(bytes).withUnsafeBufferPointer { input in run(function, input, &out) }
        // EVP_Digest fails only when the algorithm is unavailable (e.g. a FIPS-only libcrypto
        // without MD5); that is a broken installation, not bad input.
        precondition(status == 1, "libcrypto \(name) digest is unavailable")
        return out
    }

    private static func run(
        _ function: (UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?) -> Int32,
        _ input: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]
    ) -> Int32 {
        out.withUnsafeMutableBufferPointer { output in
            function(UnsafeRawPointer(input.baseAddress), input.count, output.baseAddress)
        }
    }
}
