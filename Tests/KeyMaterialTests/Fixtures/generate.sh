#!/usr/bin/env bash
# Regenerates the KeyMaterial test fixtures with the `openssl` CLI (3.x).
#
# Every key here is made for tests only and is worthless outside them.
# The tests read the committed files; run this script only to refresh them:
#
#   cd Tests/KeyMaterialTests/Fixtures && ./generate.sh
#
# It rewrites every fixture and `expected-fingerprints.txt`, which records the
# SHA-256 of each key's DER SubjectPublicKeyInfo as the openssl CLI computes it
# (`openssl pkey -pubout -outform DER | sha256sum`).
set -euo pipefail
cd "$(dirname "$0")"
PASS="test-only-passphrase"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rm -f -- *.pem *.der *.raw *.hex *.base64 *.bin *.txt

# --- RSA ---------------------------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048-pkcs8.pem
# `openssl pkey -outform DER` writes the type-specific (PKCS#1) form; pkcs8 -topk8 -nocrypt writes PKCS#8.
openssl pkcs8 -topk8 -nocrypt -in rsa2048-pkcs8.pem -outform DER -out rsa2048-pkcs8.der
openssl rsa -in rsa2048-pkcs8.pem -traditional -out rsa2048-pkcs1.pem
openssl rsa -in rsa2048-pkcs8.pem -traditional -outform DER -out rsa2048-pkcs1.der
openssl pkey -in rsa2048-pkcs8.pem -pubout -out rsa2048-spki.pem
openssl pkey -in rsa2048-pkcs8.pem -pubout -outform DER -out rsa2048-spki.der
openssl rsa -in rsa2048-pkcs8.pem -RSAPublicKey_out -out rsa2048-pkcs1-public.pem
openssl rsa -in rsa2048-pkcs8.pem -RSAPublicKey_out -outform DER -out rsa2048-pkcs1-public.der
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3 -out rsa2048-exponent3-pkcs8.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out rsa3072-pkcs8.pem
openssl pkey -in rsa3072-pkcs8.pem -pubout -out rsa3072-spki.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$TMP/wrapping-rsa4096.pem"
openssl pkey -in "$TMP/wrapping-rsa4096.pem" -pubout -outform DER -out wrapping-rsa4096-spki.der

# --- EC ------------------------------------------------------------------
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-p256-pkcs8.pem
openssl ec -in ec-p256-pkcs8.pem -out ec-p256-sec1.pem
openssl ec -in ec-p256-pkcs8.pem -outform DER -out ec-p256-sec1.der
openssl pkey -in ec-p256-pkcs8.pem -pubout -outform DER -out ec-p256-spki.der
openssl pkey -in ec-p256-pkcs8.pem -pubout -out ec-p256-spki.pem
openssl ecparam -name prime256v1 -genkey -out ec-p256-sec1-with-parameters.pem
openssl ecparam -name secp384r1 -out ec-parameters-only.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec-p384-pkcs8.pem
openssl pkey -in ec-p384-pkcs8.pem -pubout -out ec-p384-spki.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out "$TMP/p521.pem"
openssl ec -in "$TMP/p521.pem" -out ec-p521-sec1.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out ec-secp256k1-pkcs8.pem

# --- Edwards / Montgomery -----------------------------------------------
openssl genpkey -algorithm ED25519 -out ed25519-pkcs8.pem
openssl pkey -in ed25519-pkcs8.pem -pubout -outform DER -out ed25519-spki.der
openssl pkey -in ed25519-pkcs8.pem -pubout -out ed25519-spki.pem
openssl genpkey -algorithm ED448 -out ed448-pkcs8.pem
openssl genpkey -algorithm X25519 -out x25519-pkcs8.pem
openssl pkey -in x25519-pkcs8.pem -pubout -outform DER -out x25519-spki.der
openssl genpkey -algorithm X448 -out x448-pkcs8.pem

# --- DSA -----------------------------------------------------------------
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$TMP/dsaparam.pem"
openssl genpkey -paramfile "$TMP/dsaparam.pem" -out dsa2048-pkcs8.pem
openssl dsa -in dsa2048-pkcs8.pem -out dsa2048-traditional.pem
openssl pkey -in dsa2048-pkcs8.pem -pubout -out dsa2048-spki.pem

# --- Encrypted private keys (never decrypted by the tests) ---------------
openssl pkcs8 -topk8 -in ec-p256-pkcs8.pem -v2 aes-256-cbc -passout "pass:$PASS" -out encrypted-pkcs8.pem
openssl pkcs8 -topk8 -in ec-p256-pkcs8.pem -v2 aes-256-cbc -passout "pass:$PASS" -outform DER -out encrypted-pkcs8.der
openssl rsa -in rsa2048-pkcs8.pem -traditional -aes256 -passout "pass:$PASS" -out encrypted-legacy-rsa-pkcs1.pem

