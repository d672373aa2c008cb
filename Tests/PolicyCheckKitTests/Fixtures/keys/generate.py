#!/usr/bin/env python3
"""Regenerates the key-material rule fixtures (test-only keys; never use them for anything else).

Most files are copies of Tests/KeyMaterialTests/Fixtures (made with the openssl CLI); certificates with exact
validity dates are made here with Python's `cryptography` package so expiry tests do not depend on today's date.
"""
import datetime, os, shutil, subprocess
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "..", "KeyMaterialTests", "Fixtures")

copies = {
    "fail-committed-rsa-private.pem": "rsa2048-pkcs8.pem",
    "fail-committed-aes256.raw": "aes256.raw",
    "pass-encrypted-private-key.pem": "encrypted-pkcs8.pem",
    "pass-rsa3072-public.pem": "rsa3072-spki.pem",
    "fail-dsa-public.pem": "dsa2048-spki.pem",
    "fail-cert-expired-sha1.pem": "cert-rsa2048-sha1-expired.pem",
    "fail-bundle-mismatched.pem": "bundle-cert-key-mismatched.pem",
    "pass-bundle-matching.pem": "bundle-cert-key-matching.pem",
    "fail-inconsistent-rsa-private.der": "rsa2048-pkcs1-inconsistent-private-exponent.der",
    "wrapping-rsa4096.der": "wrapping-rsa4096-spki.der",
    "wrapping-rsa2048.der": "rsa2048-spki.der",
    "wrapped-oaep-sha256-4096.bin": "wrapped-oaep-sha256-4096.bin",
    "wrapped-wrong-size.bin": "random-100-bytes.bin",
    "wrapped-aes-key-wrap-4096.bin": "wrapped-aes-key-wrap-4096.bin",
    "wrapped-aes-key-wrap-rsa2048-private-4096.bin": "wrapped-aes-key-wrap-rsa2048-private-4096.bin",
    "wrapped-aes-key-wrap-hmac512-4096.bin": "wrapped-aes-key-wrap-hmac512-4096.bin",
    "plaintext-aes256.raw": "aes256.raw",
    "private-rsa2048.pem": "rsa2048-pkcs8.pem",
    # SSH private keys (made by ssh-keygen, Tests/KeyMaterialTests/Fixtures/ssh/generate.sh), named as they are found:
    # no extension, or one that says nothing of SSH.
    "fail-committed-openssh-ed25519": "ssh/openssh-ed25519",
    "fail-committed-openssh-rsa1024.key": "ssh/openssh-rsa1024",
    "fail-committed-putty-ed25519.ppk": "ssh/putty-ed25519.ppk",
    "pass-encrypted-openssh-ed25519": "ssh/openssh-ed25519-encrypted",
    # OpenPGP secret keys (made by GnuPG, Tests/KeyMaterialTests/Fixtures/pgp/generate.sh).
    "fail-committed-openpgp-ed25519.asc": "pgp/openpgp-ed25519.asc",
    "pass-encrypted-openpgp-rsa3072.asc": "pgp/openpgp-rsa3072-encrypted.asc",
}
for target, name in copies.items():
    shutil.copyfile(os.path.join(source, name), os.path.join(here, target))

def public_pem(private_path, target):
    subprocess.run(["openssl", "pkey", "-in", private_path, "-pubout", "-out", os.path.join(here, target)], check=True)

public_pem(os.path.join(source, "rsa2048-exponent3-pkcs8.pem"), "fail-rsa-exponent3-public.pem")
public_pem(os.path.join(source, "ec-secp256k1-pkcs8.pem"), "fail-secp256k1-public.pem")
small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
with open(os.path.join(here, "fail-rsa1024-public.pem"), "wb") as f:
    f.write(small.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))

