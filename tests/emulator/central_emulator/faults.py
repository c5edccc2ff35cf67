# -*- coding: utf-8 -*-
"""Deterministic fault injection.

A rule is ``{"kind": K, "match": M, "every": N}`` or ``{"kind": K, "match": M, "count": N}``:

* ``match``: ``"METHOD /path/template"`` (``"PUT /v1/hosts/{id}/description"``; placeholder
  names are not compared, a ``/public-api`` prefix is ignored, a concrete path such as
  ``"PUT /v1/hosts/1000000123/description"`` also matches), a bare method (``"POST"``),
  or omitted / null for every API request.
* ``every: N`` fires on the Nth, 2Nth, ... matching request; ``count: N`` fires on the next
  N matching requests. With neither, the rule fires on every matching request.
* ``seconds``: the delay of a ``latency`` rule.

Kinds: ``error_500``, ``status_400``, ``drop_before``, ``drop_after_commit``,
``malformed_json``, ``status_429``, ``latency``. Only authenticated requests to known API
routes are counted. When several rules fire on one request, the delays of ``latency`` rules
add up and the first other rule (in list order) acts; the counters of all advance.
``status_400`` answers as the service does when it refuses a parameter (a value it will not
take), nothing done. ``error_500``, ``status_400``, ``drop_before`` and ``status_429`` act
before the rate limiter; a request that the rate limiter then refuses is not counted by any
rule (as if the rules had not seen it), so ``count`` and ``every`` apply to requests that get
through.
"""

import re

from central_emulator import API_PREFIX

KINDS = ("error_500", "status_400", "drop_before", "drop_after_commit", "malformed_json", "status_429", "latency")
BEFORE_KINDS = ("error_500", "status_400", "drop_before", "status_429")
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
_PLACEHOLDER = re.compile(r"\{[^}/]*\}")


class FaultError(ValueError):
    """An invalid fault rule; the message names the rule and key."""


def _normalize_path(path):
    if path.startswith(API_PREFIX + "/"):
        path = path[len(API_PREFIX):]
    return _PLACEHOLDER.sub("{}", path)


def _positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def validate_rules(rules):
    """Validate a list of rules; returns normalised copies (with counters)."""
    if not isinstance(rules, list):
        raise FaultError("rules must be a list")
    result = []
    for index, rule in enumerate(rules):
        where = "rules[%d]" % index
        if not isinstance(rule, dict):
            raise FaultError("%s must be an object" % where)
        unknown = sorted(set(rule) - {"kind", "match", "every", "count", "seconds"})
        if unknown:
            raise FaultError("%s: unknown key(s) %s" % (where, ", ".join(unknown)))
        if rule.get("kind") not in KINDS:
            raise FaultError("%s.kind must be one of %s" % (where, ", ".join(KINDS)))
        match = rule.get("match")
        method = path = None
        if match is not None:
            if not isinstance(match, str) or not match.strip():
                raise FaultError("%s.match must be \"METHOD /path\" or a method" % where)
            parts = match.strip().split(None, 1)
            method = parts[0].upper()
            if method not in METHODS:
                raise FaultError("%s.match: unknown method %s" % (where, parts[0]))
            if len(parts) == 2:
                path = _normalize_path(parts[1].strip())
        if "every" in rule and "count" in rule:
            raise FaultError("%s: give either every or count" % where)
        for key in ("every", "count"):
            if key in rule and not _positive_int(rule[key]):
                raise FaultError("%s.%s must be a positive integer" % (where, key))
        seconds = rule.get("seconds", 0)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise FaultError("%s.seconds must be a non-negative number" % where)
        if rule["kind"] == "latency" and "seconds" not in rule:
            raise FaultError("%s: a latency rule needs seconds" % where)
        result.append({
            "kind": rule["kind"], "match": match, "every": rule.get("every"), "count": rule.get("count"),
            "seconds": float(seconds), "_method": method, "_path": path, "seen": 0, "fired": 0,
        })
    return result


class FaultInjector(object):
    """The current rules and their counters."""

    def __init__(self):
        self.rules = []

    def clear(self):
        self.rules = []

    def set_rules(self, rules):
        self.rules = validate_rules(rules)

    def view(self):
        return [{key: value for key, value in rule.items() if not key.startswith("_")} for rule in self.rules]

    @staticmethod
    def _matches(rule, method, template, path):
        if rule["_method"] is None:
            return True
        if rule["_method"] != method:
            return False
        if rule["_path"] is None:
            return True
        return rule["_path"] in (_normalize_path(template), path)

    def select(self, method, template, path):
        """Count this request against every rule.

        Returns (acting kind or None, latency seconds, fired kinds, touched) where
        ``touched`` lets ``undo`` forget the request (see the rate limiter step).
        """
        acting = None
        delay = 0.0
        fired = []
        touched = []
        for rule in self.rules:
            if not self._matches(rule, method, template, path):
                continue
            rule["seen"] += 1
            if rule["every"] is not None:
                fire = rule["seen"] % rule["every"] == 0
            elif rule["count"] is not None:
                fire = rule["fired"] < rule["count"]
            else:
                fire = True
            touched.append((rule, fire))
            if not fire:
                continue
            rule["fired"] += 1
            fired.append(rule["kind"])
            if rule["kind"] == "latency":
                delay += rule["seconds"]
            elif acting is None:
                acting = rule["kind"]
        return acting, delay, fired, touched

    @staticmethod
    def undo(touched):
        """Forget a request counted by ``select`` (it was refused by the rate limiter)."""
        for rule, fire in touched:
            rule["seen"] -= 1
            if fire:
                rule["fired"] -= 1