# --- Certificates --------------------------------------------------------
# A self-signed RSA-2048 / SHA-1 certificate valid only during 2010, via `openssl ca`
# because `openssl x509` in 3.0 cannot set arbitrary validity dates.
mkdir -p "$TMP/ca"
: > "$TMP/ca/index.txt"
cat > "$TMP/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $TMP/ca
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha1
policy = anything
email_in_dn = no
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = expired.test.invalid
O = Policycheck Tests
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
CNF
echo 01A2B3 > "$TMP/ca/serial"
openssl req -new -key rsa2048-pkcs8.pem -config "$TMP/ca.cnf" -out "$TMP/expired.csr"
openssl ca -batch -config "$TMP/ca.cnf" -selfsign -keyfile rsa2048-pkcs8.pem -in "$TMP/expired.csr" \
  -startdate 20100101000000Z -enddate 20110101000000Z -extensions v3_leaf -notext \
  -out cert-rsa2048-sha1-expired.pem 2>/dev/null

# A self-signed P-256 CA and an RSA-3072 leaf it issued.
openssl req -x509 -new -key ec-p256-pkcs8.pem -sha256 -days 3650 -subj "/CN=Policycheck Test CA/O=Policycheck Tests" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out cert-ec-p256-ca.pem
openssl req -new -key rsa3072-pkcs8.pem -subj "/CN=leaf.test.invalid" -out "$TMP/leaf.csr"
printf 'basicConstraints=critical,CA:FALSE\n' > "$TMP/leaf.ext"
openssl x509 -req -in "$TMP/leaf.csr" -CA cert-ec-p256-ca.pem -CAkey ec-p256-pkcs8.pem -sha384 -days 365 \
  -set_serial 0x1001 -extfile "$TMP/leaf.ext" -out cert-rsa3072-leaf-issued-by-ec-ca.pem
openssl req -x509 -new -key ed25519-pkcs8.pem -days 365 -subj "/CN=ed25519.test.invalid" -outform DER -out cert-ed25519-selfsigned.der
openssl x509 -in cert-ec-p256-ca.pem -addtrust serverAuth -out cert-ec-p256-ca-trusted.pem

# --- Bundles -------------------------------------------------------------
cat cert-rsa3072-leaf-issued-by-ec-ca.pem rsa3072-pkcs8.pem > bundle-cert-key-matching.pem
cat cert-rsa3072-leaf-issued-by-ec-ca.pem rsa2048-pkcs8.pem > bundle-cert-key-mismatched.pem
# Pairing order: certificates, then private keys. The P-256 key is in two certificates, its point compressed in the
# first (so that certificate's SPKI bytes are not the key's) and uncompressed in the second; a key pairs with the first.
openssl ec -in ec-p256-pkcs8.pem -conv_form compressed -out "$TMP/ec-p256-compressed.pem"
openssl req -x509 -new -key "$TMP/ec-p256-compressed.pem" -sha256 -days 3650 -subj "/CN=compressed.test.invalid" \
  -out "$TMP/cert-ec-p256-compressed.pem"
{
  cat "$TMP/cert-ec-p256-compressed.pem" cert-ec-p256-ca.pem cert-rsa3072-leaf-issued-by-ec-ca.pem
  openssl x509 -inform DER -in cert-ed25519-selfsigned.der
  cat ec-p256-pkcs8.pem rsa3072-pkcs8.pem rsa2048-pkcs8.pem ed25519-pkcs8.pem ec-p256-sec1.pem ec-p384-pkcs8.pem dsa2048-pkcs8.pem
} > bundle-pairing-order.pem
{
  echo "Text before, between and after PEM blocks is ignored."
  cat ec-p256-spki.pem
  echo "some commentary"
  cat cert-ec-p256-ca.pem
  cat ec-parameters-only.pem
  cat ed25519-pkcs8.pem
  echo "trailing text"
} > multi-block.pem