def certificate(target, not_before, not_after, cn):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Policycheck Tests"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
            .sign(key, hashes.SHA256()))
    with open(os.path.join(here, target), "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))

utc = datetime.timezone.utc
# The tests evaluate at 2026-11-29T00:00:00Z.
certificate("pass-cert-p256-sha256.pem", datetime.datetime(2026, 1, 1, tzinfo=utc), datetime.datetime(2036, 1, 1, tzinfo=utc), "valid.test.invalid")
certificate("fail-cert-expiring.pem", datetime.datetime(2026, 1, 1, tzinfo=utc), datetime.datetime(2026, 12, 10, tzinfo=utc), "expiring.test.invalid")
certificate("fail-cert-not-yet-valid.pem", datetime.datetime(2027, 3, 1, tzinfo=utc), datetime.datetime(2028, 3, 1, tzinfo=utc), "future.test.invalid")

# Round 25: a root (self-signed CA) certificate signed with SHA-1, as the roots of a vendored trust store are
# (amazon-vpc-cni-k8s `misc/certs/ca-certificates.crt`): its self-signature is not relied on, so MMC-KM-011 passes; a
# certificate that root issued with SHA-1 fails. All RSA 2048, valid 2026-2036. Made with `openssl ca` (which sets
# exact dates on OpenSSL 3.0), as `cryptography` no longer signs with SHA-1.
#
# Round 25b: only what is plainly a root is exempt — CA:TRUE, keyUsage keyCertSign, no subjectAltName, no
# serverAuth/clientAuth extendedKeyUsage, and no private key in its file. Each `fail-cert-self-signed-*` certificate
# is self-signed and CA:TRUE but misses one of those, and fails: the extensions `openssl req -x509` gives a plain
# self-signed server certificate (OpenSSL 3's `v3_ca`: CA:TRUE, no keyUsage), that certificate bundled with its own
# key, a self-signed CA certificate naming a host for serverAuth, and the root below with one thing added.
root = ["basicConstraints = critical,CA:TRUE", "keyUsage = critical,keyCertSign,cRLSign",
        "subjectKeyIdentifier = hash"]
openssl_req_x509 = ["subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid:always,issuer",
                    "basicConstraints = critical,CA:true"]
sha1_certificates = [
    # (target, common name, signer (None: self-signed), extensions, bundled with its own private key)
    ("pass-cert-root-ca-sha1.pem", "root-ca.test.invalid", None, root, False),
    ("fail-cert-issued-sha1.pem", "issued.test.invalid", "pass-cert-root-ca-sha1.pem",
     ["basicConstraints = critical,CA:FALSE"], False),
    ("fail-cert-self-signed-server-sha1.pem", "server.test.invalid", None, openssl_req_x509, False),
    ("fail-cert-self-signed-server-bundle-sha1.pem", "bundled.test.invalid", None, openssl_req_x509, True),
    ("fail-cert-self-signed-ca-server-auth-sha1.pem", "api.test.invalid", None,
     openssl_req_x509 + ["keyUsage = digitalSignature,keyEncipherment,keyCertSign",
                         "subjectAltName = DNS:api.test.invalid", "extendedKeyUsage = serverAuth"], False),
    ("fail-cert-self-signed-ca-with-its-key-sha1.pem", "root-with-key.test.invalid", None, root, True),
    ("fail-cert-self-signed-ca-san-sha1.pem", "root-with-san.test.invalid", None,
     root + ["subjectAltName = DNS:root-with-san.test.invalid"], False),
    ("fail-cert-self-signed-ca-client-auth-sha1.pem", "root-client-auth.test.invalid", None,
     root + ["extendedKeyUsage = clientAuth"], False),
    ("fail-cert-self-signed-ca-no-cert-sign-sha1.pem", "root-no-cert-sign.test.invalid", None,
     ["basicConstraints = critical,CA:TRUE", "keyUsage = critical,digitalSignature,cRLSign"], False),
]

def make_sha1_certificates(specifications):
    import tempfile
    with tempfile.TemporaryDirectory() as work:
        def run(*arguments):
            subprocess.run(["openssl", *arguments], check=True, cwd=work, capture_output=True)
        with open(os.path.join(work, "ca.cnf"), "w") as f:
            f.write("[ca]\ndefault_ca = test\n[test]\ndir = .\ndatabase = index.txt\nnew_certs_dir = .\n"
                    "serial = serial\npolicy = anything\nunique_subject = no\ncopy_extensions = none\n"
                    "[anything]\norganizationName = supplied\ncommonName = supplied\n")
            for number, (_, _, _, extensions, _) in enumerate(specifications):
                f.write(f"[extensions{number}]\n" + "".join(line + "\n" for line in extensions))
        open(os.path.join(work, "index.txt"), "w").close()
        with open(os.path.join(work, "serial"), "w") as f:
            f.write("01\n")
        for number, (target, common_name, signer, _, bundled) in enumerate(specifications):
            name = f"c{number}"
            run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", f"{name}.key")
            run("req", "-new", "-key", f"{name}.key", "-subj", f"/O=Policycheck Tests/CN={common_name}", "-out", f"{name}.csr")
            if signer is None:
                signing = ["-selfsign", "-keyfile", f"{name}.key"]
            else:
                issuer = f"c{[spec[0] for spec in specifications].index(signer)}"
                signing = ["-cert", f"{issuer}.pem", "-keyfile", f"{issuer}.key"]
            run("ca", "-batch", "-config", "ca.cnf", *signing, "-in", f"{name}.csr", "-md", "sha1", "-startdate",
                "20260101000000Z", "-enddate", "20360101000000Z", "-extensions", f"extensions{number}", "-notext",
                "-out", f"{name}.pem")
            with open(os.path.join(here, target), "w") as out:
                for part in [f"{name}.pem"] + ([f"{name}.key"] if bundled else []):
                    with open(os.path.join(work, part)) as f:
                        out.write(f.read())

make_sha1_certificates(sha1_certificates)
