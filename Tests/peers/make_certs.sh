#!/usr/bin/env bash
# make_certs.sh DIR [--force]
#
# Creates test TLS material in DIR with the openssl CLI:
#   ca.pem / ca.key              test CA ("skydash test CA")
#   server.pem / server.key      leaf signed by ca.pem, SAN DNS:localhost, IP:127.0.0.1
#   other-ca.pem / other-ca.key  an unrelated CA (for the wrong-CA test)
# Idempotent: if all files already exist and server.pem verifies against
# ca.pem, nothing is regenerated (pass --force to regenerate).  Files are
# written to a temp dir and moved into place, so readers never see half files.
# Prints nothing on success; exits non-zero with a message on stderr otherwise.
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 DIR [--force]" >&2
    exit 2
fi
DIR=$1
FORCE=${2:-}
mkdir -p "$DIR"

FILES="ca.pem ca.key server.pem server.key other-ca.pem other-ca.key"
if [ "$FORCE" != "--force" ]; then
    all=1
    for f in $FILES; do [ -s "$DIR/$f" ] || all=0; done
    if [ $all = 1 ] && openssl verify -CAfile "$DIR/ca.pem" "$DIR/server.pem" >/dev/null 2>&1; then
        exit 0
    fi
fi

TMP=$(mktemp -d "$DIR/.certs.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export OPENSSL_CONF=/dev/null   # ignore any system config

mkca() {  # name subject
    openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 \
        -keyout "$TMP/$1.key" -out "$TMP/$1.pem" -subj "$2" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" 2>/dev/null
}

mkca ca "/CN=skydash test CA"
mkca other-ca "/CN=skydash unrelated CA"

openssl req -new -newkey rsa:2048 -nodes -sha256 \
    -keyout "$TMP/server.key" -out "$TMP/server.csr" -subj "/CN=localhost" 2>/dev/null

cat > "$TMP/server.ext" <<'EOF'
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
EOF

openssl x509 -req -in "$TMP/server.csr" -CA "$TMP/ca.pem" -CAkey "$TMP/ca.key" \
    -CAcreateserial -days 825 -sha256 -extfile "$TMP/server.ext" \
    -out "$TMP/server.pem" 2>/dev/null

openssl verify -CAfile "$TMP/ca.pem" "$TMP/server.pem" >/dev/null

chmod 600 "$TMP"/*.key
chmod 644 "$TMP"/*.pem
for f in $FILES; do
    mv -f "$TMP/$f" "$DIR/$f"
done