# --- Symmetric and wrapped key material ------------------------------------
openssl rand -out aes128.raw 16
openssl rand -out aes192.raw 24
openssl rand -out aes256.raw 32
openssl rand -hex 32 > aes256.hex
openssl rand -hex 16 > aes128.hex
openssl rand -base64 32 > aes256.base64
openssl rand -base64 24 > aes192.base64
openssl rand -out "$TMP/plain-key" 32
openssl pkeyutl -encrypt -pubin -keyform DER -inkey wrapping-rsa4096-spki.der \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -in "$TMP/plain-key" -out wrapped-oaep-sha256-4096.bin
# RSA_AES_KEY_WRAP shape: RSA-OAEP(ephemeral AES key) || AES-KWP(32-byte key) = 512 + 40 bytes.
openssl rand -out "$TMP/ephemeral" 32
openssl pkeyutl -encrypt -pubin -keyform DER -inkey wrapping-rsa4096-spki.der \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -in "$TMP/ephemeral" -out "$TMP/wrapped-ephemeral"
openssl rand -out "$TMP/kw" 40
cat "$TMP/wrapped-ephemeral" "$TMP/kw" > wrapped-aes-key-wrap-4096.bin
# RSA_AES_KEY_WRAP of other key specs' material, wrapped for real: AES key wrap with padding (RFC 5649) of an RSA_2048
# private key (PKCS#8 DER, 1217 bytes → 1232) and of HMAC_512 material (64 bytes → 72), after the 512-byte RSA part.
openssl rand -out "$TMP/ephemeral-2" 32
openssl pkeyutl -encrypt -pubin -keyform DER -inkey wrapping-rsa4096-spki.der \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -in "$TMP/ephemeral-2" -out "$TMP/wrapped-ephemeral-2"
openssl enc -id-aes256-wrap-pad -K "$(xxd -p -c 64 "$TMP/ephemeral-2")" -iv A65959A6 -in rsa2048-pkcs8.der -out "$TMP/kwp-rsa"
cat "$TMP/wrapped-ephemeral-2" "$TMP/kwp-rsa" > wrapped-aes-key-wrap-rsa2048-private-4096.bin
openssl rand -out "$TMP/hmac512" 64
openssl enc -id-aes256-wrap-pad -K "$(xxd -p -c 64 "$TMP/ephemeral-2")" -iv A65959A6 -in "$TMP/hmac512" -out "$TMP/kwp-hmac"
cat "$TMP/wrapped-ephemeral-2" "$TMP/kwp-hmac" > wrapped-aes-key-wrap-hmac512-4096.bin

# --- Not key material / broken -------------------------------------------
printf 'hello, this is a text file and not a key\n' > not-a-key.txt
: > empty.bin
{ printf '\001'; openssl rand 99; } > random-100-bytes.bin
head -c 600 rsa2048-pkcs8.der > truncated-rsa2048-pkcs8.der
# A PEM whose body lost its last lines: the DER inside is truncated.
{ head -n 10 rsa2048-pkcs8.pem; echo "-----END PRIVATE KEY-----"; } > truncated-rsa2048-pkcs8.pem
# A PEM block whose body is not base64.
printf -- '-----BEGIN PUBLIC KEY-----\nThis is !!! not base64 at all ***\n-----END PUBLIC KEY-----\n' > invalid-base64-public-key.pem
# A P-256 SPKI whose point encoding byte (0x04) is replaced by 0x05 (no such point form): not a valid point.
python3 - <<'PY'
data = bytearray(open("ec-p256-spki.der", "rb").read())
i = data.index(bytes([0x03, 0x42, 0x00, 0x04]))
data[i + 3] = 0x05
open("corrupt-ec-p256-point-spki.der", "wb").write(bytes(data))
PY

# Keys that decode but fail OpenSSL's consistency checks.
python3 - <<'PY2'
def tlv(data, i):
    tag = data[i]; length = data[i + 1]; j = i + 2
    if length & 0x80:
        n = length & 0x7F; length = int.from_bytes(data[j:j + n], "big"); j += n
    return tag, j, j + length
# PKCS#1 RSAPrivateKey with one byte of the private exponent d changed.
data = bytearray(open("rsa2048-pkcs1.der", "rb").read())
_, start, _ = tlv(data, 0)
cursor = start
for _ in range(3):  # skip version, n, e
    _, _, cursor = tlv(data, cursor)
_, d_start, d_end = tlv(data, cursor)
data[d_end - 1] ^= 0x02
open("rsa2048-pkcs1-inconsistent-private-exponent.der", "wb").write(bytes(data))
# SEC1 P-256 key whose embedded public point belongs to a different P-256 key.
mine = bytearray(open("ec-p256-sec1.der", "rb").read())
import subprocess
foreign = subprocess.run(["openssl", "pkey", "-in", "ec-p256-sec1-with-parameters.pem", "-pubout", "-outform", "DER"],
                         check=True, capture_output=True).stdout
mine[-65:] = foreign[-65:]
open("ec-p256-sec1-mismatched-public-point.der", "wb").write(bytes(mine))
PY2

# --- Expected SPKI fingerprints --------------------------------------------
{
  for f in *.pem *.der; do
    case "$f" in
      encrypted-*|ec-parameters-only.pem|multi-block.pem|bundle-*|truncated-*|invalid-*|corrupt-*|*-inconsistent-*|*-mismatched-*) continue ;;
    esac
    form=PEM; [[ "$f" == *.der ]] && form=DER
    if [[ "$f" == cert-* ]]; then
      fp=$(openssl x509 -inform "$form" -in "$f" -pubkey -noout | openssl pkey -pubin -pubout -outform DER | sha256sum | cut -d' ' -f1)
    elif [[ "$f" == *spki* || "$f" == *public* ]]; then
      fp=$(openssl pkey -pubin -inform "$form" -in "$f" -pubout -outform DER | sha256sum | cut -d' ' -f1)
    else
      fp=$(openssl pkey -inform "$form" -in "$f" -pubout -outform DER | sha256sum | cut -d' ' -f1)
    fi
    echo "$f $fp"
  done
} > expected-fingerprints.txt
echo "fixtures regenerated"
