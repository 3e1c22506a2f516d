#!/usr/bin/env bash
# Builds mbed TLS's DTLS test programs ssl_server2 and ssl_client2 for the connection ID
# (RFC 9146) interop tests, from Debian's source packages:
#
#   DIR/mbedtls36/bin/ssl_server2, ssl_client2       mbed TLS 3.6 (trixie source): RFC 9146
#                                                     connection IDs, extension 54
#   DIR/mbedtls228-cid/bin/ssl_server2, ssl_client2  with --legacy only: mbed TLS 2.28 (bookworm
#                                                     source) built with
#                                                     MBEDTLS_SSL_DTLS_CONNECTION_ID: the
#                                                     draft-ietf-tls-dtls-connection-id-05 CID,
#                                                     extension 254
#
# DIR defaults to .build-peers at the repository root, which git ignores (.build-*/). The
# source trees stay in DIR/mbedtls36/mbedtls-3.6.*/ and DIR/mbedtls228-cid/mbedtls-2.28.*/.
#
# On Debian 12, as root. When the programs are missing, it
#   - adds a deb-src entry for the bookworm and trixie main sources, with the URI and keyring
#     of the machine's own Debian archive entry, in
#     /etc/apt/sources.list.d/swift-dtls-peers-src.sources (unless such entries exist already),
#   - runs apt-get update and installs build-essential (and python3 for --legacy) if missing,
#   - fetches the sources with apt-get source and builds the two programs with make.
# When they exist already it changes nothing. Either way it prints the programs' absolute
# paths on standard output, one per line; progress goes to standard error.
#
# Usage: build_mbedtls36.sh [--legacy] [DIR]
# Environment: MAKE_JOBS (default: the number of CPUs).
set -euo pipefail

usage() {
    echo "usage: $0 [--legacy] [DIR]" >&2
    exit 2
}

