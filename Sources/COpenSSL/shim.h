#ifndef POLICYCHECK_COPENSSL_SHIM_H
#define POLICYCHECK_COPENSSL_SHIM_H

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Wrappers for the function-like and compound macros Swift cannot import. */

/* OPENSSL_free(p) is a macro around CRYPTO_free(p, file, line). */
static inline void pc_openssl_free(void *p) { OPENSSL_free(p); }

/* BIO_get_mem_data(b, pp) is a macro around BIO_ctrl. */
static inline long pc_bio_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }

/* RFC 2253 one-line names, but keeping UTF-8 readable instead of \XX-escaping it. */
static inline unsigned long pc_xn_flag_rfc2253_utf8(void) {
    return XN_FLAG_RFC2253 & ~(unsigned long)ASN1_STRFLGS_ESC_MSB;
}

/* EVP_PKEY_KEYPAIR and EVP_PKEY_PUBLIC_KEY are compound macros over OSSL_KEYMGMT_SELECT_*. */
static inline int pc_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }
static inline int pc_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

#endif
