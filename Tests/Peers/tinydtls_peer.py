#!/usr/bin/env python3
"""tinydtls as a DTLS 1.2 echo server or client, for interoperability tests.

tinydtls comes from the dtlssocket package, which compiles it into its extension module.
That module's Python API only offers PSK and IPv6 sessions, so this program calls the
tinydtls C API in the same shared object through ctypes instead; that also reaches
TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with raw public keys (RFC 7250). The ctypes structures
below mirror the headers of tinydtls 0.8.6 as bundled by dtlssocket 0.2.3 on x86_64/arm64
Linux.

Standard output carries only these lines: READY, HANDSHAKE OK <suite>, ECHO <text>,
ERROR <text>. (dtlssocket builds tinydtls with NDEBUG, so tinydtls logs nothing.)
"""

import argparse
import base64
import ctypes
import os
import select
import signal
import socket
import struct
import sys
import time

import DTLSSocket.dtls

PSK_SUITE = (0xC0A8, "TLS_PSK_WITH_AES_128_CCM_8")
ECDSA_SUITE = (0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8")
EVENT_CONNECTED = 0x1DE
ALERT_LEVEL_FATAL = 2
ALERT_BAD_CERTIFICATE = 42
ALERT_DECRYPT_ERROR = 51
PSK_HINT, PSK_IDENTITY, PSK_KEY = 0, 1, 2
ALERT_NAMES = {
    0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
    40: "handshake_failure", 42: "bad_certificate", 43: "unsupported_certificate",
    45: "certificate_expired", 46: "certificate_unknown", 47: "illegal_parameter",
    48: "unknown_ca", 49: "access_denied", 50: "decode_error", 51: "decrypt_error",
    70: "protocol_version", 71: "insufficient_security", 80: "internal_error",
    90: "user_canceled", 100: "no_renegotiation", 110: "unsupported_extension",
    115: "unknown_psk_identity",
}


# ---- tinydtls C API -------------------------------------------------------------------

class SockaddrStorage(ctypes.Union):
    _fields_ = [("raw", ctypes.c_ubyte * 128), ("align", ctypes.c_uint64)]


class Session(ctypes.Structure):
    """session_t: a peer's socket address."""
    _fields_ = [("size", ctypes.c_uint32), ("addr", SockaddrStorage), ("ifindex", ctypes.c_int)]


class EcdsaKey(ctypes.Structure):
    """dtls_ecdsa_key_t: a P-256 key pair as big-endian 32-byte numbers."""
    _fields_ = [("curve", ctypes.c_int), ("priv_key", ctypes.c_char_p),
                ("pub_key_x", ctypes.c_char_p), ("pub_key_y", ctypes.c_char_p)]


class UserParameters(ctypes.Structure):
    """dtls_user_parameters_t: the suites to offer or accept, 0-terminated."""
    _fields_ = [("cipher_suites", ctypes.c_int * 5),
                ("force_extended_master_secret", ctypes.c_uint, 1),
                ("force_renegotiation_info", ctypes.c_uint, 1)]


class Context(ctypes.Structure):
    """The start of dtls_context_t, up to its handler pointer."""
    _fields_ = [("cookie_secret", ctypes.c_ubyte * 12), ("cookie_secret_age", ctypes.c_uint32),
                ("peers", ctypes.c_void_p), ("sendqueue", ctypes.c_void_p),
                ("app", ctypes.c_void_p), ("h", ctypes.c_void_p)]


CTX = ctypes.POINTER(Context)
SESSION = ctypes.POINTER(Session)
BYTES = ctypes.POINTER(ctypes.c_ubyte)
WRITE = ctypes.CFUNCTYPE(ctypes.c_int, CTX, SESSION, BYTES, ctypes.c_size_t)
EVENT = ctypes.CFUNCTYPE(ctypes.c_int, CTX, SESSION, ctypes.c_int, ctypes.c_ushort)
USER_PARAMETERS = ctypes.CFUNCTYPE(None, CTX, SESSION, ctypes.POINTER(UserParameters))
PSK_INFO = ctypes.CFUNCTYPE(ctypes.c_int, CTX, SESSION, ctypes.c_int, BYTES, ctypes.c_size_t,
                            BYTES, ctypes.c_size_t)
ECDSA_KEY = ctypes.CFUNCTYPE(ctypes.c_int, CTX, SESSION, ctypes.POINTER(ctypes.POINTER(EcdsaKey)))
VERIFY_KEY = ctypes.CFUNCTYPE(ctypes.c_int, CTX, SESSION, BYTES, BYTES, ctypes.c_size_t)


class Handler(ctypes.Structure):
    """dtls_handler_t; a NULL callback disables its feature (PSK, ECDSA, client auth)."""
    _fields_ = [("write", WRITE), ("read", WRITE), ("event", EVENT),
                ("get_user_parameters", USER_PARAMETERS), ("get_psk_info", PSK_INFO),
                ("get_ecdsa_key", ECDSA_KEY), ("verify_ecdsa_key", VERIFY_KEY)]


lib = ctypes.CDLL(DTLSSocket.dtls.__file__)
lib.dtls_new_context.restype = CTX
lib.dtls_new_context.argtypes = [ctypes.c_void_p]
for name in ("dtls_connect", "dtls_close"):
    getattr(lib, name).argtypes = [CTX, SESSION]
lib.dtls_write.argtypes = [CTX, SESSION, ctypes.c_char_p, ctypes.c_size_t]
lib.dtls_handle_message.argtypes = [CTX, SESSION, ctypes.c_char_p, ctypes.c_int]
lib.dtls_check_retransmit.argtypes = [CTX, ctypes.POINTER(ctypes.c_uint32)]
lib.dtls_ticks.argtypes = [ctypes.POINTER(ctypes.c_uint32)]
lib.dtls_package_version.restype = ctypes.c_char_p
TINYDTLS_VERSION = "0.8.6"  # the structures above match this version's headers


def session_for(address):
    """The session_t for a Python socket address tuple."""
    session = Session()
    if len(address) == 2:
        raw = struct.pack("=H", socket.AF_INET) + struct.pack("!H", address[1])
        raw += socket.inet_pton(socket.AF_INET, address[0])
        session.size = 16
    else:
        raw = struct.pack("=H", socket.AF_INET6) + struct.pack("!HI", address[1], 0)
        raw += socket.inet_pton(socket.AF_INET6, address[0]) + struct.pack("=I", address[3])
        session.size = 28
    ctypes.memmove(session.addr.raw, raw, len(raw))
    return session


def address_of(session):
    """The Python socket address tuple of a session_t."""
    raw = bytes(session.addr.raw)
    (family,) = struct.unpack_from("=H", raw)
    (port,) = struct.unpack_from("!H", raw, 2)
    if family == socket.AF_INET:
        return (socket.inet_ntop(socket.AF_INET, raw[4:8]), port)
    (scope,) = struct.unpack_from("=I", raw, 24)
    return (socket.inet_ntop(socket.AF_INET6, raw[8:24]), port, 0, scope)


def alert_text(error):
    """Describes a tinydtls error code, -(level << 8 | description) for alerts."""
    code = -error
    if code >> 8 in (1, 2):
        return ALERT_NAMES.get(code & 0xFF, "alert %d" % (code & 0xFF))
    return "error %d" % error


# ---- keys -----------------------------------------------------------------------------

P256_OID = bytes.fromhex("06082a8648ce3d030107")


def der_items(data):
    """Yields (tag, contents) for each DER element in data."""
    i = 0
    while i < len(data):
        tag, length = data[i], data[i + 1]
        i += 2
        if length & 0x80:
            count = length & 0x7F
            length = int.from_bytes(data[i:i + count], "big")
            i += count
        yield tag, data[i:i + length]
        i += length


def pem_key(path):
    """(BEGIN line, DER) of the first key in a PEM file (EC PARAMETERS blocks are skipped)."""
    lines = open(path).read().splitlines()
    begin = next((i for i, line in enumerate(lines) if line.startswith("-----BEGIN") and "KEY" in line), None)
    if begin is None:
        raise ValueError("%s holds no PEM key" % path)
    end = next(i for i in range(begin, len(lines)) if lines[i].startswith("-----END"))
    return lines[begin], base64.b64decode("".join(lines[begin + 1:end]))


def point_xy(bit_string):
    """x and y of an uncompressed P-256 point in a BIT STRING's contents."""
    if len(bit_string) != 66 or bit_string[:2] != b"\x00\x04":
        raise ValueError("not an uncompressed P-256 public key")
    return bit_string[2:34], bit_string[34:]


def load_private_key(path):
    """(d, x, y) from a PKCS#8 or SEC1 PEM P-256 private key (OpenSSL includes x and y)."""
    header, der = pem_key(path)
    if P256_OID not in der:
        raise ValueError("%s is not a P-256 key" % path)
    (_, body), = der_items(der)
    if "EC PRIVATE KEY" not in header:  # PKCS#8 wraps the SEC1 ECPrivateKey in an OCTET STRING
        (_, body), = der_items(next(v for t, v in der_items(body) if t == 0x04))
    items = dict(der_items(body))
    if 0xA1 not in items:
        raise ValueError("%s lacks the public key" % path)
    (_, bits), = der_items(items[0xA1])
    return (items[0x04],) + point_xy(bits)


def load_public_key(path):
    """(x, y) from a PEM SubjectPublicKeyInfo of a P-256 key."""
    _, der = pem_key(path)
    if P256_OID not in der:
        raise ValueError("%s is not a P-256 key" % path)
    (_, body), = der_items(der)
    return point_xy(next(v for t, v in der_items(body) if t == 0x03))


# ---- the peer -------------------------------------------------------------------------

class Peer:
    """One tinydtls context on one UDP socket."""

    def __init__(self, sock, args):
        self.sock, self.args = sock, args
        self.suite = PSK_SUITE if args.psk else ECDSA_SUITE
        self.connected = []  # addresses whose handshake completed, in order
        self.received = []  # (address, bytes) application records
        self.alerts = []  # (address, level, description) alerts received
        self.failure = None  # a socket error, such as ICMP port unreachable
        self.fatal_alerts_sent = []  # descriptions of unencrypted fatal alerts sent
        self.handler = Handler(write=WRITE(self.on_write), read=WRITE(self.on_read),
                               event=EVENT(self.on_event),
                               get_user_parameters=USER_PARAMETERS(self.on_parameters))
        if args.psk:
            self.handler.get_psk_info = PSK_INFO(self.on_psk_info)
        else:
            if args.ecdsa_key:
                d, x, y = load_private_key(args.ecdsa_key)
                self.key = EcdsaKey(0, d, x, y)  # 0: secp256r1
                self.handler.get_ecdsa_key = ECDSA_KEY(self.on_get_key)
            if args.peer_key:
                self.peer_key = b"".join(load_public_key(args.peer_key))
                self.handler.verify_ecdsa_key = VERIFY_KEY(self.on_verify_key)
        lib.dtls_init()
        self.ctx = lib.dtls_new_context(None)
        self.ctx.contents.h = ctypes.cast(ctypes.pointer(self.handler), ctypes.c_void_p)

    # Callbacks from tinydtls. They must not raise: ctypes would print and swallow it.

    def on_write(self, ctx, session, data, length):
        record = ctypes.string_at(data, length)
        plaintext_alert = len(record) == 15 and record[0] == 21 and record[3:5] == b"\0\0"
        if plaintext_alert and record[13] == ALERT_LEVEL_FATAL:
            self.fatal_alerts_sent.append(ALERT_NAMES.get(record[14], str(record[14])))
        try:
            return self.sock.sendto(record, address_of(session.contents))
        except OSError as error:
            self.failure = error.strerror
            return -1

    def on_read(self, ctx, session, data, length):
        self.received.append((address_of(session.contents), ctypes.string_at(data, length)))
        return 0

    def on_event(self, ctx, session, level, code):
        if level == 0 and code == EVENT_CONNECTED:
            self.connected.append(address_of(session.contents))
        elif level != 0:
            self.alerts.append((address_of(session.contents), level, ALERT_NAMES.get(code, str(code))))
        return 0

    def on_parameters(self, ctx, session, parameters):
        parameters.contents.cipher_suites[0] = self.suite[0]
        parameters.contents.cipher_suites[1] = 0

    def on_psk_info(self, ctx, session, kind, desc, desc_length, result, result_length):
        if kind == PSK_IDENTITY:
            value = self.args.psk_identity.encode()
        elif kind == PSK_KEY:
            if ctypes.string_at(desc, desc_length) != self.args.psk_identity.encode():
                return -(ALERT_LEVEL_FATAL << 8 | ALERT_DECRYPT_ERROR)
            value = self.args.psk
        else:  # PSK_HINT: none
            return 0
        if len(value) > result_length:
            return -1
        ctypes.memmove(result, value, len(value))
        return len(value)

    def on_get_key(self, ctx, session, result):
        result[0] = ctypes.pointer(self.key)
        return 0

    def on_verify_key(self, ctx, session, x, y, size):
        if ctypes.string_at(x, size) + ctypes.string_at(y, size) == self.peer_key:
            return 0
        return -(ALERT_LEVEL_FATAL << 8 | ALERT_BAD_CERTIFICATE)

    # Driving tinydtls.

    def next_retransmission(self):
        """Seconds until tinydtls wants to retransmit, after retransmitting what is due."""
        due, now = ctypes.c_uint32(0), ctypes.c_uint32(0)
        lib.dtls_check_retransmit(self.ctx, ctypes.byref(due))
        if due.value == 0:
            return None
        lib.dtls_ticks(ctypes.byref(now))
        milliseconds = (due.value - now.value) & 0xFFFFFFFF  # 32-bit tick counter
        return 0 if milliseconds >= 1 << 31 else milliseconds / 1000

    def receive(self, timeout, wakeup=None):
        """Waits up to timeout seconds for a datagram and hands it to tinydtls.

        Returns tinydtls' result (negative: the handshake failed with that alert), or 0."""
        retransmit = self.next_retransmission()
        if retransmit is not None and (timeout is None or retransmit < timeout):
            timeout = retransmit
        readable, _, _ = select.select([self.sock] + ([wakeup] if wakeup else []), [], [], timeout)
        if self.sock not in readable:
            return 0
        try:
            data, address = self.sock.recvfrom(65535)
        except OSError as error:
            self.failure = error.strerror
            return 0
        return lib.dtls_handle_message(self.ctx, session_for(address), data, len(data))


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_server(peer):
    stop = []
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.append(True))
    say("READY")
    sessions = set()
    while not stop:
        result = peer.receive(None, wake_read)
        if result < 0:
            say("ERROR handshake failed: %s" % alert_text(result))
        elif peer.fatal_alerts_sent:  # a ClientHello refused without a result code
            say("ERROR handshake failed: sent %s" % peer.fatal_alerts_sent[0])
        peer.fatal_alerts_sent = []
        for address in peer.connected:
            sessions.add(address)
            say("HANDSHAKE OK %s" % peer.suite[1])
        for address, level, name in peer.alerts:
            if level == ALERT_LEVEL_FATAL:
                say("ERROR alert received: %s" % name)
            sessions.discard(address)
        for address, data in peer.received:
            if lib.dtls_write(peer.ctx, session_for(address), data, len(data)) < 0:
                say("ERROR tinydtls cannot echo %d bytes in one record" % len(data))
        peer.connected, peer.alerts, peer.received = [], [], []
    for address in sessions:
        lib.dtls_close(peer.ctx, session_for(address))
    return 0


