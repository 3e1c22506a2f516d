#!/usr/bin/env python3
"""A UDP relay between one DTLS client and a server, which can change its source port.

Usage: udp_relay.py --listen PORT --to PORT [--host H] [--rebind-after N] [--trace]

The client sends to --listen; the relay forwards its datagrams to --to from a socket of its
own and sends the server's answers back to the client's latest address. A rebinding moves
the client's traffic to a new socket, so that the server sees the same client come from a
new port, as after a NAT rebinding. It happens after --rebind-after client datagrams, and on
each SIGUSR1. The old sockets still carry the server's answers back.

Standard output carries these lines:

  READY                       the relay listens
  REBOUND <old> <new>         the client's traffic now leaves from port <new>
  TRACE <dir> <records>       with --trace, one line per datagram: dir is C>S or S>C, then
                              per record: type/epoch/sequence/length, the CID of type-25
                              (tls12_cid) records, and for hellos the connection_id extension
                              (54, or 254 for the draft) with its CID

It runs until SIGTERM or SIGINT.
"""

import argparse
import selectors
import signal
import socket
import sys

HANDSHAKE, TLS12_CID = 22, 25
CID_EXTENSIONS = (54, 254)


def say(line):
    print(line, flush=True)


class Tracer:
    """Reads record headers, learning the CIDs from the hellos so as to split type-25 headers."""

    def __init__(self):
        # The CID each direction's records carry: the client writes the server's CID (from
        # the ServerHello), the server writes the client's (from the ClientHello).
        self.cid = {"C>S": None, "S>C": None}

    def describe(self, direction, datagram):
        parts, offset = [], 0
        while offset + 13 <= len(datagram):
            kind = datagram[offset]
            epoch = int.from_bytes(datagram[offset + 3 : offset + 5], "big")
            sequence = int.from_bytes(datagram[offset + 5 : offset + 11], "big")
            header = 13
            cid = b""
            if kind == TLS12_CID:
                cid_length = len(self.cid[direction]) if self.cid[direction] is not None else None
                if cid_length is None:
                    parts.append(f"{kind}/{epoch}/{sequence} cid=? (unknown length)")
                    break
                cid = datagram[offset + 11 : offset + 11 + cid_length]
                header = 13 + cid_length
            length = int.from_bytes(datagram[offset + header - 2 : offset + header], "big")
            body = datagram[offset + header : offset + header + length]
            text = f"{kind}/{epoch}/{sequence}/{length}"
            if kind == TLS12_CID:
                text += f" cid={cid.hex() or '-'}"
            if kind == HANDSHAKE and epoch == 0 and body:
                text += self.hello(direction, body)
            parts.append(text)
            offset += header + length
        return " ".join(parts) if parts else f"{len(datagram)} bytes, no record"

    def hello(self, direction, body):
        """Notes a hello's connection_id extension, for records that follow."""
        if len(body) < 12 or body[0] not in (1, 2, 3):
            return ""
        names = {1: "ClientHello", 2: "ServerHello", 3: "HelloVerifyRequest"}
        name = names[body[0]]
        length = int.from_bytes(body[1:4], "big")
        fragment_offset = int.from_bytes(body[6:9], "big")
        if body[0] == 3 or fragment_offset != 0 or len(body) < 12 + length:
            return f" {name}"
        message = body[12 : 12 + length]
        try:
            at = 2 + 32
            at += 1 + message[at]  # session_id
            if body[0] == 1:
                at += 1 + message[at]  # cookie
                at += 2 + int.from_bytes(message[at : at + 2], "big")  # cipher_suites
                at += 1 + message[at]  # compression_methods
            else:
                at += 3  # cipher_suite, compression_method
            if at + 2 > len(message):
                return f" {name} (no extensions)"
            end = at + 2 + int.from_bytes(message[at : at + 2], "big")
            at += 2
            while at + 4 <= end:
                kind = int.from_bytes(message[at : at + 2], "big")
                size = int.from_bytes(message[at + 2 : at + 4], "big")
                if kind in CID_EXTENSIONS:
                    data = message[at + 4 : at + 4 + size]
                    cid = data[1 : 1 + data[0]]
                    # A client's CID is written by the server, and the other way round.
                    self.cid["S>C" if body[0] == 1 else "C>S"] = cid
                    return f" {name} ext{kind}={cid.hex() or '-'}"
                at += 4 + size
        except IndexError:
            return f" {name} (truncated)"
        return f" {name} (no connection_id)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--to", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--rebind-after", type=int, help="client datagrams before rebinding once")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    server = (args.host, args.to)

    selector = selectors.DefaultSelector()
    listener = socket.socket(family, socket.SOCK_DGRAM)
    listener.bind((args.host, args.listen))
    selector.register(listener, selectors.EVENT_READ)

    def upstream():
        sock = socket.socket(family, socket.SOCK_DGRAM)
        sock.bind((args.host, 0))
        selector.register(sock, selectors.EVENT_READ)
        return sock

    current = upstream()
    client = None
    forwarded = 0
    rebind = False
    running = True
    tracer = Tracer() if args.trace else None

    def on_signal(signum, frame):
        nonlocal rebind, running
        if signum == signal.SIGUSR1:
            rebind = True
        else:
            running = False

    for signum in (signal.SIGUSR1, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, on_signal)
    say("READY")
    while running:
        for key, _ in selector.select(timeout=0.1):
            sock = key.fileobj
            try:
                datagram, source = sock.recvfrom(65535)
            except OSError:
                continue
            if sock is listener:
                client = source
                if rebind or (args.rebind_after is not None and forwarded == args.rebind_after):
                    old = current.getsockname()[1]
                    current = upstream()
                    rebind = False
                    say(f"REBOUND {old} {current.getsockname()[1]}")
                if tracer:
                    say("TRACE C>S " + tracer.describe("C>S", datagram))
                current.sendto(datagram, server)
                forwarded += 1
            elif client is not None:
                if tracer:
                    say("TRACE S>C " + tracer.describe("S>C", datagram))
                listener.sendto(datagram, client)
    return 0


if __name__ == "__main__":
    sys.exit(main())
