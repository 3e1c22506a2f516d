#!/usr/bin/env bash
# Creates a throwaway P-256 test PKI in DIR with the openssl CLI:
#
#   ca.pem, ca.key                      root CA
#   intermediate.pem, intermediate.key  intermediate CA, signed by the root
#   server.pem, server.key              leaf for localhost (SAN DNS:localhost, IP:127.0.0.1, IP:::1)
#   server-chain.pem                    server leaf followed by the intermediate
#   client.pem, client.key              client leaf (CN=client), signed by the intermediate
#   client-chain.pem                    client leaf followed by the intermediate
#   server.pub, client.pub              the leaves' public keys (SubjectPublicKeyInfo PEM),
#                                       for raw-public-key pinning
#
# Every key is P-256, every signature ecdsa-with-SHA256, every certificate valid from now for
# 30 days. Private keys are unencrypted PKCS#8.
#
# Usage: make_test_pki.sh DIR
set -euo pipefail

if (($# != 1)); then
    echo "usage: $0 DIR" >&2
    exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"

key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve \
        -out "$1.key" 2>/dev/null
    chmod 600 "$1.key"
}

# issue NAME SUBJECT ISSUER EXTENSIONS: signs NAME's key with ISSUER's for 30 days.
issue() {
    local name=$1 subject=$2 issuer=$3 extensions=$4
    printf '%b\n' "$extensions" >"$name.ext"
    openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
    openssl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days 30 -sha256 -extfile "$name.ext" \
        -out "$name.pem" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
}

key ca
openssl req -x509 -new -key ca.key -subj "/O=swift-dtls tests/CN=Test Root CA" -days 30 -sha256 \
    -set_serial "0x$(openssl rand -hex 16)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out ca.pem

key intermediate
issue intermediate "/O=swift-dtls tests/CN=Test Intermediate CA" ca \
    "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid"

key server
issue server "/O=swift-dtls tests/CN=localhost" intermediate \
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid"

key client
issue client "/O=swift-dtls tests/CN=client" intermediate \
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid"

for leaf in server client; do
    cat "$leaf.pem" intermediate.pem >"$leaf-chain.pem"
    openssl pkey -in "$leaf.key" -pubout -out "$leaf.pub"
done

openssl verify -CAfile ca.pem -untrusted intermediate.pem server.pem client.pem >/dev/null
