# -*- coding: utf-8 -*-
"""The request pipeline, independent of HTTP: one ``EmulatorApp`` per emulated account.

API requests (under ``/public-api``) go through these steps, in this order:

1. route: unknown method + path -> 404 ``{"message": "Not found"}``
2. authentication: missing, malformed or wrong credentials -> ``auth_failure_status``
   (409 ``{"message": "Unauthorized"}``, or 401 ``{"message": "Not authenticated."}``);
   ``GET /v1/authentication`` answers 200 ``{"success": false}`` to well-formed wrong ones
3. fault rules (counted for authenticated requests only): ``error_500``, ``status_400``,
   ``drop_before`` and ``status_429`` act here, before anything is done
4. rate limit: 429 ``{"message": "Too many requests"}`` (+ ``Retry-After`` when configured,
   + ``"retryAfter": seconds`` in the body with ``retry_hint`` ``body``);
   a call that passes starts the window, whatever its outcome below
5. a body whose Content-Type is not application/json -> 415; invalid JSON -> 400
6. the handler (parameter validation 400, unknown ids 404/400, then the work)
7. ``drop_after_commit`` / ``malformed_json`` faults replace the answer; latency (config
   ``latency`` + ``latency`` rules) is slept by the server after the work, without the lock

Admin requests (under ``/_emulator``) are handled by ``admin.Admin``: no auth, no rate
limit, no faults, not logged.
"""

import json
import sys
import threading
import time
import traceback

from central_emulator import ADMIN_PREFIX, API_PREFIX, auth, dataset, handlers, profiles, quirks, routes
from central_emulator.admin import Admin
from central_emulator.errors import ApiError
from central_emulator.faults import FaultInjector
from central_emulator.ratelimit import RateLimiter, retry_after_seconds
from central_emulator.reports import InventoryReports
from central_emulator.requestlog import RequestLog
from central_emulator.response import Response
from central_emulator.store import Store

ERROR_500_MESSAGE = ("An error occurred. If this problem happens again, please contact customer support at "
                     "https://logmein.com/support and quote the error code.")
# The answer of a ``status_400`` fault: the service refusing a value of the request.
ERROR_400_MESSAGE = "Invalid parameter: the service refused a value of the request (fault injected)"
MAX_HOSTS = 1000000


