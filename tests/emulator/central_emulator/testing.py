# -*- coding: utf-8 -*-
"""Helpers to run the emulator from tests (standard library only; admin calls use urllib).

``start_emulator(**options)``
    Runs the server in a background thread of the current process on a free port (fast;
    for pytest). ``options``: any configuration key (see ``config.DEFAULTS``) plus
    ``profile`` (a built-in profile name, a profile file path or a profile object; the
    other keys override it), ``seed``, ``hosts``, ``dataset`` (a dict in state shape or a file path), ``tls``,
    ``tls_cert``, ``tls_key``, ``request_log`` (file path), ``host``, ``port``, ``quiet``.

``start_emulator_process(timeout=30, python=None, **cli_options)``
    Runs ``python -m central_emulator`` as a subprocess (for multi-process and playbook
    tests) and waits for its ``--ready-file``. ``cli_options`` map to the command line
    options (``rate_limit_window=0.2`` -> ``--rate-limit-window 0.2``, ``tls=True`` ->
    ``--tls``, lists -> comma-separated, ``profile="variants"`` -> ``--profile variants``;
    ``False`` leaves the option out); ``port`` defaults to 0 and ``quiet`` to True.
    A ``psk`` is passed through the environment, not the command line.

Both return a ``RunningEmulator`` with ``url``, ``api_url``, ``company_id``, ``psk``,
``cert`` (the CA file to verify TLS, or None), ``auth`` ((company id, psk) for
``requests``), ``headers`` (the Authorization header), and the methods ``reset(**opts)``,
``configure(**opts)``, ``config()``, ``set_faults(rules)``, ``faults()``,
``log(since=None)``, ``clear_log()``, ``state(inventory=True)``, ``put_state(state)``,
``state_hosts()``, ``state_categories()``, ``expire_reports()`` and ``stop()``. It is also a context manager.
"""

import base64
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from central_emulator import API_PREFIX, ADMIN_PREFIX, config as config_mod, server
from central_emulator.app import EmulatorApp, load_dataset_file
from central_emulator.cli import PSK_ENV

EMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CERT = server.DEFAULT_CERT
_START_KEYS = ("seed", "hosts", "dataset", "tls", "tls_cert", "tls_key", "request_log", "host", "port", "quiet")


class EmulatorAdminError(RuntimeError):
    """An admin API call answered with an error status."""

    def __init__(self, status, message):
        super().__init__("admin API error %s: %s" % (status, message))
        self.status = status
        self.message = message


