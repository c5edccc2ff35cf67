# -*- coding: utf-8 -*-
"""Rate limiting: "APIs can only be called once every minute".

An accepted call of an action (method + path template, e.g. ``PUT /v1/hosts/{id}/description``)
blocks further calls of that action for ``rate_limit_window`` seconds (mode ``action``),
or blocks every action (mode ``account``). The guide does not say whether a refused call
counts toward the window: by default it does not; with ``restart`` (the configuration key
``refusals_restart_window``) a refused call starts the window again, so a client that
retries too early is refused until it waits a whole window after its last refusal.
A window of 0 disables the limit. Uses the monotonic clock.
"""

import math
import time

ACCOUNT_KEY = "*"


class RateLimiter(object):
    """Last accepted call per action (or for the whole account)."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._accepted = {}

    def clear(self):
        self._accepted = {}

    def check(self, action, window, mode, restart=False):
        """Accept or refuse a call. Returns (accepted, seconds_remaining).

        With ``restart``, a refused call counts as the window's start, as an accepted one does.
        """
        if window <= 0:
            return True, 0.0
        key = ACCOUNT_KEY if mode == "account" else action
        now = self._clock()
        last = self._accepted.get(key)
        if last is not None and now - last < window:
            if restart:
                self._accepted[key] = now
                return False, window
            return False, window - (now - last)
        self._accepted[key] = now
        return True, 0.0

    def remaining(self, action, window, mode):
        """Seconds left in the current window of an action, without touching it (0 when open)."""
        if window <= 0:
            return 0.0
        last = self._accepted.get(ACCOUNT_KEY if mode == "account" else action)
        if last is None:
            return 0.0
        return max(0.0, window - (self._clock() - last))


def retry_after_seconds(remaining):
    """Whole seconds for a Retry-After header: ceil of the remaining time, at least 1."""
    return max(1, int(math.ceil(remaining)))
