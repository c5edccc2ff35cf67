"""Tests of tools/check_build.py and of galaxy.yml's build_ignore (run by ``make build-check``).

The check guards every release, so it must fail when a tarball holds what must not ship: each
case below plants one such file and expects the check to name it. The last tests build real
tarballs with ansible-galaxy and this repository's galaxy.yml from a scratch tree full of what a
working clone holds after ``make test`` (venvs, .build folders, caches, test output, a .git
file, ...): build_ignore must drop all of it, and a private key it does not drop must fail.
"""
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check_build  # noqa: E402 pylint: disable=wrong-import-position

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CERTS = 'tests/emulator/central_emulator/certs'
PEM_KEY = (b'-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n'
           b'-----END RSA PRIVATE KEY-----\n')


def _read(relpath):
    with open(os.path.join(REPO, relpath), 'rb') as handle:
        return handle.read()


def _clean_members():
    return [
        ('MANIFEST.json', b'{}'),
        ('FILES.json', b'{}'),
        ('plugins/', None),
        ('plugins/modules/', None),
        ('plugins/modules/host.py', b'# a module\n'),
        (CERTS + '/key.pem', _read(CERTS + '/key.pem')),
        (CERTS + '/cert.pem', _read(CERTS + '/cert.pem')),
    ]


def test_a_clean_collection_passes():
    assert check_build.check_members(_clean_members()) == []


@pytest.mark.parametrize('path, content', [
    ('.venv/bin/python', b''),
    ('.venv-core217/pyvenv.cfg', b'home = /usr\n'),
    ('venv/lib/python3.12/site-packages/x.py', b''),
    ('plugins/modules/__pycache__/host.cpython-312.pyc', b''),
    ('plugins/modules/host.pyc', b''),
    ('.pytest_cache/v/cache/nodeids', b'[]'),
    ('tests/unit/.hypothesis/examples/x', b''),
    ('tests/output/junit/python3.12-units.xml', b''),
    ('tests/integration/inventory', b'[testhost]\n'),
    ('.git', b'gitdir: /work/main/.git/worktrees/x\n'),
    ('.git/HEAD', b'ref: refs/heads/main\n'),
    ('.build/ansible_collections/logmein/central/galaxy.yml', b''),
    ('.build-sanity/x', b''),
    ('dist/logmein-central-0.1.0.tar.gz', b''),
    ('logmein-central-0.1.0.tar.gz', b''),
    ('changelogs/.plugin-cache.yaml', b''),
    ('.ansible/collections/x', b''),
    ('roles/desired_state/molecule/default/.ansible/tmp/x', b''),
    ('artifacts/1234/command', b'{"env": {"LOGMEIN_CENTRAL_PSK": "x"}}'),
    ('.github/workflows/ci.yml', b'on: push\n'),
    ('secret.key', b'anything'),
    ('plugins/modules/id_ed25519', b'anything'),
    ('docs/notes.txt', b'a note\n' + PEM_KEY),
    ('tests/unit/fixture.json', b'{"k": "-----BEGIN OPENSSH PRIVATE KEY-----"}'),
    ('tests/unit/server.pem', b'-----BEGIN CERTIFICATE-----\n'),
])
def test_each_forbidden_member_fails(path, content):
    problems = check_build.check_members(_clean_members() + [(path, content)])
    assert len(problems) == 1, problems
    assert problems[0].startswith(path.rstrip('/') + ': '), problems


def test_an_allowed_path_with_other_content_fails():
    members = [(p, PEM_KEY if p.endswith('key.pem') else c) for p, c in _clean_members()]
    problems = check_build.check_members(members)
    assert problems == [CERTS + '/key.pem: a key or certificate file, differs from the allowed '
                        'content pinned in tools/check_build.py, private key content']


def test_the_pinned_digests_are_those_of_the_shipped_files():
    for path, digest in check_build.ALLOWED.items():
        assert hashlib.sha256(_read(path)).hexdigest() == digest, path


def test_an_unused_allowed_entry_and_a_non_collection_fail():
    problems = check_build.check_members([('README.md', b'')])
    assert 'MANIFEST.json: missing (is this a collection tarball?)' in problems
    assert 'plugins/modules: missing (is this a collection tarball?)' in problems
    assert any(p.startswith(CERTS + '/key.pem: allowed in') for p in problems)


