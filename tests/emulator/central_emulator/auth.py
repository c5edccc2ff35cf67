# -*- coding: utf-8 -*-
"""Basic authentication: ``Authorization: Basic base64(companyId + ":" + psk)``."""

import base64
import binascii
import hmac

OK = "ok"
MISSING = "missing"
MALFORMED = "malformed"
WRONG = "wrong"


def check(header, company_id, psk):
    """Classify an Authorization header: OK, MISSING, MALFORMED or WRONG (well-formed, wrong credentials)."""
    if header is None or not header.strip():
        return MISSING
    scheme, dummy, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "basic" or not value:
        return MALFORMED
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return MALFORMED
    user, separator, password = decoded.partition(":")
    if not separator:
        return MALFORMED
    user_ok = hmac.compare_digest(user.encode("utf-8"), company_id.encode("utf-8"))
    psk_ok = hmac.compare_digest(password.encode("utf-8"), psk.encode("utf-8"))
    return OK if user_ok and psk_ok else WRONG


def failure_body(status):
    """Body of an authentication failure: the older docs' 401 text, else the guide's 409 one."""
    return {"message": "Not authenticated."} if status == 401 else {"message": "Unauthorized"}
