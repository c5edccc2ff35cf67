# -*- coding: utf-8 -*-
"""Stateful emulator of the LogMeIn Central public API, for tests.

Standard library only (Python 3.9+). See ``tests/emulator/README.md``.
"""

__version__ = "1.0.0"

API_PREFIX = "/public-api"
ADMIN_PREFIX = "/_emulator"
