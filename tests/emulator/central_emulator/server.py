# -*- coding: utf-8 -*-
"""HTTP(S) transport: a ThreadingHTTPServer (daemon threads, HTTP/1.1 keep-alive)
that hands every request to ``EmulatorApp.handle`` and writes, delays or drops the answer.

TLS: the handshake runs in the request's thread (a stalled client does not block the
accept loop). The shipped test certificate is ``certs/cert.pem`` / ``certs/key.pem``
(made with ``certs/openssl.cnf``): a self-signed end-entity certificate, CA:FALSE, for
localhost and 127.0.0.1 only, valid 100 years. Its key is public, so it must never be a CA:
trusting it trusts this one certificate and nothing signed with the key.
"""

import os
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "certs")
DEFAULT_CERT = os.path.join(CERT_DIR, "cert.pem")
DEFAULT_KEY = os.path.join(CERT_DIR, "key.pem")
MAX_BODY = 64 * 1024 * 1024
IDLE_TIMEOUT = 120


class RequestHandler(BaseHTTPRequestHandler):
    """Reads a request, asks the app for the answer, writes it (or drops the connection)."""

    protocol_version = "HTTP/1.1"
    server_version = "CentralEmulator/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY:
                    raise ValueError("body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError("bad Content-Length")
        return self.rfile.read(length) if length else b""

    def _dispatch(self):
        try:
            body = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            self._write(400, b'{"message": "Bad request body"}', "application/json", [])
            return
        self.server.last_request = time.monotonic()
        headers = {name.lower(): value for name, value in self.headers.items()}
        response = self.server.app.handle(self.command, self.path, headers, body)
        if response.delay > 0:
            time.sleep(response.delay)
        if response.drop:
            self.close_connection = True
            self._note("%s %s -> connection dropped" % (self.command, self.path.split("?", 1)[0]))
            try:
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self._write(response.status, response.body, response.content_type, response.headers)

    def _write(self, status, body, content_type, headers):
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            self.close_connection = True

    do_GET = _dispatch
    do_POST = _dispatch
    do_PUT = _dispatch
    do_DELETE = _dispatch
    do_PATCH = _dispatch
    do_HEAD = _dispatch
    do_OPTIONS = _dispatch

    def version_string(self):
        return self.server_version

    def _note(self, text):
        if not self.server.quiet:
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), text))

    def log_request(self, code="-", size="-"):
        code = getattr(code, "value", code)
        self._note("%s %s -> %s" % (self.command, self.path.split("?", 1)[0], code))

    def log_error(self, format, *args):
        self._note("error: " + (format % args))

    def log_message(self, format, *args):
        self._note(format % args)


class EmulatorHTTPServer(ThreadingHTTPServer):
    """Threading HTTP server bound to an EmulatorApp; optional TLS."""

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, address, app, ssl_context=None, quiet=True):
        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.app = app
        self.ssl_context = ssl_context
        self.quiet = quiet
        self._open = set()
        self._open_lock = threading.Lock()
        # monotonic time of the last request (API or admin): read by the --idle-exit watch
        self.last_request = time.monotonic()
        ThreadingHTTPServer.__init__(self, address, RequestHandler)

    def _serve_connection(self, connection, client_address):
        with self._open_lock:
            self._open.add(connection)
        try:
            RequestHandler(connection, client_address, self)
        finally:
            with self._open_lock:
                self._open.discard(connection)

    def finish_request(self, request, client_address):
        if self.ssl_context is None:
            self._serve_connection(request, client_address)
            return
        request.settimeout(30)
        try:
            secure = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            self._serve_connection(secure, client_address)
        finally:
            try:
                secure.close()
            except OSError:
                pass

    def server_close(self):
        """Stop listening and close the kept-alive connections (their threads then end)."""
        ThreadingHTTPServer.server_close(self)
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if self.quiet or isinstance(error, (ConnectionError, ssl.SSLError, socket.timeout)):
            return
        ThreadingHTTPServer.handle_error(self, request, client_address)

    @property
    def port(self):
        return self.server_address[1]

    @property
    def url(self):
        host = self.server_address[0]
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        if ":" in host:
            host = "[%s]" % host
        return "%s://%s:%d" % ("https" if self.ssl_context else "http", host, self.port)


def make_ssl_context(cert=None, key=None):
    """Server TLS context from a certificate and key (the shipped test pair by default)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert or DEFAULT_CERT, key or (DEFAULT_KEY if cert is None else None))
    return context


def create_server(app, host="127.0.0.1", port=0, tls=False, cert=None, key=None, quiet=True):
    """Bind a server for ``app`` (port 0 picks a free port). Call ``serve_forever()`` to run it."""
    context = make_ssl_context(cert, key) if tls else None
    return EmulatorHTTPServer((host, port), app, context, quiet)