legacy=0
dir=
while (($# > 0)); do
    case $1 in
    --legacy) legacy=1 ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
        [[ -z $dir ]] || usage
        dir=$1
        ;;
    esac
    shift
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${dir:-$root/.build-peers}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

jobs=${MAKE_JOBS:-$(nproc)}
sources_file=/etc/apt/sources.list.d/swift-dtls-peers-src.sources

log() { echo "build_mbedtls36: $*" >&2; }

# programs_exist DEST: whether DEST/bin holds both programs.
programs_exist() {
    [[ -x $1/bin/ssl_server2 && -x $1/bin/ssl_client2 ]]
}

# archive_entry: prints the URI of the machine's Debian archive entry for its own release
# (the binary entry apt uses for "CODENAME main") and, on a second line, its Signed-By
# keyring file, empty when the entry names none.
archive_entry() {
    local codename site entry file keyring=
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    # "Release Component Site Sourcesentry" of every configured binary index.
    read -r site entry < <(
        apt-get indextargets --no-release-info 'Identifier: Packages' \
            --format '$(RELEASE) $(COMPONENT) $(SITE) $(SOURCESENTRY)' |
            awk -v release="$codename" '$1 == release && $2 == "main" { print $3, $4; exit }'
    ) || true
    if [[ -z ${site:-} ]]; then
        echo http://deb.debian.org/debian
        [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] &&
            echo /usr/share/keyrings/debian-archive-keyring.gpg
        return
    fi
    file=${entry%:*}
    if [[ $file == *.sources ]]; then
        # deb822: the stanza whose URIs hold the site and whose Suites hold the release.
        keyring=$(awk -v site="${site%/}" -v release="$codename" '
            BEGIN { RS = ""; FS = "\n" }
            {
                uris = suites = signed = ""
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^#/ || !match($i, /^[A-Za-z-]+:/)) continue
                    key = tolower(substr($i, 1, RLENGTH - 1))
                    value = substr($i, RLENGTH + 1)
                    gsub(/^[ \t]+|[ \t]+$/, "", value)
                    if (key == "uris") uris = value
                    else if (key == "suites") suites = value
                    else if (key == "signed-by") signed = value
                }
                gsub(/\/+( |$)/, " ", uris)
                if (index(" " uris " ", " " site " ") && index(" " suites " ", " " release " ")) {
                    if (signed ~ /^\//) print signed
                    exit
                }
            }' "$file")
    elif [[ -f $file ]]; then
        # One-line format: deb [signed-by=FILE ...] URI SUITE COMPONENTS.
        keyring=$(sed -n "${entry##*:}p" "$file" | sed -n 's/.*signed-by=\([^] ]*\).*/\1/p')
    fi
    echo "$site"
    echo "$keyring"
}

# has_source_entries: whether apt already knows deb-src indexes for bookworm and trixie main.
has_source_entries() {
    local targets
    targets=$(apt-get indextargets --no-release-info 'Identifier: Sources' --format '$(RELEASE) $(COMPONENT)')
    grep -qx 'bookworm main' <<<"$targets" && grep -qx 'trixie main' <<<"$targets"
}

apt_ready=0
# prepare_apt: the deb-src entry, apt-get update and the build dependencies, once per run.
prepare_apt() {
    ((apt_ready)) && return
    if ((EUID != 0)); then
        log "the programs are missing and adding a deb-src entry needs root; run as root"
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if [[ ! -f $sources_file ]] && ! has_source_entries; then
        local site keyring
        { read -r site && read -r keyring; } < <(archive_entry) || true
        log "adding $sources_file (deb-src $site bookworm trixie main)"
        {
            echo "# Source packages for Tests/Peers/build_mbedtls36.sh (swift-dtls interop tests)."
            echo "Types: deb-src"
            echo "URIs: $site"
            echo "Suites: bookworm trixie"
            echo "Components: main"
            [[ -z ${keyring:-} ]] || echo "Signed-By: $keyring"
        } >"$sources_file"
    fi
    local start=$SECONDS
    apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
    local packages=()
    dpkg-query -W -f='${Status}\n' build-essential 2>/dev/null | grep -q 'ok installed' ||
        packages+=(build-essential)
    if ((legacy)) && ! command -v python3 >/dev/null 2>&1; then
        packages+=(python3)
    fi
    if ((${#packages[@]} > 0)); then
        log "installing ${packages[*]}"
        apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${packages[@]}" >&2
    fi
    log "apt ready in $((SECONDS - start)) s"
    apt_ready=1
}

# fetch SPEC DEST PREFIX: unpacks the source package SPEC (such as mbedtls/trixie) into DEST
# unless done already, checks that its tree is mbedtls-PREFIX*, and sets tree to its path.
fetch() {
    local spec=$1 dest=$2 prefix=$3
    if [[ ! -f $dest/.unpacked ]]; then
        prepare_apt
        rm -rf "$dest"
        mkdir -p "$dest"
        local start=$SECONDS
        # APT::Sandbox::User=root: the _apt user may not be able to write into DEST.
        (cd "$dest" && apt-get -o APT::Sandbox::User=root source -qq "$spec" >&2)
        touch "$dest/.unpacked"
        log "fetched $spec in $((SECONDS - start)) s"
    fi
    tree=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name "mbedtls-$prefix*" | sort -V | tail -n 1)
    if [[ -z $tree ]]; then
        log "$spec did not unpack an mbedtls-$prefix* tree in $dest:"
        ls "$dest" >&2
        exit 1
    fi
}

# build TREE DEST [CONFIG_SYMBOL...]: sets the symbols with scripts/config.py, builds the two
# programs in TREE and copies them to DEST/bin. The make output goes to DEST/build.log.
build() {
    local tree=$1 dest=$2 symbol start=$SECONDS
    shift 2
    for symbol in "$@"; do
        (cd "$tree" && python3 scripts/config.py set "$symbol")
    done
    log "building $(basename "$tree") (make -j$jobs, log in $dest/build.log)"
    if ! {
        make -C "$tree/library" -j"$jobs" &&
            make -C "$tree/programs" -j"$jobs" ssl/ssl_server2 ssl/ssl_client2
    } >"$dest/build.log" 2>&1; then
        tail -n 30 "$dest/build.log" >&2
        log "build failed; see $dest/build.log"
        exit 1
    fi
    mkdir -p "$dest/bin"
    install -m 755 "$tree/programs/ssl/ssl_server2" "$tree/programs/ssl/ssl_client2" "$dest/bin/"
    log "built $(basename "$tree") in $((SECONDS - start)) s"
}

current=$dir/mbedtls36
if ! programs_exist "$current"; then
    fetch mbedtls/trixie "$current" 3.6.
    build "$tree" "$current"
fi
echo "$current/bin/ssl_server2"
echo "$current/bin/ssl_client2"

if ((legacy)); then
    old=$dir/mbedtls228-cid
    if ! programs_exist "$old"; then
        fetch mbedtls/bookworm "$old" 2.28.
        build "$tree" "$old" MBEDTLS_SSL_DTLS_CONNECTION_ID
    fi
    echo "$old/bin/ssl_server2"
    echo "$old/bin/ssl_client2"
fi