def run_client(peer, address):
    message = peer.args.message.encode()
    session = session_for(address)
    if lib.dtls_connect(peer.ctx, session) < 0:
        say("ERROR cannot start the handshake")
        return 1
    deadline = time.monotonic() + peer.args.timeout
    echo, handshake_done = b"", False
    while time.monotonic() < deadline:
        result = peer.receive(deadline - time.monotonic())
        if result < 0 and not handshake_done:
            say("ERROR handshake failed: %s" % alert_text(result))
            return 1
        if peer.failure:
            say("ERROR %s" % peer.failure)
            return 1
        for _, level, name in peer.alerts:
            if level == ALERT_LEVEL_FATAL or name == "close_notify":
                say("ERROR alert received: %s" % name)
                return 1
        if peer.connected and not handshake_done:
            handshake_done = True
            say("HANDSHAKE OK %s" % peer.suite[1])
            if lib.dtls_write(peer.ctx, session, message, len(message)) < 0:
                say("ERROR tinydtls cannot send %d bytes in one record" % len(message))
                return 1
        echo += b"".join(data for _, data in peer.received)
        peer.connected, peer.alerts, peer.received = [], [], []
        if handshake_done and len(echo) >= len(message):
            say("ECHO %s" % echo.decode(errors="replace"))
            lib.dtls_close(peer.ctx, session)
            return 0
    say("ERROR timeout after %g s %s" % (
        peer.args.timeout, "waiting for the echo" if handshake_done else "during the handshake"))
    return 1


