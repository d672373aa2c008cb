/*
 * keyloop: the C baseline for key inspection throughput.
 *
 * Reads every key file named on the command line and decodes each key with OpenSSL 3 decoder contexts that are
 * built once and reused (one per DER structure, key type and selection), then hashes the key's SubjectPublicKeyInfo
 * with SHA-256, as `policycheck keys inspect` does. PEM bodies are decoded here (no BIO); the structure comes from
 * the PEM label, or for DER files from the file name (pkcs1, pkcs8, sec1, spki, cert), so no decode is ever tried and
 * failed: it is the fastest honest loop over these files.
 *
 *   gcc -O2 -o keyloop Benchmarks/c/keyloop.c -lcrypto
 *   ./keyloop FILE...      prints: files N objects M seconds S files_per_second R (reading included)
 *
 * OSSL_DECODER_CTX_new_for_pkey keeps pointers to its input type, structure and key type strings, so they are
 * string literals here.
 */
#define _GNU_SOURCE
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct decoder {
    const char *structure; /* a literal */
    const char *key_type;  /* a literal, or NULL */
    int selection;
    OSSL_DECODER_CTX *ctx;
    EVP_PKEY *slot;
};

static struct decoder decoders[32];
static int decoder_count;
static EVP_MD *sha256;
static unsigned long objects;
static unsigned char digest_sink;

static struct decoder *decoder_for(const char *structure, const char *key_type, int selection) {
    for (int i = 0; i < decoder_count; i++) {
        struct decoder *d = &decoders[i];
        if (d->structure == structure && d->key_type == key_type && d->selection == selection) return d;
    }
    struct decoder *d = &decoders[decoder_count++];
    d->structure = structure;
    d->key_type = key_type;
    d->selection = selection;
    d->slot = NULL;
    d->ctx = OSSL_DECODER_CTX_new_for_pkey(&d->slot, "DER", structure, key_type, selection, NULL, NULL);
    if (d->ctx == NULL || OSSL_DECODER_CTX_get_num_decoders(d->ctx) == 0) {
        fprintf(stderr, "no decoder for %s %s\n", structure, key_type ? key_type : "(any)");
        exit(2);
    }
    return d;
}

static void hash_spki(const unsigned char *der, int length) {
    unsigned char digest[32];
    unsigned int size = 0;
    EVP_Digest(der, (size_t)length, digest, &size, sha256, NULL);
    digest_sink ^= digest[0];
}

static int decode_key(const unsigned char *der, size_t length, const char *structure, const char *key_type,
                      int selection) {
    struct decoder *d = decoder_for(structure, key_type, selection);
    const unsigned char *cursor = der;
    size_t remaining = length;
    int ok = OSSL_DECODER_from_data(d->ctx, &cursor, &remaining);
    EVP_PKEY *key = d->slot;
    d->slot = NULL;
    if (!ok || key == NULL) {
        EVP_PKEY_free(key);
        return 0;
    }
    unsigned char *spki = NULL;
    int spki_length = i2d_PUBKEY(key, &spki);
    if (spki_length > 0) hash_spki(spki, spki_length);
    OPENSSL_free(spki);
    digest_sink ^= (unsigned char)EVP_PKEY_get_bits(key);
    EVP_PKEY_free(key);
    objects++;
    return 1;
}

static int decode_certificate(const unsigned char *der, size_t length) {
    const unsigned char *cursor = der;
    X509 *certificate = d2i_X509(NULL, &cursor, (long)length);
    if (certificate == NULL) return 0;
    unsigned char *spki = NULL;
    int spki_length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(certificate), &spki);
    if (spki_length > 0) hash_spki(spki, spki_length);
    OPENSSL_free(spki);
    digest_sink ^= (unsigned char)EVP_PKEY_get_bits(X509_get0_pubkey(certificate));
    X509_free(certificate);
    objects++;
    return 1;
}

/* The key type a file name implies (as the Swift inspector guesses it from the algorithm OID). */
static const char *key_type_of(const char *name) {
    if (strstr(name, "rsa")) return "RSA";
    if (strstr(name, "ed25519")) return "ED25519";
    if (strstr(name, "ec-")) return "EC";
    return NULL;
}

