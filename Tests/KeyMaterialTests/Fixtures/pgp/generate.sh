#!/bin/sh
# Regenerates the OpenPGP test keys in this folder (GnuPG 2.2) and their expected SPKI fingerprints, computed apart
# from policycheck: gpg exports the primary key as an SSH public key, ssh-keygen converts it to PKCS #8 and openssl
# hashes its DER SubjectPublicKeyInfo. TEST KEYS ONLY.
set -eu
cd "$(dirname "$0")"
GNUPGHOME=$(mktemp -d); export GNUPGHOME
trap 'rm -rf "$GNUPGHOME"' EXIT
gen() { gpg --batch --pinentry-mode loopback --passphrase "$3" --quick-gen-key "$1 <$2@example.invalid>" "$4" sign,auth never; }
gen "Test RSA" rsa2048 '' rsa2048
gen "Test Ed25519" ed25519 '' ed25519
gen "Test P-256" p256 '' nistp256
gen "Test RSA encrypted" rsa3072-encrypted 'secret' rsa3072
export_secret() { gpg --batch --pinentry-mode loopback --passphrase "$2" --armor --export-secret-keys "$1@example.invalid"; }
export_secret rsa2048 '' > openpgp-rsa2048.asc
export_secret ed25519 '' > openpgp-ed25519.asc
export_secret p256 '' > openpgp-p256.asc
export_secret rsa3072-encrypted secret > openpgp-rsa3072-encrypted.asc
gpg --armor --export rsa2048@example.invalid > openpgp-rsa2048-public.asc
# Subkeys alone: the primary key is a GnuPG stub (no secret), the encryption subkey is in the clear.
fpr=$(gpg --with-colons --list-keys ed25519@example.invalid | awk -F: '/^fpr/{print $10; exit}')
gpg --batch --pinentry-mode loopback --passphrase '' --quick-add-key "$fpr" cv25519 encr never
gpg --batch --pinentry-mode loopback --passphrase '' --armor --export-secret-subkeys ed25519@example.invalid > openpgp-subkeys-only.asc
# The same secret key under PGP 2's label and under a public key block's (GnuPG imports both as secret keys).
sed 's/PGP PRIVATE KEY BLOCK/PGP SECRET KEY BLOCK/' openpgp-rsa2048.asc > openpgp-rsa2048-secret-label.asc
sed 's/PGP PRIVATE KEY BLOCK/PGP PUBLIC KEY BLOCK/' openpgp-rsa2048.asc > openpgp-rsa2048-public-label.asc
: > expected-fingerprints.txt
for name in rsa2048 ed25519 p256 rsa3072-encrypted; do
    gpg --export-ssh-key "$name@example.invalid" > "$GNUPGHOME/key.pub"
    if [ "$name" = ed25519 ]; then
        # ssh-keygen converts no Ed25519 key to PKCS #8: the SPKI is RFC 8410's prefix and the blob's last 32 bytes.
        spki=$( { printf '\060\052\060\005\006\003\053\145\160\003\041\000'; cut -d' ' -f2 "$GNUPGHOME/key.pub" | base64 -d | tail -c 32; } | openssl dgst -sha256 -r | cut -c1-64)
    else
        spki=$(ssh-keygen -e -m PKCS8 -f "$GNUPGHOME/key.pub" | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -c1-64)
    fi
    echo "openpgp-$name.asc $spki" >> expected-fingerprints.txt
done
