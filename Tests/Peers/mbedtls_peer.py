#!/usr/bin/env python3
"""mbed TLS 2.28 (from the python-mbedtls package) as a DTLS 1.2 echo server or client.

Suites: TLS_PSK_WITH_AES_128_CCM_8 with --psk, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with
certificates. The program owns the UDP socket and feeds mbed TLS one datagram at a time
through python-mbedtls' buffer API, calling the handshake again every 50 ms so that
mbed TLS retransmits on its own timer (1 s, doubling).

Standard output carries only these lines: READY, HANDSHAKE OK <suite>, ECHO <text>,
ERROR <text>.
"""

import argparse
import os
import select
import signal
import socket
import sys
import time

from mbedtls import pk, tls, x509
from mbedtls.exceptions import TLSError

POLL = 0.05  # seconds between handshake steps while waiting, for retransmission timers
PEER_CLOSE_NOTIFY = 0x7880  # mbed TLS error codes, negated
CLIENT_RECONNECT = 0x6780  # a new ClientHello from the address of an established session


def iana_name(suite):
    """TLS-PSK-WITH-AES-128-CCM-8 -> TLS_PSK_WITH_AES_128_CCM_8."""
    return suite.replace("-", "_")


def is_client_hello(datagram):
    """Whether a datagram starts with a ClientHello record: handshake (22), epoch 0, type 1."""
    return len(datagram) > 13 and datagram[0] == 22 and datagram[3:5] == b"\0\0" and datagram[13] == 1


def read_chain(path):
    """The certificates in a PEM file, in order."""
    blocks = open(path).read().split("-----END CERTIFICATE-----")[:-1]
    return tuple(x509.CRT.from_PEM(block + "-----END CERTIFICATE-----\n") for block in blocks)


def configuration(args):
    options = dict(
        lowest_supported_version=tls.DTLSVersion.DTLSv1_2,
        highest_supported_version=tls.DTLSVersion.DTLSv1_2,
        handshake_timeout_min=1.0,
        handshake_timeout_max=16.0,
    )
    if args.psk is not None:
        options["ciphers"] = ("TLS-PSK-WITH-AES-128-CCM-8",)
        if args.role == "server":
            options["pre_shared_key_store"] = {args.psk_identity: args.psk}
        else:
            options["pre_shared_key"] = (args.psk_identity, args.psk)
        options["validate_certificates"] = False
        return tls.DTLSConfiguration(**options)
    options["ciphers"] = ("TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8",)
    if args.cert:
        options["certificate_chain"] = (read_chain(args.cert), pk.ECC.from_file(args.key))
    if args.ca:
        options["trust_store"] = tls.TrustStore.from_pem_file(args.ca)
    # A client always verifies the server. A server always sends a CertificateRequest
    # (python-mbedtls cannot turn it off); it insists on a valid client certificate only
    # with --require-client-cert.
    options["validate_certificates"] = args.role == "client" or args.require_client_cert
    return tls.DTLSConfiguration(**options)


class Connection:
    """One mbed TLS session with one peer address."""

    def __init__(self, sock, address, buffer):
        self.sock, self.address, self.buffer = sock, address, buffer

    @property
    def established(self):
        return self.buffer._handshake_state is tls.HandshakeStep.HANDSHAKE_OVER

    def flush(self):
        """Sends what mbed TLS wrote (one or more whole records) in one datagram."""
        data = self.buffer.peek_outgoing(1 << 16)
        if data:
            self.sock.sendto(data, self.address)
            self.buffer.consume_outgoing(len(data))

    def handshake(self):
        """Runs handshake steps until mbed TLS needs input. Returns True once complete.

        Raises HelloVerifyRequest after sending one, or TLSError when the handshake fails."""
        try:
            while not self.established:
                try:
                    self.buffer.do_handshake()
                except tls.WantWriteError:
                    pass
                except tls.WantReadError:
                    return False
                finally:
                    self.flush()
            return True
        finally:
            self.flush()

    def read(self):
        """Application data in what was fed so far (b"" if none); TLSError on alerts."""
        data, chunk = b"", bytearray(1 << 14)
        try:
            while True:
                try:
                    data += chunk[:self.buffer.readinto(chunk, len(chunk))]
                except tls.WantReadError:
                    return data
        finally:
            self.flush()

    def write(self, data):
        self.buffer.write(data)
        self.flush()

    def close(self):
        try:
            self.buffer.shutdown()
            self.flush()
        except (TLSError, OSError):
            pass


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def describe(error):
    return error.msg or type(error).__name__