static int decode_der(const unsigned char *der, size_t length, const char *label, const char *name) {
    const char *type = key_type_of(name);
    if (strcmp(label, "CERTIFICATE") == 0) return decode_certificate(der, length);
    if (strcmp(label, "PRIVATE KEY") == 0) return decode_key(der, length, "PrivateKeyInfo", type, EVP_PKEY_KEYPAIR);
    if (strcmp(label, "PUBLIC KEY") == 0) return decode_key(der, length, "SubjectPublicKeyInfo", type, EVP_PKEY_PUBLIC_KEY);
    if (strcmp(label, "RSA PRIVATE KEY") == 0) return decode_key(der, length, "type-specific", "RSA", EVP_PKEY_KEYPAIR);
    if (strcmp(label, "RSA PUBLIC KEY") == 0) return decode_key(der, length, "type-specific", "RSA", EVP_PKEY_PUBLIC_KEY);
    if (strcmp(label, "EC PRIVATE KEY") == 0) return decode_key(der, length, "type-specific", "EC", EVP_PKEY_KEYPAIR);
    return 1; /* EC PARAMETERS and other blocks: nothing to decode */
}

static int base64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Decodes base64 text (whitespace ignored, stops at '=') into out; returns the byte count. */
static size_t base64_decode(const char *text, size_t length, unsigned char *out) {
    unsigned int accumulator = 0;
    int bits = 0;
    size_t count = 0;
    for (size_t i = 0; i < length; i++) {
        int value = base64_value((unsigned char)text[i]);
        if (text[i] == '=') break;
        if (value < 0) continue;
        accumulator = (accumulator << 6) | (unsigned int)value;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[count++] = (unsigned char)(accumulator >> bits);
        }
    }
    return count;
}

static int inspect(const unsigned char *bytes, size_t length, const char *name, unsigned char *scratch) {
    const char *text = (const char *)bytes;
    const char *begin = memmem(text, length, "-----BEGIN ", 11);
    if (begin == NULL) {
        const char *label = strstr(name, "cert") ? "CERTIFICATE"
                            : strstr(name, "spki") ? "PUBLIC KEY"
                            : strstr(name, "pkcs8") ? "PRIVATE KEY"
                            : strstr(name, "pkcs1-public") ? "RSA PUBLIC KEY"
                            : strstr(name, "pkcs1") ? "RSA PRIVATE KEY"
                            : strstr(name, "sec1") ? "EC PRIVATE KEY" : "";
        return decode_der(bytes, length, label, name);
    }
    const char *end_of_text = text + length;
    while (begin != NULL) {
        const char *label = begin + 11;
        const char *label_end = memmem(label, (size_t)(end_of_text - label), "-----", 5);
        if (label_end == NULL) return 0;
        char label_text[64];
        size_t label_length = (size_t)(label_end - label);
        if (label_length >= sizeof label_text) return 0;
        memcpy(label_text, label, label_length);
        label_text[label_length] = 0;
        const char *body = label_end + 5;
        const char *end = memmem(body, (size_t)(end_of_text - body), "-----END ", 9);
        if (end == NULL) return 0;
        size_t der_length = base64_decode(body, (size_t)(end - body), scratch);
        if (!decode_der(scratch, der_length, label_text, name)) return 0;
        const char *after = end + 9;
        begin = memmem(after, (size_t)(end_of_text - after), "-----BEGIN ", 11);
    }
    return 1;
}

int main(int argc, char **argv) {
    sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    size_t capacity = 1 << 20;
    unsigned char *buffer = malloc(capacity);
    unsigned char *scratch = malloc(capacity);
    struct timespec start, stop;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (file == NULL) {
            failures++;
            continue;
        }
        size_t length = fread(buffer, 1, capacity, file);
        fclose(file);
        if (!inspect(buffer, length, argv[i], scratch)) {
            if (failures < 5) fprintf(stderr, "%s: not decoded\n", argv[i]);
            failures++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);
    double seconds = (double)(stop.tv_sec - start.tv_sec) + (double)(stop.tv_nsec - start.tv_nsec) / 1e9;
    int files = argc - 1;
    printf("files %d objects %lu seconds %.4f files_per_second %.0f (sink %u)\n", files, objects, seconds,
           files / seconds, digest_sink);
    for (int i = 0; i < decoder_count; i++) OSSL_DECODER_CTX_free(decoders[i].ctx);
    EVP_MD_free(sha256);
    free(buffer);
    free(scratch);
    return failures ? 2 : 0;
}
