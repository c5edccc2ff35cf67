# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The state directory trusts nothing it finds: another local user's folders, links, pipes and planted state.

The attacks of a second local user run as ``nobody`` (through ``setpriv``), in a directory that
user can reach, as they would in a shared temporary directory; the victim is this process (root
in CI). Every attack must leave the victim's files alone, never hang, say once what is wrong,
and let the calls go on with state kept in memory.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import pytest

from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.rate_limit import DOCUMENT, RateLimiter
from ansible_collections.logmein.central.plugins.module_utils.read_cache import GENERATIONS, ReadCache
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore, account_key

from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeClock, FakeResponse, FakeSession

API_URL, COMPANY = 'https://central.example/public-api', '1234'
KEY = account_key(API_URL, COMPANY)
NOBODY = 65534


@contextlib.contextmanager
def no_hang(seconds=10):
    """Fail instead of hanging for ever (a FIFO opened for reading blocks until a writer comes)."""
    def expired(signum, frame):
        raise AssertionError('blocked for more than %d s' % seconds)
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def client_at(state_dir, answers=2):
    clock = FakeClock()
    settings = ConnectionSettings(API_URL, COMPANY, 'psk-value', read_cache_ttl=60)
    session = FakeSession([FakeResponse(200, {'hosts': []}) for dummy in range(answers)], clock=clock)
    return CentralClient(settings, session=session, state_dir=str(state_dir), clock=clock, sleep=clock.sleep,
                         jitter=lambda: 0.0), session, clock


def state_warnings(client):
    return [w for w in client.warnings if w.startswith('the state directory is not used')]


