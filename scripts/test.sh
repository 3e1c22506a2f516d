#!/usr/bin/env bash
# Builds the package and runs every test, interop tests included, on Debian 12 (run as root).
#
# Installs the peers the interop tests drive when they are missing: openssl, gnutls-bin and
# libcoap3-bin (libcoap's example client and server) from apt, and the Python packages behind Tests/Peers (dtlssocket for tinydtls, built from
# source with the apt packages build-essential, autoconf, automake, libtool and pkg-config;
# python-mbedtls for mbed TLS) with pip. When pip refuses to install into python3 (a Debian
# python3 is "externally managed"), they go into a virtual environment in .build-peers/venv
# instead, and DTLS_PEER_PYTHON tells the tests to use its interpreter. Then builds and runs
# `swift test` with DTLS_INTEROP_REQUIRED=1, so a missing peer fails the run instead of
# skipping tests. Then runs the non-interop tests once more under AddressSanitizer and each
# fuzz target briefly. Extra arguments go to the first `swift test` (and skip the rest), e.g.
#   scripts/test.sh --filter DTLSInteropTests
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1; then
    echo "test.sh: no swift on PATH; install a Swift 6.1 or later toolchain first" >&2
    exit 1
fi

python_peers=(dtlssocket==0.2.3 python-mbedtls==2.10.1)
python_peer_modules='import DTLSSocket.dtls, mbedtls'
peer_venv=.build-peers/venv

# Whether python interpreter $1 can run the Python peers.
has_python_peers() {
    "$1" -c "$python_peer_modules" >/dev/null 2>&1
}

need_python_peers=0
if [[ -x $peer_venv/bin/python3 ]] && has_python_peers "$peer_venv/bin/python3"; then
    export DTLS_PEER_PYTHON="$PWD/$peer_venv/bin/python3"
elif ! has_python_peers python3; then
    need_python_peers=1
fi

packages=()
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
if ! command -v gnutls-serv >/dev/null 2>&1 || ! command -v gnutls-cli >/dev/null 2>&1; then
    packages+=(gnutls-bin)
fi
for program in coap-client-openssl coap-client-gnutls coap-server-openssl coap-server-gnutls; do
    if ! command -v "$program" >/dev/null 2>&1; then
        packages+=(libcoap3-bin)
        break
    fi
done
if ((need_python_peers)); then
    packages+=(build-essential autoconf automake libtool pkg-config)
    command -v python3 >/dev/null 2>&1 || packages+=(python3 python3-dev python3-venv)
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

if ((need_python_peers)); then
    echo "test.sh: installing ${python_peers[*]}" >&2
    pip_log=$(mktemp)
    trap 'rm -f "$pip_log"' EXIT
    if ! python3 -m pip install --root-user-action=ignore "${python_peers[@]}" 2>&1 | tee "$pip_log"; then
        if ! grep -q externally-managed-environment "$pip_log"; then
            echo "test.sh: pip could not install ${python_peers[*]}" >&2
            exit 1
        fi
        echo "test.sh: python3 is externally managed; installing into $peer_venv" >&2
        apt-get install -y --no-install-recommends python3-dev python3-venv
        python3 -m venv "$peer_venv"
        "$peer_venv/bin/python3" -m pip install "${python_peers[@]}"
        export DTLS_PEER_PYTHON="$PWD/$peer_venv/bin/python3"
    fi
fi

# mbed TLS 3.6 and 2.28 (ssl_server2, ssl_client2) for the connection ID tests, built from
# Debian source packages into .build-peers; returns at once when they exist.
Tests/Peers/build_mbedtls36.sh --legacy >/dev/null
swift build --build-tests
DTLS_INTEROP_REQUIRED=1 swift test "$@"

# The engine, NIO and command-line tests again under AddressSanitizer and LeakSanitizer, in
# their own build directory (the interop tests exercise the same code with real peers and are
# left out); then every fuzz target for 20 seconds (FuzzTesting/run.sh; about 5 minutes with
# its build). DTLS_QUICK=1 skips both for a quicker local run; so do extra arguments.
if [[ ${DTLS_QUICK:-0} != 1 && $# -eq 0 ]]; then
    export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    swift build --build-tests --sanitize=address --scratch-path .build-asan
    swift test --skip-build --sanitize=address --scratch-path .build-asan --skip DTLSInteropTests
    FuzzTesting/run.sh 20
fi
