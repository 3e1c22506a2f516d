#!/usr/bin/env python3
"""mbed TLS 3.6's ssl_server2 / ssl_client2 as a DTLS 1.2 server or client with connection IDs.

Runs the test programs that build_mbedtls36.sh builds and turns their output into lines:

  READY                 the server listens (once, after binding)
  HANDSHAKE OK <suite>  a handshake completed, with the IANA suite name
  CID <hex>             the peer's connection ID (the one this side writes into its records)
                        was negotiated; "-" for a zero-length one
  CID NONE              this side asked for a connection ID and none is in use: the peer did not
                        offer or accept the extension, or both sides chose zero-length ones
  RECEIVED <text>       application data read, with backslash, CR and LF escaped as \\ \\r \\n
  ECHO <message>        (client) the reply was exactly the request, so the peer echoed it
  CLOSED                the connection ended cleanly (close_notify sent or received)
  RECONNECTED           (client, with "-- reconnect=N") a resumption handshake completed; the
                        program reports no suite or CID for it
  DROPPED <text>        (server) a datagram that opened no handshake, such as the previous
                        client's late close_notify, was refused; the server goes on
  ERROR <text>          a failure. A client exits 1 after it; a server prints it for the failed
                        connection and goes on serving, unless it could not bind.

ssl_server2 does not echo: it answers each request with a fixed HTTP/1.0 200 text naming the
suite ("Successful connection using: TLS-PSK-WITH-AES-128-CCM-8"), serves one connection at a
time and, after --exchanges requests, sends close_notify and waits for the next client.
ssl_client2 sends "GET <message> HTTP/1.0\\r\\nHost: <server name>\\r\\nExtra-header: \\r\\n\\r\\n"
(the message is its request_page), reads one reply per exchange and exits.

Arguments after "--" go to the program unchanged (key=value, later ones win), for example
"-- mtu=500 max_frag_len=512 debug_level=3".
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROGRAMS = {
    # --legacy: mbed TLS 2.28 with the draft CID (extension 254), built by --legacy.
    False: ("DTLS_MBEDTLS36_PROGRAMS", os.path.join(ROOT, ".build-peers", "mbedtls36", "bin")),
    True: ("DTLS_MBEDTLS228_CID_PROGRAMS", os.path.join(ROOT, ".build-peers", "mbedtls228-cid", "bin")),
}
SUITES = {"psk": "TLS-PSK-WITH-AES-128-CCM-8", "ecdsa": "TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8"}
# How a server fails a "connection" whose first datagram is no ClientHello: 3.6 with
# MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, 2.28 with MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO.
NOT_A_HELLO = {False: ("-0x7700",), True: ("-0x7700", "-0x7900")}

out_lock = threading.Lock()


def say(line):
    with out_lock:
        print(line, flush=True)


def escape(data):
    text = data.decode("utf-8", "backslashreplace")
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def program(args, name):
    variable, default = PROGRAMS[args.legacy]
    directory = args.programs or os.environ.get(variable) or default
    path = os.path.join(directory, name)
    if not os.access(path, os.X_OK):
        say(f"ERROR {path} missing; run Tests/Peers/build_mbedtls36.sh{' --legacy' if args.legacy else ''}")
        sys.exit(1)
    return path


def command(args):
    """The program's command line."""
    role = args.role
    options = ["dtls=1", "force_version=dtls12", f"server_port={args.port}"]
    if role == "server":
        options += [f"server_addr={args.host}", f"exchanges={args.exchanges}", "buffer_size=16384",
                    f"read_timeout={int(args.idle_timeout * 1000)}"]
    else:
        options += [f"server_addr={args.host}", f"server_name={args.server_name}",
                    f"exchanges={args.exchanges}", f"read_timeout={int(args.timeout * 1000)}"]
        if args.message is not None:
            options.append(f"request_page={args.message}")
    # Without crt_file/key_file/ca_file the programs load mbed TLS' built-in test
    # certificates; "none" loads nothing.
    if args.psk is not None:
        options += [f"psk={args.psk}", f"psk_identity={args.psk_identity}",
                    f"force_ciphersuite={SUITES['psk']}", "crt_file=none", "key_file=none", "ca_file=none"]
    else:
        options.append(f"force_ciphersuite={SUITES['ecdsa']}")
        if args.cert:
            options += [f"crt_file={args.cert}", f"key_file={args.key}"]
        else:
            options += ["crt_file=none", "key_file=none"]
        if role == "server":
            if args.ca:
                options += [f"ca_file={args.ca}",
                            "auth_mode=" + ("required" if args.require_client_cert else "optional")]
            else:
                options += ["ca_file=none", "auth_mode=none"]
        else:
            options += [f"ca_file={args.ca}", "auth_mode=required"]
    if args.cid is not None:
        options += ["cid=1", f"cid_val={args.cid}"]
    argv = [program(args, "ssl_server2" if role == "server" else "ssl_client2")] + options + args.extra
    stdbuf = shutil.which("stdbuf")
    return ([stdbuf, "-o0"] if stdbuf else []) + argv


