internal import COpenSSL

/// SHA-256 of bytes that arrive in pieces (a file read a chunk at a time), through one
/// libcrypto `EVP_MD_CTX`, freed when the stream goes.
public final class SHA256Stream {
    private let context: OpaquePointer

    public init() {
        // Allocation fails only when memory is gone; the digest exists in every libcrypto.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
        else { preconditionFailure("libcrypto SHA-256 digest is unavailable") }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    /// The digest as 64 lowercase hex digits; the stream is done after this.
    public func finishHex() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer {
            EVP_DigestFinal_ex(context, $0.baseAddress, &length)
        }
        return Digest.hex(out)
    }
}