def run_server(args, sock, context):
    connections = {}
    stop = []
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.append(True))
    say("READY")

    def handshake(connection):
        try:
            if connection.handshake():
                say("HANDSHAKE OK %s" % iana_name(connection.buffer.cipher()))
                return True
        except tls.HelloVerifyRequest:
            # Stateless cookie exchange: the retry starts a fresh connection.
            del connections[connection.address]
        except TLSError as error:
            say("ERROR handshake failed: %s" % describe(error))
            del connections[connection.address]
        return False

    def on_datagram(data, address):
        connection = connections.get(address)
        if connection is None:
            if not is_client_hello(data):
                return  # stray datagram, or a flight of a connection given up on
            connection = Connection(sock, address, context.wrap_buffers())
            connection.buffer.setcookieparam(("%s %d" % address[:2]).encode())
            connections[address] = connection
        connection.buffer.receive_from_network(data)
        if not connection.established and not handshake(connection):
            return
        try:
            received = connection.read()
        except TLSError as error:
            del connections[address]
            if error.err == CLIENT_RECONNECT:
                on_datagram(data, address)  # its ClientHello starts a new connection
            elif error.err != PEER_CLOSE_NOTIFY:
                say("ERROR connection failed: %s" % describe(error))
            return
        if received:
            connection.write(received)

    while not stop:
        pending = [c for c in connections.values() if not c.established]
        readable, _, _ = select.select([sock, wake_read], [], [], POLL if pending else None)
        for connection in pending:  # lets mbed TLS retransmit when its timer expired
            handshake(connection)
        if sock in readable:
            on_datagram(*sock.recvfrom(1 << 16))
    for connection in connections.values():
        connection.close()
    return 0


def run_client(args, sock, context):
    server_name = args.server_name if args.psk is None else None
    connection = Connection(sock, sock.getpeername(), context.wrap_buffers(server_name))
    message = args.message.encode()
    deadline = time.monotonic() + args.timeout
    echo = b""
    try:
        while not connection.handshake():
            if time.monotonic() >= deadline:
                say("ERROR timeout after %g s during the handshake" % args.timeout)
                return 1
            readable, _, _ = select.select([sock], [], [], POLL)
            if readable:
                connection.buffer.receive_from_network(sock.recv(1 << 16))
        say("HANDSHAKE OK %s" % iana_name(connection.buffer.cipher()))
        connection.write(message)
        while len(echo) < len(message):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                say("ERROR timeout after %g s waiting for the echo" % args.timeout)
                return 1
            readable, _, _ = select.select([sock], [], [], remaining)
            if readable:
                connection.buffer.receive_from_network(sock.recv(1 << 16))
                echo += connection.read()
    except TLSError as error:
        say("ERROR %s" % describe(error))
        return 1
    except OSError as error:  # ICMP port unreachable, for example
        say("ERROR %s" % error.strerror)
        return 1
    say("ECHO %s" % echo.decode(errors="replace"))
    connection.close()
    return 0