class Reader:
    """Splits the program's output into lines, and data blocks of announced sizes."""

    def __init__(self, stream, verbose):
        self.stream, self.verbose, self.buffer = stream, verbose, b""

    def _fill(self):
        chunk = os.read(self.stream.fileno(), 65536)
        if not chunk:
            raise EOFError
        if self.verbose:
            sys.stderr.buffer.write(chunk)
            sys.stderr.flush()
        self.buffer += chunk

    def line(self):
        while b"\n" not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def block(self, size):
        """The blank line, then `size` bytes, that follow "... N bytes read/written"."""
        while len(self.buffer) < size + 1:
            self._fill()
        data, self.buffer = self.buffer[1 : size + 1], self.buffer[size + 1 :]
        return data


SUITE = re.compile(r"\s*\[ Ciphersuite is (\S+) \]")
CID_ON = re.compile(r"\(initial handshake\) Peer CID \(length (\d+) Bytes\):(.*)")
CID_OFF = re.compile(r"\(initial handshake\) Use of Connection ID was (not offered by client|rejected by the server)")
READ = re.compile(r"\s*< Read from (?:client|server): (\d+) bytes read")
WRITTEN = re.compile(r"\s*> Write to (?:client|server): (\d+) bytes written")
FAILED = re.compile(r"\s*! (\S+ returned (-0x[0-9a-fA-F]+|-?\d+))")
READ_FAILED = re.compile(r"(mbedtls_ssl_read returned -0x[0-9a-fA-F]+)")
LAST_ERROR = re.compile(r"Last error was: (-?\w+) - (.*)")


stopping = threading.Event()  # set once the program was told to stop: failures that follow are ours
ready = threading.Event()  # a server bound its socket (ssl_server2 exits 0 when it cannot)


