# -*- coding: utf-8 -*-
"""Shared pytest fixtures: the Central API emulator (tests/emulator/central_emulator).

``emulator_server`` (session scope) runs one emulator in a background thread;
``emulator`` (function scope) resets it to the default dataset and configuration with
the rate limit off (``rate_limit_window=0``), then yields the ``RunningEmulator``
(``.api_url``, ``.company_id``, ``.psk``, ``.auth``, ``.reset()``, ``.configure()``, ...).
A test that wants a rate limit, faults or another dataset configures it itself.
"""

import os
import sys

import pytest

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "emulator")
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from central_emulator.testing import start_emulator  # noqa: E402 pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def emulator_server():
    running = start_emulator(rate_limit_window=0)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def https_emulator():
    """An emulator of its own that serves HTTPS with the shipped test certificate."""
    running = start_emulator(rate_limit_window=0, tls=True)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def emulator(emulator_server):
    emulator_server.reset(rate_limit_window=0)
    yield emulator_server