class RunningEmulator(object):
    """Handle on a running emulator (thread or process)."""

    def __init__(self, url, company_id, psk, cert=None, stop_callback=None):
        self.url = url
        self.api_url = url + API_PREFIX
        self.company_id = company_id
        self.psk = psk
        self.cert = cert
        self.app = None
        self.process = None
        self.output_path = None
        self._startup_credentials = (company_id, psk)
        self._stop_callback = stop_callback
        self._ssl = ssl.create_default_context(cafile=cert) if cert else None

    def __repr__(self):
        return "<RunningEmulator %s>" % self.api_url

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def auth(self):
        """(company id, psk): the ``auth=`` argument for ``requests``."""
        return (self.company_id, self.psk)

    @property
    def headers(self):
        """The Authorization header for the current credentials."""
        token = base64.b64encode(("%s:%s" % (self.company_id, self.psk)).encode("utf-8")).decode("ascii")
        return {"Authorization": "Basic " + token}

    def admin(self, method, path, body=None, timeout=60):
        """Call the admin API; returns the decoded JSON answer."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + ADMIN_PREFIX + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data is not None else {})
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=self._ssl) as answer:
                return json.loads(answer.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read().decode("utf-8")).get("message")
            except ValueError:
                message = error.reason
            raise EmulatorAdminError(error.code, message) from None

    def _track(self, options, restore):
        if restore:
            self.company_id, self.psk = self._startup_credentials
        self.company_id = options.get("company_id", self.company_id)
        self.psk = options.get("psk", self.psk)

    def reset(self, **options):
        """Regenerate data (``seed``, ``hosts``), clear log/faults/limits, restore the startup config plus ``options``."""
        answer = self.admin("POST", "/reset", options)
        self._track(options, restore=True)
        return answer

    def configure(self, **options):
        """Partial configuration update; returns the configuration (PSK masked)."""
        answer = self.admin("POST", "/config", options)
        self._track(options, restore=False)
        return answer

    def config(self):
        return self.admin("GET", "/config")

    def set_faults(self, rules):
        return self.admin("POST", "/faults", {"rules": list(rules)})["rules"]

    def faults(self):
        return self.admin("GET", "/faults")["rules"]

    def log(self, since=None):
        return self.admin("GET", "/log" if since is None else "/log?since=%d" % since)["entries"]

    def clear_log(self):
        self.admin("DELETE", "/log")

    def state(self, inventory=True):
        return self.admin("GET", "/state" if inventory else "/state?inventory=0")

    def put_state(self, state):
        return self.admin("PUT", "/state", state)

    def state_hosts(self):
        """The hosts of the state (without inventory data)."""
        return self.state(inventory=False)["hosts"]

    def state_categories(self):
        """The custom field categories of the state: [{id, name, values: [{id, name}]}]."""
        return self.state(inventory=False)["customFieldCategories"]

    def expire_reports(self):
        self.admin("POST", "/expire-reports", {})

    def stop(self):
        callback, self._stop_callback = self._stop_callback, None
        if callback is not None:
            callback()


def start_emulator(**options):
    """Start an emulator in a background thread (port 0 by default). Returns a RunningEmulator."""
    start = {key: options.pop(key) for key in _START_KEYS if key in options}
    dataset_state = start.get("dataset")
    if isinstance(dataset_state, str):
        dataset_state = load_dataset_file(dataset_state)
    app = EmulatorApp(options, seed=start.get("seed"), hosts=start.get("hosts"), dataset_state=dataset_state,
                      request_log=start.get("request_log"))
    tls = bool(start.get("tls") or start.get("tls_cert"))
    httpd = server.create_server(app, start.get("host", "127.0.0.1"), start.get("port", 0), tls, start.get("tls_cert"),
                                 start.get("tls_key"), start.get("quiet", True))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="central-emulator", daemon=True)
    thread.start()

    def stop():
        httpd.shutdown()
        httpd.server_close()
        app.close()
        thread.join(10)

    running = RunningEmulator(httpd.url, app.config["company_id"], app.config["psk"],
                              cert=(start.get("tls_cert") or DEFAULT_CERT) if tls else None, stop_callback=stop)
    running.app = app
    return running


def _argv(options):
    argv = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            argv.append(flag)
        elif value is False or value is None:
            continue
        elif isinstance(value, (list, tuple)):
            argv.extend([flag, ",".join(str(item) for item in value)])
        else:
            argv.extend([flag, str(value)])
    return argv


def start_emulator_process(timeout=30.0, python=None, **cli_options):
    """Start ``python -m central_emulator`` in a subprocess; waits until it listens. Returns a RunningEmulator."""
    workdir = tempfile.mkdtemp(prefix="central-emulator-")
    ready = os.path.join(workdir, "ready.json")
    output_path = os.path.join(workdir, "output.log")
    options = {"port": 0, "quiet": True}
    options.update(cli_options)
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(item for item in (EMULATOR_DIR, environment.get("PYTHONPATH")) if item)
    psk = options.pop("psk", None)
    if psk is not None:
        environment[PSK_ENV] = psk
    psk = psk or environment.get(PSK_ENV) or config_mod.DEFAULT_PSK
    argv = [python or sys.executable, "-m", "central_emulator"] + _argv(options) + ["--ready-file", ready]
    output = open(output_path, "wb")  # pylint: disable=consider-using-with
    process = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                               env=environment, cwd=workdir)

    def stop():
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        output.close()
        shutil.rmtree(workdir, ignore_errors=True)

    deadline = time.monotonic() + timeout
    while not os.path.exists(ready):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_reason = "exited with %s" % process.returncode if process.poll() is not None else "did not start in %ss" % timeout
            with open(output_path, "rb") as handle:
                tail = handle.read()[-4000:].decode("utf-8", "replace")
            stop()
            raise RuntimeError("central emulator %s:\n%s" % (stop_reason, tail))
        time.sleep(0.02)
    with open(ready, "r", encoding="utf-8") as handle:
        info = json.load(handle)
    running = RunningEmulator(info["url"], info["company_id"], psk, cert=info.get("cert"), stop_callback=stop)
    running.process = process
    running.output_path = output_path
    return running