def run_line_client(peer, address):
    """Without --message: sends each line of standard input (without its line feed) as one
    record once the handshake is done, and prints ECHO <text> for every record received,
    until standard input ends."""
    session = session_for(address)
    if lib.dtls_connect(peer.ctx, session) < 0:
        say("ERROR cannot start the handshake")
        return 1
    deadline = time.monotonic() + peer.args.timeout
    lines, partial, handshake_done, input_open = [], b"", False, True
    while True:
        timeout = None
        if not handshake_done:
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                say("ERROR timeout after %g s during the handshake" % peer.args.timeout)
                return 1
        result = peer.receive(timeout, sys.stdin.buffer if input_open else None)
        if result < 0 and not handshake_done:
            say("ERROR handshake failed: %s" % alert_text(result))
            return 1
        if peer.failure:
            say("ERROR %s" % peer.failure)
            return 1
        for _, level, name in peer.alerts:
            if level == ALERT_LEVEL_FATAL or name == "close_notify":
                say("ERROR alert received: %s" % name)
                return 1
        if peer.connected and not handshake_done:
            handshake_done = True
            say("HANDSHAKE OK %s" % peer.suite[1])
        for _, data in peer.received:
            say("ECHO %s" % data.decode(errors="replace"))
        peer.connected, peer.alerts, peer.received = [], [], []
        if input_open and select.select([sys.stdin.buffer], [], [], 0)[0]:
            chunk = os.read(sys.stdin.fileno(), 65536)
            input_open = bool(chunk)
            *complete, partial = (partial + chunk).split(b"\n")
            lines += complete
        if handshake_done:
            for line in lines:
                if lib.dtls_write(peer.ctx, session, line, len(line)) < 0:
                    say("ERROR tinydtls cannot send %d bytes in one record" % len(line))
                    return 1
            lines = []
            if not input_open:
                lib.dtls_close(peer.ctx, session)
                return 0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    roles = parser.add_subparsers(dest="role", required=True)
    server = roles.add_parser("server", help="echo server")
    client = roles.add_parser("client", help="send --message (or each line of standard input) and wait for its echo")
    client.add_argument("--message", help="without it, send each line of standard input and print every record received")
    client.add_argument("--timeout", type=float, default=10, help="seconds (default 10); without --message, for the handshake")
    for role in (server, client):
        role.add_argument("--port", type=int, required=True)
        role.add_argument("--host", default="127.0.0.1", help="address (default %(default)s); IPv6 works too")
        role.add_argument("--psk-identity", default="Client_identity")
        role.add_argument("--psk", type=bytes.fromhex, help="hex key, at most 16 bytes (PSK suite)")
        role.add_argument("--ecdsa-key", help="own P-256 private key, PEM (ECDHE-ECDSA suite)")
        role.add_argument("--peer-key", help="the peer's P-256 public key (SubjectPublicKeyInfo PEM) to pin")
    args = parser.parse_args()
    if bool(args.psk) == bool(args.ecdsa_key or args.peer_key):
        parser.error("give either --psk or --ecdsa-key/--peer-key")
    if args.psk and len(args.psk) > 16:
        parser.error("tinydtls takes PSKs of at most 16 bytes")
    if args.role == "server" and not args.psk and not args.ecdsa_key:
        parser.error("an ECDSA server needs --ecdsa-key (and --peer-key for client authentication)")
    if args.role == "client" and not args.psk and not args.peer_key:
        parser.error("an ECDSA client needs --peer-key to check the server's key")
    return args


def main():
    args = parse_arguments()
    version = lib.dtls_package_version().decode()
    if version != TINYDTLS_VERSION:
        say("ERROR dtlssocket bundles tinydtls %s, this program needs %s" % (version, TINYDTLS_VERSION))
        return 1
    try:
        family, _, _, _, address = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_DGRAM)[0]
        sock = socket.socket(family, socket.SOCK_DGRAM)
        peer = Peer(sock, args)
        if args.role == "server":
            sock.bind(address)
            return run_server(peer)
        sock.connect(address)  # so that ICMP port unreachable ends the client at once
        return (run_client if args.message is not None else run_line_client)(peer, address)
    except (OSError, ValueError) as error:
        say("ERROR %s" % error)
        return 1


if __name__ == "__main__":
    sys.exit(main())