def load_dataset_file(path):
    """Read and validate a dataset file (state JSON). Raises DatasetError / OSError."""
    with open(path, "r", encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except ValueError as error:
            raise dataset.DatasetError("%s is not valid JSON: %s" % (path, error)) from None
    return dataset.normalize(data)


def check_seed_hosts(seed, hosts):
    """Validate reset/start options; raises ValueError."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, str))):
        raise ValueError("seed must be an integer or a string")
    if hosts is not None and (isinstance(hosts, bool) or not isinstance(hosts, int) or not 0 <= hosts <= MAX_HOSTS):
        raise ValueError("hosts must be an integer from 0 to %d" % MAX_HOSTS)


class EmulatorApp(object):
    """State, configuration, limiter, faults and log of one emulator, behind one lock."""

    def __init__(self, config=None, seed=None, hosts=None, dataset_state=None, request_log=None):
        check_seed_hosts(seed, hosts)
        self.lock = threading.RLock()
        self.startup_config = profiles.merged(None, config or {})
        self.startup_seed = dataset.DEFAULT_SEED if seed is None else seed
        self.startup_hosts = dataset.DEFAULT_HOSTS if hosts is None else hosts
        self._startup_dataset = None
        if dataset_state is not None:
            self._startup_dataset = json.dumps(dataset.normalize(dataset_state))
        self.config = self.startup_config
        self.store = Store(self.initial_state())
        self.inventory_reports = InventoryReports()
        self.limiter = RateLimiter()
        self.faults = FaultInjector()
        self.log = RequestLog(request_log)
        self.admin = Admin(self)

    # ------------------------------------------------------------------ state management

    def initial_state(self, seed=None, hosts=None):
        """The startup dataset (file or generated), or a generated one for the given seed/hosts."""
        if seed is None and hosts is None and self._startup_dataset is not None:
            return json.loads(self._startup_dataset)
        return dataset.generate(self.startup_seed if seed is None else seed, self.startup_hosts if hosts is None else hosts)

    def reset(self, options):
        """Regenerate data; clear log, faults, rate limits and reports; restore the startup config plus ``options``."""
        options = dict(options)
        seed = options.pop("seed", None)
        hosts = options.pop("hosts", None)
        check_seed_hosts(seed, hosts)
        new_config = profiles.merged(self.startup_config, options)
        store = Store(self.initial_state(seed, hosts))
        with self.lock:
            self.config = new_config
            self.store = store
            self.inventory_reports.clear()
            self.limiter.clear()
            self.faults.clear()
            self.log.clear()

    def configure(self, updates):
        with self.lock:
            self.config = profiles.merged(self.config, updates)
            return self.config

    def replace_state(self, data):
        store = Store(dataset.normalize(data))
        with self.lock:
            self.store = store
            self.inventory_reports.clear()

    def summary(self):
        with self.lock:
            return {"hosts": len(self.store.hosts), "groups": len(self.store.groups), "seed": self.store.seed}

    def close(self):
        self.log.close()

    # ------------------------------------------------------------------ pipeline

    def _log(self, method, path, route, status, fault, config):
        if route is not None:
            write = route.write
        else:
            write = method in ("PUT", "DELETE", "POST", "PATCH")
        self.log.append(method, path, route.action if route is not None else None, status, fault, write, secrets=(config["psk"],))

    @staticmethod
    def _too_many(config, remaining):
        seconds = retry_after_seconds(remaining)
        headers = [("Retry-After", str(seconds))] if config["retry_after"] else []
        return Response(429, quirks.too_many_body(config, seconds), headers)

    def handle(self, method, raw_path, headers, body):
        """Answer one request. ``headers``: dict with lower-case names; ``body``: bytes."""
        path, dummy, query = raw_path.partition("?")
        path = path.split("#", 1)[0]
        if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
            return self.admin.handle(method, path, query, body)
        config = self.config
        route = params = None
        sub = path[len(API_PREFIX):] if path.startswith(API_PREFIX + "/") else None
        if sub is not None:
            route, params = routes.resolve(method, sub, config)
        if route is None:
            self._log(method, path, None, 404, None, config)
            return Response(404, {"message": "Not found"})

        verdict = auth.check(headers.get("authorization"), config["company_id"], config["psk"])
        if verdict != auth.OK and not (verdict == auth.WRONG and route.handler is handlers.authentication):
            status = config["auth_failure_status"]
            self._log(method, path, route, status, None, config)
            return Response(status, auth.failure_body(status))

        with self.lock:
            acting, rule_delay, fired, touched = self.faults.select(method, route.template, sub)
        fault = acting or ("latency" if fired else None)
        response = None
        if acting == "error_500":
            response = Response(500, {"message": ERROR_500_MESSAGE})
        elif acting == "status_400":
            response = Response(400, {"message": ERROR_400_MESSAGE})
        elif acting == "drop_before":
            response = Response(None, drop=True)
        elif acting == "status_429":
            with self.lock:
                remaining = self.limiter.remaining(route.action, config["rate_limit_window"], config["rate_limit_mode"])
            response = self._too_many(config, remaining or config["rate_limit_window"])
        if response is None:
            with self.lock:
                accepted, remaining = self.limiter.check(route.action, config["rate_limit_window"], config["rate_limit_mode"],
                                                         restart=config["refusals_restart_window"])
                if not accepted:
                    self.faults.undo(touched)
            if not accepted:
                response = self._too_many(config, remaining)
                acting = fault = None
                rule_delay = 0.0
        if response is None:
            response = self._run(route, params, headers, body, verdict == auth.OK, acting)
        self._log(method, path, route, response.status, fault, config)
        response.delay = config["latency"] + rule_delay
        return response

    def _run(self, route, params, headers, body, authenticated, acting):
        payload = None
        if body:
            media = (headers.get("content-type") or "").split(";", 1)[0].strip().lower()
            if media != "application/json":
                return Response(415, {"message": "Unsupported Media Type: the request body must be application/json"})
            try:
                payload = json.loads(body.decode("utf-8"))
            except ValueError:
                return Response(400, {"message": "The request body is not valid JSON"})
        with self.lock:
            config = self.config
            context = handlers.Context(self.store, self.inventory_reports, config, params, payload, time.time(),
                                       authenticated, route.kwargs)
            try:
                result = route.handler(context)
                status = 200
            except ApiError as error:
                status, result = error.status, error.body()
            except Exception:  # a bug in the emulator: answer like the service does
                sys.stderr.write("central emulator: internal error in %s\n%s" % (route.action, traceback.format_exc()))
                status, result = 500, {"message": ERROR_500_MESSAGE}
        if acting == "drop_after_commit":
            return Response(None, drop=True)
        if acting == "malformed_json":
            text = json.dumps(result if result is not None else {"result": "ok"}, ensure_ascii=False).encode("utf-8")
            return Response(200, raw=text[:max(1, len(text) // 2)])
        if status == 200 and result is not None and config["json_prefix"] and quirks.is_report(route.method, route.template):
            return Response(status, result, prefix=quirks.JSON_PREFIX)
        return Response(status, result)
