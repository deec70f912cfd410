#ifndef PROMPTGATE_COPENSSL_SHIM_H
#define PROMPTGATE_COPENSSL_SHIM_H
#include <openssl/evp.h>

/* EVP_sha256()/EVP_md5() are functions already; these keep call sites short. */
static inline int pg_digest_sha256(const void *data, size_t n, unsigned char *out) {
    unsigned int len = 0;
    return EVP_Digest(data, n, out, &len, EVP_sha256(), NULL);
}
static inline int pg_digest_md5(const void *data, size_t n, unsigned char *out) {
    unsigned int len = 0;
    return EVP_Digest(data, n, out, &len, EVP_md5(), NULL);
}
#endif