def follow(process, args):
    """Translates the program's output until it ends; returns whether a failure was seen."""
    reader = Reader(process.stdout, args.verbose)
    server = args.role == "server"
    failure = None  # the "! ... returned" text of the current connection
    hello_verified = False
    sent = None
    failed = False
    try:
        line = ""
        while True:
            previous, line = line, reader.line()
            if line.startswith("usage: "):
                failure = "invalid arguments: " + previous.split("...")[-1].strip()
            elif "Bind on" in line:
                if line.rstrip().endswith("ok"):
                    ready.set()
                    say("READY")
                else:
                    failure = "bind failed"
            elif "Waiting for a remote connection" in line:
                hello_verified, failure = False, None
            elif "hello verification requested" in line:
                hello_verified = True
            elif match := SUITE.match(line):
                say("HANDSHAKE OK " + match.group(1).replace("-", "_"))
            elif match := CID_ON.match(line):
                hexa = match.group(2).replace(" ", "")
                say(f"CID {hexa or '-'}")
            elif CID_OFF.match(line):
                say("CID NONE")
            elif match := READ.match(line):
                data = reader.block(int(match.group(1)))
                if not server and sent is not None and data == sent:
                    say("ECHO " + (args.message if args.message is not None else "/"))
                else:
                    say("RECEIVED " + escape(data))
            elif match := WRITTEN.match(line):
                sent = reader.block(int(match.group(1)))
            elif "Reconnecting with saved session..." in line and line.rstrip().endswith("ok"):
                say("RECONNECTED")
            elif "Closing the connection... done" in line:
                say("CLOSED")
            elif line.strip() == "timeout" or line.endswith(" timeout"):
                failure = "timeout waiting for the reply"
            elif match := READ_FAILED.search(line):
                failure = match.group(1)
            elif match := FAILED.match(line):
                failure = match.group(1)
            elif match := LAST_ERROR.match(line):
                # Printed when a server drops a connection, and when a program exits.
                text = f"{failure or 'failed'} ({match.group(2).strip()})"
                if server and failure and failure.endswith(NOT_A_HELLO[args.legacy]) and not hello_verified:
                    say("DROPPED " + text)
                elif stopping.is_set():
                    pass
                else:
                    say("ERROR " + text)
                    failed = True
                failure = None
    except EOFError:
        pass
    if failure and not failed and not stopping.is_set():
        say("ERROR " + failure)
        failed = True
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("role", choices=("server", "client"))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--psk", help="hex PSK: TLS_PSK_WITH_AES_128_CCM_8, else ECDHE-ECDSA")
    parser.add_argument("--psk-identity", default="Client_identity")
    parser.add_argument("--cert", help="own chain PEM, leaf first")
    parser.add_argument("--key", help="own private key PEM")
    parser.add_argument("--ca", help="trusted root PEM")
    parser.add_argument("--require-client-cert", action="store_true")
    parser.add_argument("--server-name", default="localhost")
    parser.add_argument("--cid", help="own connection ID in hex (peers write it into records "
                        "to this side); '' for a zero-length one; without it, no CID extension")
    parser.add_argument("--exchanges", type=int, default=1,
                        help="requests per connection (client: sent; server: answered)")
    parser.add_argument("--message", help="client: the request_page, sent in the request line")
    parser.add_argument("--timeout", type=float, default=10, help="client: seconds in all")
    parser.add_argument("--idle-timeout", type=float, default=10,
                        help="server: seconds to wait for a request before dropping the connection "
                        "(it serves one at a time); 0: forever")
    parser.add_argument("--legacy", action="store_true",
                        help="mbed TLS 2.28 with the draft-05 CID (extension 254)")
    parser.add_argument("--programs", help="directory of ssl_server2 and ssl_client2")
    parser.add_argument("--verbose", action="store_true", help="copy the program's output to stderr")
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    args = parser.parse_args(argv)
    args.extra = extra
    if args.psk is None and args.role == "server" and not (args.cert and args.key):
        parser.error("a server needs --psk or --cert and --key")
    if args.psk is None and args.role == "client" and not args.ca:
        parser.error("a client needs --psk or --ca")

    # A parent can start this program with SIGTERM and SIGINT blocked (the threads of a test
    # runner often block signals, and the mask is inherited): then neither this program nor
    # the mbed TLS program, which inherits the mask in turn, would ever see them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    process = subprocess.Popen(command(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)

    def stop(signum, frame):
        stopping.set()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = None
    timed_out = threading.Event()

    def expire():
        timed_out.set()
        say("ERROR timeout")
        stop(None, None)

    if args.role == "client":
        # read_timeout bounds each read; this bounds the handshake (retransmitting for up to a
        # minute by default) and everything else.
        timer = threading.Timer(args.timeout, expire)
        timer.daemon = True
        timer.start()
    failed = follow(process, args) or timed_out.is_set()
    try:
        status = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        status = process.wait()
    if timer:
        timer.cancel()
    if args.role == "server":
        sys.exit(0 if ready.is_set() and status in (0, -signal.SIGTERM) else 1)
    if status != 0 and not failed:
        say(f"ERROR ssl_client2 exited with {status}")
    sys.exit(0 if status == 0 and not failed else 1)


if __name__ == "__main__":
    main()
