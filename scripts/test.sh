#!/usr/bin/env bash
# Builds the package and runs every test, interop tests included, on Debian 12 (run as root).
#
# Installs the peer programs the interop tests drive (openssl, gnutls-bin) when they are
# missing, then builds and runs `swift test` with DTLS_INTEROP_REQUIRED=1, so a missing peer
# fails the run instead of skipping tests. Extra arguments go to `swift test`, for example
#   scripts/test.sh --filter DTLSInteropTests
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1; then
    echo "test.sh: no swift on PATH; install a Swift 6.1 or later toolchain first" >&2
    exit 1
fi

packages=()
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
if ! command -v gnutls-serv >/dev/null 2>&1 || ! command -v gnutls-cli >/dev/null 2>&1; then
    packages+=(gnutls-bin)
fi
if ((${#packages[@]} > 0)); then
    if ((EUID != 0)); then
        echo "test.sh: ${packages[*]} missing; run as root to install them" >&2
        exit 1
    fi
    echo "test.sh: installing ${packages[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${packages[@]}"
fi

swift build --build-tests
DTLS_INTEROP_REQUIRED=1 swift test "$@"
