#!/usr/bin/env bash
# Regenerates the SSH key fixtures with `ssh-keygen` (OpenSSH 9.x) and the `openssl` CLI.
#
# TEST KEYS ONLY: every key here was made for policycheck's tests, guards nothing and must never be used.
# The tests read the committed files; run this script only to refresh them:
#
#   cd Tests/KeyMaterialTests/Fixtures/ssh && ./generate.sh
#
# It rewrites every fixture and `expected-fingerprints.txt`: the SHA-256 of each key's DER SubjectPublicKeyInfo as
# the CLIs compute it (`ssh-keygen -e -m PKCS8 -f KEY.pub | openssl pkey -pubin -outform DER | sha256sum`).
set -euo pipefail
cd "$(dirname "$0")"
PASS="test-only-passphrase"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rm -f openssh-* pkcs1-* putty-* expected-fingerprints.txt

key() {  # NAME TYPE [BITS] [PASSPHRASE]
    local name=$1 type=$2 bits=${3:-} passphrase=${4:-}
    ssh-keygen -q -t "$type" ${bits:+-b "$bits"} -N "$passphrase" -C "policycheck test key" -f "$name"
    # The public half is only needed for the expected fingerprint.
    echo "$name $(spki "$name.pub")" >> expected-fingerprints.txt
    mv "$name.pub" "$TMP/"
}

spki() {  # PUBLIC-KEY-FILE → SHA-256 of its DER SubjectPublicKeyInfo
    if [ "$(cut -d' ' -f1 "$1")" = ssh-ed25519 ]; then
        # ssh-keygen cannot export Ed25519 as PKCS8: the SPKI is a fixed prefix (RFC 8410) and the key's 32 bytes,
        # the last 32 of its blob.
        { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cut -d' ' -f2 "$1" | base64 -d | tail -c 32; } | sha256sum | cut -d' ' -f1
    else
        ssh-keygen -e -m PKCS8 -f "$1" | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1
    fi
}

key openssh-ed25519 ed25519
key openssh-ed25519-encrypted ed25519 "" "$PASS"
key openssh-rsa3072 rsa 3072
key openssh-rsa3072-encrypted rsa 3072 "$PASS"
key openssh-rsa1024 rsa 1024
key openssh-ecdsa-p256 ecdsa 256
key openssh-ecdsa-p384 ecdsa 384
key openssh-ecdsa-p521 ecdsa 521
key openssh-dsa1024 dsa

# The PEM (PKCS #1) form `ssh-keygen -m PEM` writes, as old OpenSSH did by default: a file with no extension.
ssh-keygen -q -t rsa -b 2048 -m PEM -N "" -C "policycheck test key" -f pkcs1-rsa2048-no-extension
rm pkcs1-rsa2048-no-extension.pub

# PuTTY key files, written here by hand (no puttygen needed): the header, the public blob of a test key, and
# private lines of random bytes with a MAC of zeros. Only the header and the public lines are ever read.
ssh-keygen -q -t ed25519 -N "" -C "" -f "$TMP/putty"
ppk() {  # NAME ENCRYPTION
    local blob
    blob=$(cut -d' ' -f2 "$TMP/putty.pub")
    {
        echo "PuTTY-User-Key-File-3: ssh-ed25519"
        echo "Encryption: $2"
        echo "Comment: policycheck test key"
        echo "Public-Lines: $(( (${#blob} + 63) / 64 ))"
        echo -n "$blob" | fold -w 64; echo
        if [ "$2" != none ]; then
            printf 'Key-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 13\nArgon2-Parallelism: 1\n'
            printf 'Argon2-Salt: 00000000000000000000000000000000\n'
        fi
        echo "Private-Lines: 1"
        head -c 48 /dev/urandom | base64 -w 0; echo
        echo "Private-MAC: $(printf '0%.0s' $(seq 64))"
    } > "$1"
}
ppk putty-ed25519.ppk none
ppk putty-ed25519-encrypted.ppk aes256-cbc
echo "putty-ed25519.ppk $(spki "$TMP/putty.pub")" >> expected-fingerprints.txt
