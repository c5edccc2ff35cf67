# -*- coding: utf-8 -*-
"""Command line: ``python3 -m central_emulator [options]`` (or ``run_emulator.py``)."""

import argparse
import json
import os
import signal
import sys
import threading
import time

from central_emulator import API_PREFIX, __version__, config as config_mod, dataset, profiles, server
from central_emulator.app import EmulatorApp, load_dataset_file

PSK_ENV = "CENTRAL_EMULATOR_PSK"


def _seed(value):
    return int(value) if value.lstrip("-").isdigit() else value


def _id_list(value):
    try:
        return [int(item) for item in value.split(",") if item.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected comma-separated integer host ids") from None


def build_parser():
    parser = argparse.ArgumentParser(
        prog="central_emulator",
        description="Stateful emulator of the LogMeIn Central public API (for tests). "
                    "The API is served under /public-api; the admin API under /_emulator/.")
    parser.add_argument("--version", action="version", version="%(prog)s " + __version__)
    net = parser.add_argument_group("network")
    net.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    net.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free port)")
    net.add_argument("--tls", action="store_true", help="serve HTTPS with the shipped test certificate")
    net.add_argument("--tls-cert", help="certificate (PEM) for --tls instead of the shipped one")
    net.add_argument("--tls-key", help="private key (PEM) for --tls-cert")
    account = parser.add_argument_group("account")
    account.add_argument("--company-id", default=config_mod.DEFAULT_COMPANY_ID, help="company id (default %(default)s)")
    account.add_argument("--psk", default=None,
                         help="pre-shared key (default: $%s, else the fixed 128-character test PSK in the README)" % PSK_ENV)
    data = parser.add_argument_group("data")
    data.add_argument("--hosts", type=int, default=dataset.DEFAULT_HOSTS, help="number of generated hosts (default %(default)s)")
    data.add_argument("--seed", type=_seed, default=dataset.DEFAULT_SEED, help="dataset seed (default %(default)s)")
    data.add_argument("--dataset", help="load the dataset from a JSON file (shape of GET /_emulator/state) instead of generating it")
    behaviour = parser.add_argument_group("behaviour")
    behaviour.add_argument("--rate-limit-window", type=float, default=60.0, help="seconds between calls of an action (default 60; 0 = off)")
    behaviour.add_argument("--rate-limit-mode", choices=config_mod.RATE_LIMIT_MODES, default="action",
                           help="one window per action (default) or one for the whole account")
    behaviour.add_argument("--refusals-restart-window", action="store_true",
                           help="a refused call starts the window again (default: only accepted calls count)")
    behaviour.add_argument("--page-size", type=int, default=50, help="hosts per inventory report page (default 50)")
    behaviour.add_argument("--report-token-ttl", type=float, default=3600.0, help="inventory report token lifetime in seconds (default 3600)")
    behaviour.add_argument("--latency", type=float, default=0.0, help="seconds added to every API answer (default 0)")
    behaviour.add_argument("--av-unsent-host-ids", type=_id_list, default=[], help="comma-separated host ids whose AV commands are not sent")
    # Quirk options default to None: only the ones given override the profile's values.
    shapes = parser.add_argument_group("shapes and quirks", "each option given overrides the profile; the defaults are the guide's")
    shapes.add_argument("--profile", help="a built-in profile (%s) or a profile JSON file (default guide)" % ", ".join(profiles.BUILTIN))
    shapes.add_argument("--retry-after", action=argparse.BooleanOptionalAction, help="send Retry-After with 429 answers (default off)")
    shapes.add_argument("--retry-hint", choices=config_mod.RETRY_HINTS, help="body: 429 answers carry retryAfter (seconds) in the body (default none)")
    shapes.add_argument("--auth-failure-status", type=int, help="status of authentication failures (default 409; 401 also documented)")
    shapes.add_argument("--av-details-style", choices=config_mod.AV_DETAILS_STYLES,
                        help="anti-virus details shape: table (hostsGroups, nested capabilities) or example (hostGroups, flat)")
    shapes.add_argument("--realtime-path", choices=config_mod.REALTIME_PATHS, help="which enable-real-time-protection path exists (default documented)")
    shapes.add_argument("--deleted-reason-key", choices=config_mod.DELETED_REASON_KEYS,
                        help="key of the reason in the deleted-hosts report (default deleteReason)")
    shapes.add_argument("--hosts-group-key", choices=config_mod.HOSTS_GROUP_KEYS, help="group key of hostswithgroups hosts (default groupid)")
    shapes.add_argument("--ids-as-strings", action=argparse.BooleanOptionalAction,
                        help="host and group ids as JSON strings in hostswithgroups, hosts and custom-fields (default off)")
    shapes.add_argument("--inventory-nesting", choices=config_mod.INVENTORY_NESTINGS, help="inventory report entries flat (default) or nested")
    shapes.add_argument("--json-prefix", action=argparse.BooleanOptionalAction, help="start report bodies with )]}' and a newline (default off)")
    shapes.add_argument("--continuation-key", choices=config_mod.CONTINUATION_KEYS,
                        help="where a report page carries its continuation token (default report.token)")
    shapes.add_argument("--report-not-ready", type=int, help="reads of a new report's first page answered 'not ready' (default 0)")
    shapes.add_argument("--report-not-ready-style", choices=config_mod.REPORT_NOT_READY_STYLES, help="not ready: 404 (default) or an empty page")
    shapes.add_argument("--connection-link-key", choices=config_mod.CONNECTION_LINK_KEYS,
                        help="key of the link in the connection answer (default connectionUrl)")
    output = parser.add_argument_group("output")
    output.add_argument("--request-log", help="append the request log to this file as JSON lines")
    output.add_argument("--ready-file", help="write {\"url\": ..., \"api_url\": ...} as JSON to this file once listening")
    output.add_argument("--quiet", action="store_true", help="do not print one line per request on stderr")
    output.add_argument("--idle-exit", type=float, default=0.0, metavar="SECONDS",
                        help="stop after SECONDS without any request, API or admin (default 0 = never; "
                             "for runners with no teardown step, such as ansible-test integration)")
    return parser