@pytest.fixture
def shared_tmp():
    """A directory like /tmp: world-writable and sticky, where a second user can plant things."""
    folder = tempfile.mkdtemp(prefix='central-shared-', dir='/tmp')
    os.chmod(folder, 0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_second_user(script):
    """Run Python ``script`` as ``nobody``: the other local user of a shared machine."""
    if os.geteuid() != 0:
        pytest.fail('the multi-user tests act as a second local user (nobody, through setpriv): run them as root, as CI does')
    # The system's Python: the test's own may live where nobody cannot read (root's home).
    python = shutil.which('python3', path='/usr/bin:/bin') or sys.executable
    subprocess.run(['setpriv', '--reuid=%d' % NOBODY, '--regid=%d' % NOBODY, '--clear-groups', '--',
                    python, '-c', script], check=True, timeout=30)


def plant(root, target):
    """What the other user prepares: the account folder, its lock a link to ``target``, a FIFO as state."""
    return '''
import os
root = %r
os.makedirs(os.path.join(root, %r), mode=0o777, exist_ok=True)
folder = os.path.join(root, %r)
for made in (root, folder):
    if os.stat(made).st_uid == os.geteuid():
        os.chmod(made, 0o777)
os.symlink(%r, os.path.join(folder, '.lock'))
os.mkfifo(os.path.join(folder, %r))
''' % (root, KEY, KEY, target, DOCUMENT)


def test_a_state_root_made_by_another_user_is_not_used(shared_tmp):
    root = os.path.join(shared_tmp, 'state')
    target = os.path.join(shared_tmp, 'made-by-the-victim')  # where a file of root would appear
    as_second_user(plant(root, target))
    with no_hang():
        client, session, dummy = client_at(root)
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert len(session.requests) == 2
    assert not os.path.lexists(target)
    warnings = state_warnings(client)
    assert len(warnings) == 1 and '%s belongs to another user (uid %d' % (root, NOBODY) in warnings[0]


def test_a_world_writable_state_root_is_not_used(shared_tmp):
    # LOGMEIN_CENTRAL_STATE_DIR pointing at a temporary directory itself: another user may have planted the account folder.
    target = os.path.join(shared_tmp, 'made-by-the-victim')
    as_second_user(plant(shared_tmp, target))
    with no_hang():
        client, session, dummy = client_at(shared_tmp)
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert not os.path.lexists(target)
    assert 'is writable by its group or by others (mode 1777)' in state_warnings(client)[0]


def test_links_and_pipes_in_the_own_state_directory_are_never_followed(tmp_path):
    victim = tmp_path / 'victim'
    victim.write_text('keep')
    # The account folder a link to somewhere else.
    (tmp_path / 'linked').mkdir(mode=0o700)
    os.symlink(str(tmp_path / 'elsewhere'), str(tmp_path / 'linked' / KEY))
    (tmp_path / 'elsewhere').mkdir()
    client, dummy, dummy = client_at(tmp_path / 'linked')
    client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert os.listdir(str(tmp_path / 'elsewhere')) == [] and 'is a symbolic link' in state_warnings(client)[0]

    # The lock a link to a victim file: not created, not truncated.
    folder = tmp_path / 'locklink' / KEY
    folder.mkdir(parents=True, mode=0o700)
    os.symlink(str(victim), str(folder / '.lock'))
    client, dummy, dummy = client_at(tmp_path / 'locklink')
    client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert victim.read_text() == 'keep' and 'is a symbolic link' in state_warnings(client)[0]

    # The state a FIFO: no hang, one warning, the calls go on.
    folder = tmp_path / 'fifo' / KEY
    folder.mkdir(parents=True, mode=0o700)
    os.mkfifo(str(folder / DOCUMENT))
    with no_hang():
        client, session, dummy = client_at(tmp_path / 'fifo')
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert len(session.requests) == 2 and len(state_warnings(client)) == 1
    assert 'is not a regular file' in state_warnings(client)[0]


def planted(tmp_path, document, name=DOCUMENT):
    """``document`` written where the victim's state is; a rate-limit document says it has the test clock's times."""
    if name == DOCUMENT and isinstance(document, dict) and 'entries' in document:
        document = dict(document, clock='given')
    store = StateStore(str(tmp_path), KEY)
    with store.locked():
        store.write(name, document)
    return store


# Each planted entry is recent ("updated" now) unless it says otherwise, so that only its flaw can make it unused.
@pytest.mark.parametrize('planted_entry', [
    {'next_slot': 1e10, 'interval': 60.0},                                  # a slot 300 years ahead
    {'next_slot': 3000.0, 'interval': 60.0, 'updated': 1e10},               # never forgotten, a slot within reach
    {'next_slot': 'soon', 'interval': 60.0},                                # wrong types
    {'next_slot': 3000.0, 'interval': [60], 'sends': 'x'},
    {'next_slot': 3000.0, 'interval': 1e9},                                 # an interval beyond any Retry-After
    {'next_slot': 3000.0, 'sends': [1e10], 'interval': 60.0},
    {'next_slot': 3000.0, 'refusals': True, 'interval': 60.0},
], ids=['slot-ahead', 'updated-ahead', 'slot-text', 'interval-list', 'interval-huge', 'send-ahead', 'refusals-bool'])
def test_planted_rate_limit_state_is_discarded_not_obeyed(tmp_path, planted_entry):
    clock = FakeClock()
    now = clock()
    entry = {'updated': now}
    for key, value in planted_entry.items():
        # 3000.0 stands for "now + 3000 s": within the bound, so only the entry's other flaw can discard it.
        entry[key] = now + value if value == 3000.0 else value
    store = planted(tmp_path, {'scope': 'action', 'entries': {'GET /v2/hosts': entry, '*': entry}})
    limiter = RateLimiter(store, clock=clock, jitter=lambda: 0.0)
    wait, reserved = limiter.reserve('GET /v2/hosts', 300.0)
    assert reserved and wait == 0.0


def test_a_planted_entry_within_bounds_is_used(tmp_path):
    # The control of the test above: the same entry without a flaw is obeyed (the call would wait 3000 s).
    clock = FakeClock()
    store = planted(tmp_path, {'scope': 'action', 'entries': {'GET /v2/hosts': {
        'updated': clock(), 'next_slot': clock() + 3000.0, 'interval': 60.0}}})
    assert RateLimiter(store, clock=clock, jitter=lambda: 0.0).reserve('GET /v2/hosts', 300.0)[1] is False


def test_a_planted_state_that_is_not_a_mapping_is_not_used(tmp_path):
    store = planted(tmp_path, {'scope': 'action', 'entries': {'GET /v2/hosts': 'not an entry'}})
    assert RateLimiter(store, clock=FakeClock(), jitter=lambda: 0.0).reserve('GET /v2/hosts', 300.0) == (0.0, True)


@pytest.mark.parametrize('document', [[1, 2], {'entries': 'x'}, {'entries': {'a': {'sends': [None]}}}, 'text', 7])
def test_rate_limit_state_of_the_wrong_shape_is_no_traceback(tmp_path, document):
    store = planted(tmp_path, document)
    limiter = RateLimiter(store, clock=FakeClock(), jitter=lambda: 0.0)
    assert limiter.reserve('GET /v2/hosts', 300.0) == (0.0, True)


@pytest.mark.parametrize('generations', [[1], {'hosts': 'x'}, 'text'])
def test_read_cache_state_of_the_wrong_shape_is_no_traceback(tmp_path, generations):
    clock = FakeClock()
    store = planted(tmp_path, generations, GENERATIONS)
    cache = ReadCache(store, 60, 'tag', clock=clock)
    with store.locked():
        store.write('cache-hosts-x.json', {'path': '/v2/hosts', 'tag': 'tag', 'stored': 'yesterday', 'generation': 0})
    assert cache.get('/v2/hosts', 'hosts') == (False, None)
    cache.put('/v2/hosts', 'hosts', {'hosts': []}, cache.generation('hosts'))
    assert cache.get('/v2/hosts', 'hosts') == (True, {'hosts': []})
    cache.apply('hosts')


def test_the_state_directories_are_created_private(tmp_path):
    root = tmp_path / 'a' / 'b'
    client, dummy, dummy = client_at(root)
    client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    for folder in (tmp_path / 'a', root, root / KEY):
        assert oct(folder.stat().st_mode & 0o777) == '0o700', folder
    assert state_warnings(client) == []
    assert oct((root / KEY / '.lock').stat().st_mode & 0o777) == '0o600'
    assert json.loads((root / KEY / DOCUMENT).read_text())['entries']


def test_a_full_disk_or_a_refused_write_is_a_warning_not_a_traceback(tmp_path, monkeypatch):
    from ansible_collections.logmein.central.plugins.module_utils import state_store

    def full(*args, **kwargs):
        raise OSError(28, 'No space left on device')
    client, session, dummy = client_at(tmp_path)
    monkeypatch.setattr(state_store.tempfile, 'mkstemp', full)
    client.request('GET', '/v2/hosts', 'GET /v2/hosts')  # records its send: a write of the state
    client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert len(session.requests) == 2
    warnings = state_warnings(client)
    assert len(warnings) == 1 and 'cannot be written: No space left on device' in warnings[0]
