# -*- coding: utf-8 -*-
"""The shipped TLS test certificate (``central_emulator/certs``) trusts the emulator and nothing else.

Its key is public (it ships in the collection), so the certificate must not be a CA: a user who
left ``ca_path`` / ``LOGMEIN_CENTRAL_CA_PATH`` pointing at it must not trust a certificate for
another host (secure.logmein.com) that anyone can sign with that key. And it must pass the strict
X.509 checks (``ssl.VERIFY_X509_STRICT``) that Python 3.13 turns on by default, on every Python
the collection is tested with, including a real Python 3.13 (found by ``tools/find-python.sh``).
"""

import datetime
import ipaddress
import json
import os
import socket
import ssl
import subprocess
import threading
import urllib.parse

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from central_emulator import server

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FIND_PYTHON = os.path.join(REPO_ROOT, "tools", "find-python.sh")
OTHER_HOST = "secure.logmein.com"
# The OpenSSL verification errors that mean "this chain is not trusted" (rather than, say, 62
# hostname mismatch): 18 self-signed certificate, 19 self-signed certificate in chain, 20 unable
# to get local issuer certificate, 32 key usage does not include certificate signing, 79 invalid
# CA certificate (24 in OpenSSL 1.1).
CHAIN_REFUSED = {18, 19, 20, 24, 32, 79}
STRICT = ssl.VERIFY_X509_STRICT
# What Python 3.13's ssl.create_default_context() sets.
STRICT_PARTIAL = ssl.VERIFY_X509_STRICT | ssl.VERIFY_X509_PARTIAL_CHAIN


def port_of(emulator):
    return urllib.parse.urlsplit(emulator.url).port


def load(path):
    with open(path, "rb") as handle:
        return x509.load_pem_x509_certificate(handle.read())


def shipped_key():
    with open(server.DEFAULT_KEY, "rb") as handle:
        return serialization.load_pem_private_key(handle.read(), password=None)


def client_context(flags):
    """A client context trusting only the shipped certificate, with exactly these extra verify flags."""
    context = ssl.create_default_context(cafile=server.DEFAULT_CERT)
    context.verify_flags = (context.verify_flags & ~STRICT_PARTIAL) | flags
    return context