def test_main_reads_a_tarball(tmp_path, capsys):
    def write(name, members):
        path = str(tmp_path / name)
        with tarfile.open(path, 'w:gz') as archive:
            for member, content in members:
                info = tarfile.TarInfo(member.rstrip('/'))
                if content is None:
                    info.type = tarfile.DIRTYPE
                    archive.addfile(info)
                else:
                    info.size = len(content)
                    archive.addfile(info, io.BytesIO(content))
        return path

    assert check_build.main(['check_build', write('good.tar.gz', _clean_members())]) == 0
    bad = write('bad.tar.gz', _clean_members() + [('.venv/pyvenv.cfg', b'')])
    assert check_build.main(['check_build', bad]) == 1
    assert '.venv/pyvenv.cfg: a virtual environment' in capsys.readouterr().err


# --- galaxy.yml's build_ignore, through a real ansible-galaxy build ---

def _scratch_collection(root):
    """A minimal collection with this repository's galaxy.yml and shipped test certificate."""
    for relpath in ('galaxy.yml', 'README.md', 'meta/runtime.yml', 'plugins/modules/host.py',
                    CERTS + '/key.pem', CERTS + '/cert.pem'):
        target = os.path.join(root, relpath)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(REPO, relpath), target)


def _plant(root, relpath, content=b''):
    target = os.path.join(root, relpath)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, 'wb') as handle:
        handle.write(content)


def _build(root, out):
    # The ansible-galaxy of the venv running the tests (the pinned one).
    galaxy = os.path.join(os.path.dirname(sys.executable), 'ansible-galaxy')
    subprocess.run([galaxy, 'collection', 'build', '--force', '--output-path', out, root],
                   check=True, stdout=subprocess.DEVNULL)
    (tarball,) = [os.path.join(out, n) for n in os.listdir(out) if n.endswith('.tar.gz')]
    return tarball


def _plant_clone_litter(root, elsewhere):
    """What a clone holds after `make test`, `make sanity BUILD=.build-sanity`, a release build."""
    # The worktrees' .venv are symbolic links to shared venvs.
    _plant(elsewhere, 'shared-venv/pyvenv.cfg', b'home = /usr/bin\n')
    os.symlink(os.path.join(elsewhere, 'shared-venv'), os.path.join(root, '.venv'))
    for relpath in ('.venv-core217/pyvenv.cfg', '.venv-workflow-lint/bin/actionlint',
                    '.build/ansible_collections/logmein/central/galaxy.yml',
                    '.build-sanity/ansible_collections/logmein/central/galaxy.yml',
                    'dist/logmein-central-0.1.0.tar.gz', 'logmein-central-0.1.0.tar.gz',
                    'plugins/modules/__pycache__/host.cpython-312.pyc',
                    'tests/unit/__pycache__/conftest.cpython-311.pyc',
                    '.pytest_cache/v/cache/nodeids', 'tests/.pytest_cache/README.md',
                    '.hypothesis/examples/x', 'tests/output/junit/x.xml',
                    'tests/integration/inventory', 'changelogs/.plugin-cache.yaml',
                    '.ansible/collections/ansible_collections/x', '.github/workflows/ci.yml',
                    '.ci/run', 'tools/check_build.py', 'Makefile'):
        _plant(root, relpath)
    _plant(root, '.git', b'gitdir: /elsewhere/.git/worktrees/community\n')


def test_build_ignore_drops_what_a_clone_holds(tmp_path):
    root, out = str(tmp_path / 'clone'), str(tmp_path / 'out')
    _scratch_collection(root)
    _plant_clone_litter(root, str(tmp_path))
    tarball = _build(root, out)
    assert check_build.check_members(check_build.tar_members(tarball)) == []


def test_a_private_key_in_the_tree_fails_the_release(tmp_path):
    # build_ignore does not hide keys: a key in a clone is an incident to deal with (it may be in
    # the Git history too), so the release stops and says so instead of shipping without it.
    root, out = str(tmp_path / 'clone'), str(tmp_path / 'out')
    _scratch_collection(root)
    _plant_clone_litter(root, str(tmp_path))
    _plant(root, 'plugins/modules/central.key', b'whatever is in it')
    _plant(root, 'docs/notes.md', b'The PSK and key for the lab:\n' + PEM_KEY)
    tarball = _build(root, out)
    problems = check_build.check_members(check_build.tar_members(tarball))
    assert problems == ['docs/notes.md: private key content',
                        'plugins/modules/central.key: a private key file'], problems
