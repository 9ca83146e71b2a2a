// Only libcrypto's message digests: SHA-256 of uploaded documents, with the CPU's SHA
// extensions where present (libsodium's portable SHA-256 runs at ~100 MB/s here, OpenSSL's
// at ~770 MB/s).
#include <openssl/evp.h>
// HMAC for TOTP two-factor codes (RFC 6238 over RFC 4226's HMAC-SHA-1).
#include <openssl/hmac.h>