def handshake(port, name, context):
    """None when the handshake for ``name`` verifies, else the SSLCertVerificationError."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        try:
            with context.wrap_socket(raw, server_hostname=name):
                return None
        except ssl.SSLCertVerificationError as error:
            return error


class TlsServer(object):
    """A bare TLS server on 127.0.0.1 presenting ``chain`` (PEM file) with ``key`` (PEM file)."""

    def __init__(self, chain, key):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(chain, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection = self.listener.accept()[0]
            except OSError:
                return
            connection.settimeout(30)
            try:
                self.context.wrap_socket(connection, server_side=True).close()
            except (ssl.SSLError, OSError):
                connection.close()

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() on Linux
        except OSError:
            pass
        self.listener.close()
        self.thread.join(5)


def new_key():
    return ec.generate_private_key(ec.SECP256R1())


def write_pem(path, certificates, key):
    path.with_suffix(".pem").write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates))
    path.with_suffix(".key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return str(path.with_suffix(".pem")), str(path.with_suffix(".key"))


def build(subject, public_key, issuer_name, signing_key, ca, names, issuer_public_key):
    """A certificate for ``subject`` (a common name or an x509.Name), CA or TLS server, signed with ``signing_key``."""
    if isinstance(subject, str):
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer_name)
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public_key), critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    else:
        builder = (builder
                   .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False))
    return builder.sign(signing_key, hashes.SHA256())


def mint(kind, tmp_path):
    """A certificate for OTHER_HOST that anyone holding the public key.pem can make.

    ``issued``: signed by the shipped certificate (its subject as issuer, its key identifier);
    ``intermediate``: a CA:TRUE certificate signed by the shipped key, and a leaf under it;
    ``self_signed``: the shipped subject and key, self-signed again with OTHER_HOST added.
    Returns (chain file, key file) for a TLS server.
    """
    shipped = load(server.DEFAULT_CERT)
    key = shipped_key()
    if kind == "issued":
        leaf_key = new_key()
        leaf = build(OTHER_HOST, leaf_key.public_key(), shipped.subject, key, False, [OTHER_HOST], key.public_key())
        return write_pem(tmp_path / kind, [leaf], leaf_key)
    if kind == "intermediate":
        middle_key = new_key()
        middle = build("Minted intermediate", middle_key.public_key(), shipped.subject, key, True, [], key.public_key())
        leaf_key = new_key()
        leaf = build(OTHER_HOST, leaf_key.public_key(), middle.subject, middle_key, False, [OTHER_HOST], middle_key.public_key())
        return write_pem(tmp_path / kind, [leaf, middle], leaf_key)
    again = build(shipped.subject, key.public_key(), shipped.subject, key, False, [OTHER_HOST, "localhost"], key.public_key())
    return write_pem(tmp_path / kind, [again], key)


def test_the_certificate_is_a_self_signed_leaf_for_the_loopback_names_only():
    certificate = load(server.DEFAULT_CERT)
    extensions = certificate.extensions
    constraints = extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca is False, "the shipped certificate must be CA:FALSE"
    usage = extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and not usage.key_cert_sign and not usage.crl_sign
    assert list(extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [ExtendedKeyUsageOID.SERVER_AUTH]
    names = extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sorted(names.get_values_for_type(x509.DNSName)) == ["localhost"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert len(list(names)) == 2
    subject_key_id = extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    assert extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier == subject_key_id
    assert certificate.issuer == certificate.subject
    certificate.verify_directly_issued_by(certificate)
    assert shipped_key().public_key().public_numbers() == certificate.public_key().public_numbers()
    now = datetime.datetime.now(datetime.timezone.utc)
    assert certificate.not_valid_before_utc <= now
    assert certificate.not_valid_after_utc >= now + datetime.timedelta(days=10 * 366), "renew the test certificate"


@pytest.mark.parametrize("flags", [0, STRICT, STRICT_PARTIAL], ids=["default", "strict", "strict+partial_chain"])
@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
def test_the_emulator_verifies_with_and_without_strict_x509_checks(https_emulator, name, flags):
    assert handshake(port_of(https_emulator), name, client_context(flags)) is None


@pytest.mark.parametrize("flags", [0, STRICT, STRICT_PARTIAL], ids=["default", "strict", "strict+partial_chain"])
@pytest.mark.parametrize("kind", ["issued", "intermediate", "self_signed"])
def test_a_certificate_for_another_host_signed_with_the_public_key_is_refused(kind, flags, tmp_path):
    minted = TlsServer(*mint(kind, tmp_path))
    try:
        error = handshake(minted.port, OTHER_HOST, client_context(flags))
    finally:
        minted.close()
    assert error is not None, "the %s certificate for %s signed with the shipped key was trusted" % (kind, OTHER_HOST)
    assert error.verify_code in CHAIN_REFUSED, (error.verify_code, error.verify_message)


def find_python313():
    if not os.path.exists(FIND_PYTHON):
        pytest.fail("%s is missing: cannot look for Python 3.13" % FIND_PYTHON)
    found = subprocess.run(["bash", FIND_PYTHON, "3.13"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, check=False)
    if found.returncode != 0:
        pytest.fail("this test needs a Python 3.13 (its ssl module checks certificates strictly by default): "
                    "install one, e.g. 'pyenv install 3.13', or set PYTHON313=/path/to/python3.13 (%s)" % found.stderr.strip())
    return found.stdout.strip()


PYTHON313_PROBE = r"""
import json, socket, ssl, sys
cafile, emulator_port, minted_port, other = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
context = ssl.create_default_context(cafile=cafile)
result = {"version": list(sys.version_info[:2]), "strict": bool(context.verify_flags & ssl.VERIFY_X509_STRICT)}
def handshake(port, name):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        try:
            with context.wrap_socket(raw, server_hostname=name):
                return None
        except ssl.SSLCertVerificationError as error:
            return [error.verify_code, error.verify_message]
result["127.0.0.1"] = handshake(emulator_port, "127.0.0.1")
result["localhost"] = handshake(emulator_port, "localhost")
result[other] = handshake(minted_port, other)
print(json.dumps(result))
"""


def test_python_3_13_defaults_trust_the_emulator_and_refuse_another_host(https_emulator, tmp_path):
    python = find_python313()
    minted = TlsServer(*mint("issued", tmp_path))
    try:
        command = [python, "-I", "-c", PYTHON313_PROBE, server.DEFAULT_CERT, str(port_of(https_emulator)), str(minted.port), OTHER_HOST]
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120, check=False)
    finally:
        minted.close()
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["version"] == [3, 13] and result["strict"], result
    assert result["127.0.0.1"] is None and result["localhost"] is None, result
    assert result[OTHER_HOST] is not None and result[OTHER_HOST][0] in CHAIN_REFUSED, result