def config_from_args(args):
    """The configuration keys given by the command line (a quirk only when its option is given)."""
    config = {
        "company_id": args.company_id,
        "psk": args.psk or os.environ.get(PSK_ENV) or config_mod.DEFAULT_PSK,
        "rate_limit_window": args.rate_limit_window,
        "rate_limit_mode": args.rate_limit_mode,
        "refusals_restart_window": args.refusals_restart_window,
        "page_size": args.page_size,
        "report_token_ttl": args.report_token_ttl,
        "latency": args.latency,
        "av_unsent_host_ids": args.av_unsent_host_ids,
    }
    if args.profile is not None:
        config["profile"] = args.profile
    config.update((key, getattr(args, key)) for key in config_mod.QUIRK_KEYS if getattr(args, key) is not None)
    return config


def describe_rate_limit(config):
    if config["rate_limit_window"] <= 0:
        return "rate limit off"
    retry_after = ", Retry-After" if config["retry_after"] else ""
    restart = ", refusals restart it" if config["refusals_restart_window"] else ""
    return "rate limit %gs per %s%s%s" % (config["rate_limit_window"], config["rate_limit_mode"], restart, retry_after)


def write_ready_file(path, info):
    temporary = "%s.%d.tmp" % (path, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(info, handle)
    os.replace(temporary, path)


def _exit_when_idle(httpd, seconds):
    """Shut the server down once no request has arrived for ``seconds``."""
    while True:
        idle = time.monotonic() - httpd.last_request
        if idle >= seconds:
            sys.stdout.write("Central emulator: no request for %gs, stopping\n" % seconds)
            sys.stdout.flush()
            httpd.shutdown()
            return
        time.sleep(min(seconds - idle, 1.0) + 0.01)


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        state = load_dataset_file(args.dataset) if args.dataset else None
        app = EmulatorApp(config_from_args(args), seed=args.seed, hosts=args.hosts, dataset_state=state, request_log=args.request_log)
        httpd = server.create_server(app, args.host, args.port, args.tls or bool(args.tls_cert), args.tls_cert, args.tls_key, args.quiet)
    except (OSError, ValueError) as error:
        sys.stderr.write("central emulator: cannot start: %s\n" % error)
        return 2

    def stop(signum, frame):
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.idle_exit > 0:
        threading.Thread(target=_exit_when_idle, args=(httpd, args.idle_exit), name="idle-exit", daemon=True).start()
    api_url = httpd.url + API_PREFIX
    summary = app.summary()
    profile = "" if app.config["profile"] == "guide" else ", profile %s" % app.config["profile"]
    sys.stdout.write("Central emulator listening on %s (company id %s, %d hosts, %s%s)\n" % (
        api_url, app.config["company_id"], summary["hosts"], describe_rate_limit(app.config), profile))
    sys.stdout.flush()
    if args.ready_file:
        info = {"url": httpd.url, "api_url": api_url, "pid": os.getpid(), "company_id": app.config["company_id"]}
        if httpd.ssl_context is not None:
            info["cert"] = os.path.abspath(args.tls_cert or server.DEFAULT_CERT)
        write_ready_file(args.ready_file, info)
    try:
        httpd.serve_forever(poll_interval=0.2)
    finally:
        httpd.server_close()
        app.close()
    return 0