def run_line_client(args, sock, context):
    """Without --message: sends each line of standard input (without its line feed) as one
    record once the handshake is done, and prints ECHO <text> for every record received,
    until standard input ends."""
    server_name = args.server_name if args.psk is None else None
    connection = Connection(sock, sock.getpeername(), context.wrap_buffers(server_name))
    deadline = time.monotonic() + args.timeout
    partial, input_open = b"", True
    try:
        while not connection.handshake():
            if time.monotonic() >= deadline:
                say("ERROR timeout after %g s during the handshake" % args.timeout)
                return 1
            readable, _, _ = select.select([sock], [], [], POLL)
            if readable:
                connection.buffer.receive_from_network(sock.recv(1 << 16))
        say("HANDSHAKE OK %s" % iana_name(connection.buffer.cipher()))
        while input_open:
            readable, _, _ = select.select([sock, sys.stdin.buffer], [], [])
            if sock in readable:
                connection.buffer.receive_from_network(sock.recv(1 << 16))
                data = connection.read()
                if data:
                    say("ECHO %s" % data.decode(errors="replace"))
            if sys.stdin.buffer in readable:
                chunk = os.read(sys.stdin.fileno(), 65536)
                input_open = bool(chunk)
                *lines, partial = (partial + chunk).split(b"\n")
                for line in lines:
                    connection.write(line)
    except TLSError as error:
        say("ERROR %s" % describe(error))
        return 1
    except OSError as error:
        say("ERROR %s" % error.strerror)
        return 1
    connection.close()
    return 0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    roles = parser.add_subparsers(dest="role", required=True)
    server = roles.add_parser("server", help="echo server")
    server.add_argument("--require-client-cert", action="store_true",
                        help="insist on a client certificate that --ca validates")
    client = roles.add_parser("client", help="send --message (or each line of standard input) and wait for its echo")
    client.add_argument("--message", help="without it, send each line of standard input and print every record received")
    client.add_argument("--timeout", type=float, default=10, help="seconds (default 10); without --message, for the handshake")
    client.add_argument("--server-name", default="localhost",
                        help="name the server certificate must carry (default localhost)")
    for role in (server, client):
        role.add_argument("--port", type=int, required=True)
        role.add_argument("--host", default="127.0.0.1", help="address (default %(default)s)")
        role.add_argument("--psk-identity", default="Client_identity")
        role.add_argument("--psk", type=bytes.fromhex, help="hex key (PSK suite)")
        role.add_argument("--cert", help="own certificate chain, PEM, leaf first (ECDHE-ECDSA suite)")
        role.add_argument("--key", help="private key of --cert, PEM")
        role.add_argument("--ca", help="trusted CA certificates, PEM")
        role.add_argument("--verbose", action="store_true", help="mbed TLS debug log on stderr")
    args = parser.parse_args()
    certificates = args.cert or args.key or args.ca
    if (args.psk is None) == (not certificates):
        parser.error("give either --psk or certificates (--cert/--key/--ca)")
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if args.psk is None and args.role == "server" and not args.cert:
        parser.error("a certificate server needs --cert and --key")
    if args.psk is None and args.role == "client" and not args.ca:
        parser.error("a certificate client needs --ca")
    if args.role == "server" and args.require_client_cert and not args.ca:
        parser.error("--require-client-cert needs --ca")
    return args


def main():
    args = parse_arguments()
    # Protocol lines go to the original standard output; anything the C library prints
    # goes to standard error.
    sys.stdout = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    try:
        context = (tls.ServerContext if args.role == "server" else tls.ClientContext)(configuration(args))
        if args.verbose:
            from mbedtls import _tls
            _tls._enable_debug_output(context)
            _tls._set_debug_level(4)
        family, _, _, _, address = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_DGRAM)[0]
        sock = socket.socket(family, socket.SOCK_DGRAM)
        if args.role == "server":
            sock.bind(address)
            return run_server(args, sock, context)
        sock.connect(address)
        return (run_client if args.message is not None else run_line_client)(args, sock, context)
    except (OSError, ValueError, TLSError) as error:
        say("ERROR %s" % (getattr(error, "msg", "") or error))
        return 1


if __name__ == "__main__":
    sys.exit(main())
