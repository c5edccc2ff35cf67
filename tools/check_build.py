"""Check what a built collection tarball holds before it is published.

    .venv/bin/python tools/check_build.py dist/logmein-central-X.Y.Z.tar.gz

``ansible-galaxy collection build`` packs every file of the folder it is given
except the few it always skips and the ``build_ignore`` patterns of galaxy.yml.
A release is built from a working clone, which also holds virtual environments,
build and test output, caches and perhaps a key someone dropped there; a
pattern missing from ``build_ignore`` ships them to every user. This script
lists what must never be in the tarball and fails, naming each member, when it
is. ``make build-check`` runs it on a tarball built from the repository root,
and ``tools/test_check_build.py`` shows that it fails when such files are there.
"""
import hashlib
import posixpath
import re
import sys
import tarfile

# Path components that mark a whole folder as something that must not ship.
FORBIDDEN_COMPONENTS = {
    # virtual environments (ours are .venv, .venv-core216, ...) and tox/nox ones
    'venv': 'a virtual environment',
    '.tox': 'a virtual environment',
    '.nox': 'a virtual environment',
    'site-packages': 'a virtual environment',
    # version control: a worktree's .git is a file, a clone's a folder
    '.git': 'version control data',
    '.hg': 'version control data',
    '.svn': 'version control data',
    # caches
    '__pycache__': 'a cache',
    '.pytest_cache': 'a cache',
    '.hypothesis': 'a cache',
    '.mypy_cache': 'a cache',
    '.ruff_cache': 'a cache',
    '.cache': 'a cache',
    # ansible-lint, molecule and ansible-test write here
    '.ansible': 'test output',
    # ansible-runner writes the whole environment, secrets included, into artifacts/<id>/
    'artifacts': 'test output (ansible-runner artifacts hold the environment, secrets included)',
    # repository machinery: workflows and templates are of no use to whoever installs the collection
    '.github': 'repository machinery (decided: not shipped)',
}

# Paths (relative to the collection root) that must not be there, nor anything under them.
FORBIDDEN_PREFIXES = {
    'tests/output': 'test output',
    'tests/integration/inventory': 'test output',
    'dist': 'build output',
    'changelogs/.plugin-cache.yaml': 'a cache',
    'importer_result.json': 'build output (galaxy-importer)',
}

FORBIDDEN_SUFFIXES = {
    '.pyc': 'a cache',
    '.pyo': 'a cache',
    '.tar.gz': 'build output (a collection tarball)',
    '.whl': 'build output',
    '.key': 'a private key file',
    '.pem': 'a key or certificate file',
    '.p12': 'a private key file',
    '.pfx': 'a private key file',
    '.ppk': 'a private key file',
}

FORBIDDEN_NAMES = {
    'pyvenv.cfg': 'a virtual environment',
    'id_rsa': 'a private key file',
    'id_dsa': 'a private key file',
    'id_ecdsa': 'a private key file',
    'id_ed25519': 'a private key file',
}

# PEM ("-----BEGIN RSA PRIVATE KEY-----", "... EC ...", "... ENCRYPTED ...", "... OPENSSH ...")
# and PuTTY private keys, wherever they are, whatever the file is called.
PRIVATE_KEY_CONTENT = re.compile(
    br'-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----|PuTTY-User-Key-File-[0-9]+:')

# Files that match a rule above and ship on purpose, each pinned to its exact content, so
# that a real key put in their place fails the check. The emulator serves HTTPS for offline
# tests with a self-signed certificate for localhost whose key is public by design (its
# subject says "not a secret"); tests/emulator/README.md documents it. Regenerating that
# certificate means updating these digests. An entry that matches nothing is an error, as an
# unneeded sanity ignore entry is, so the list cannot outlive its reason.
ALLOWED = {
    'tests/emulator/central_emulator/certs/key.pem':
        '92d5eddca9fdd670fee3d19bcf53cba0f0ca4a845895bb7f1054ecc48711a5cf',
    'tests/emulator/central_emulator/certs/cert.pem':
        '16e194a1aa5f8e993b5d3b586b1d58998d9282867d00b1cd0ec0a6898d83c109',
}

# Without these the tarball is not a collection at all, and an empty or wrong archive would
# pass every rule above.
REQUIRED = ('MANIFEST.json', 'FILES.json', 'plugins/modules')


def _normalise(name):
    name = name[2:] if name.startswith('./') else name
    return name.rstrip('/')


def path_problems(path):
    """The reasons why the member ``path`` (relative to the collection root) must not ship."""
    reasons = []
    parts = path.split('/')
    for part in parts:
        if part in FORBIDDEN_COMPONENTS:
            reasons.append(FORBIDDEN_COMPONENTS[part])
        elif part.startswith('.venv') or part.startswith('.build'):
            # .venv, .venv-core216, ... and .build, .build-sanity, ...: make's folders
            reasons.append('a virtual environment' if part.startswith('.venv') else 'build output')
    for prefix, reason in FORBIDDEN_PREFIXES.items():
        if path == prefix or path.startswith(prefix + '/'):
            reasons.append(reason)
    base = parts[-1]
    if base in FORBIDDEN_NAMES:
        reasons.append(FORBIDDEN_NAMES[base])
    for suffix, reason in FORBIDDEN_SUFFIXES.items():
        if base.endswith(suffix):
            reasons.append(reason)
    return sorted(set(reasons))


def check_members(members, allowed=None):
    """Problems in an iterable of ``(path, content or None for a folder)``; [] when clean.

    Each problem is one line naming the member and why it must not ship.
    """
    allowed = ALLOWED if allowed is None else allowed
    problems = []
    seen = set()
    used = set()
    for raw_name, content in members:
        path = _normalise(raw_name)
        if not path or path == '.':
            continue
        seen.add(path)
        reasons = path_problems(path)
        if content is not None and PRIVATE_KEY_CONTENT.search(content):
            reasons.append('private key content')
        if path in allowed:
            used.add(path)
        if reasons and path in allowed and content is not None:
            if hashlib.sha256(content).hexdigest() == allowed[path]:
                continue
            reasons.append('differs from the allowed content pinned in tools/check_build.py')
        if reasons:
            problems.append('%s: %s' % (path, ', '.join(sorted(set(reasons)))))
    for required in REQUIRED:
        if required not in seen and not any(p.startswith(required + '/') for p in seen):
            problems.append('%s: missing (is this a collection tarball?)' % required)
    for path in sorted(set(allowed) - used):
        problems.append('%s: allowed in tools/check_build.py but not in the tarball: '
                        'remove the entry' % path)
    return problems


def tar_members(tarball):
    """``(path, content)`` for every member of a tarball (content None for all but files)."""
    with tarfile.open(tarball, 'r:*') as archive:
        for member in archive.getmembers():
            content = None
            if member.isfile():
                handle = archive.extractfile(member)
                content = handle.read() if handle is not None else b''
            yield member.name, content


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: %s <collection tarball>\n' % argv[0])
        return 2
    tarball = argv[1]
    problems = check_members(tar_members(tarball))
    if problems:
        sys.stderr.write('%s holds what must not be published (fix build_ignore in galaxy.yml, '
                         'or remove the files):\n' % posixpath.basename(tarball))
        for problem in problems:
            sys.stderr.write('  %s\n' % problem)
        return 1
    print('%s: nothing that must not be published' % posixpath.basename(tarball))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
