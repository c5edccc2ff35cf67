# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Integration harness: real ansible-playbook and ansible-inventory processes against an emulator process.

The collection is used from the tree these tests run in (``.build/ansible_collections/...``),
never from ``~/.ansible/collections``. Credentials reach Ansible only through the
``LOGMEIN_CENTRAL_*`` environment variables, as an AWX credential would inject them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION_ROOT = os.path.dirname(os.path.dirname(HERE))
COLLECTIONS_PATH = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION_ROOT)))
PLAYBOOKS = os.path.join(HERE, 'playbooks')
EMULATOR_DIR = os.path.join(COLLECTION_ROOT, 'tests', 'emulator')
BIN = os.path.dirname(sys.executable)

if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from central_emulator.testing import start_emulator_process  # noqa: E402 pylint: disable=wrong-import-position


# The emulator's built-in profiles: the guide's shapes, and every variant public clients saw from the live service.
PROFILES = ('guide', 'variants')


def pytest_configure(config):
    config.addinivalue_line('markers', 'core216: also run on the oldest supported ansible-core (make integration-core216)')
    config.addinivalue_line('markers', 'awx: runs through ansible-runner, in the tools venv (make awx)')
    config.addinivalue_line('markers', 'eda: runs the real ansible-rulebook, in the EDA venv (make eda)')
    config.addinivalue_line('markers', 'both_profiles: runs against the guide and the variants profile of the emulator')


def pytest_generate_tests(metafunc):
    """Tests marked both_profiles run once per emulator profile; the others against the guide's shapes."""
    if 'emulator_profile' in metafunc.fixturenames and metafunc.definition.get_closest_marker('both_profiles'):
        metafunc.parametrize('emulator_profile', PROFILES)


@pytest.fixture
def emulator_profile():
    return 'guide'


@pytest.fixture(scope='session')
def central_process():
    running = start_emulator_process(rate_limit_window=0, hosts=60)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def central(central_process, emulator_profile):
    """The emulator, reset to its start-up data and the test's profile, rate limit off, empty request log."""
    central_process.reset(rate_limit_window=0, profile=emulator_profile)
    yield central_process


class AnsibleRunner:
    """Runs Ansible's own command-line tools with the environment a user or AWX would give them."""

    def __init__(self, central, tmp_path):
        self.central = central
        self.tmp_path = tmp_path
        self.env = dict(os.environ)
        for name in list(self.env):
            if name.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_')):
                del self.env[name]
        self.env.update({
            'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS_PATH,
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
            'ANSIBLE_LOCAL_TEMP': str(tmp_path / 'ansible-tmp'),
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true',
            'LOGMEIN_CENTRAL_API_URL': central.api_url,
            'LOGMEIN_CENTRAL_COMPANY_ID': central.company_id,
            'LOGMEIN_CENTRAL_PSK': central.psk,
            'LOGMEIN_CENTRAL_STATE_DIR': str(tmp_path / 'state'),
            'PATH': BIN + os.pathsep + self.env.get('PATH', ''),
        })

    def run(self, tool, *args, **env):
        environment = dict(self.env)
        environment.update({k: str(v) for k, v in env.items()})
        return subprocess.run([os.path.join(BIN, tool)] + [str(a) for a in args], env=environment, cwd=str(self.tmp_path),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=False, timeout=600)

    def playbook(self, name, *args, extra_vars=None, **env):
        """Run tests/integration/playbooks/<name>; ``output_dir`` is passed for results written by the play."""
        variables = {'output_dir': str(self.tmp_path)}
        variables.update(extra_vars or {})
        if '-i' not in args:
            env.setdefault('ANSIBLE_INVENTORY_UNPARSED_FAILED', 'false')  # the implicit localhost only
        return self.run('ansible-playbook', os.path.join(PLAYBOOKS, name), '-e', json.dumps(variables), *args, **env)

    def output(self, name):
        with open(str(self.tmp_path / name), encoding='utf-8') as handle:
            return json.load(handle)


@pytest.fixture
def ansible(central, tmp_path):
    return AnsibleRunner(central, tmp_path)


def writes(central):
    """The API calls in the emulator's log that change something."""
    return [e for e in central.log() if e['write']]


def reads(central):
    return [e for e in central.log() if not e['write']]
