"""Install the offline pip bootstrap for the ansible-test of this interpreter.

Run with a venv's python (``.venv/bin/python tools/install_pip_bootstrap.py``).
Reads every ``pip='X.Y'`` pin from that ansible-test's python_requirements.py
and writes tools/get_pip_offline.py to ``~/.ansible/test/cache/get_pip_X_Y.py``
unless a file that is not ours (a real get-pip.py, downloaded earlier) is there.
"""
import os
import re
import sys

MARKER = b'logmein.central offline get-pip stand-in'


def main():
    import ansible_test  # pylint: disable=import-outside-toplevel

    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'get_pip_offline.py')
    with open(source, 'rb') as handle:
        content = handle.read()

    reqs = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
    with open(reqs, encoding='utf-8') as handle:
        versions = sorted(set(re.findall(r"""\bpip=['"]([0-9.]+)['"]""", handle.read())))
    if not versions:
        sys.exit('install_pip_bootstrap: no pip version pin found in %s' % reqs)

    cache = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache, exist_ok=True)
    for version in versions:
        path = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))
        if os.path.exists(path):
            with open(path, 'rb') as handle:
                current = handle.read()
            if current == content:
                continue
            if MARKER not in current:
                print('install_pip_bootstrap: keeping existing %s (not ours)' % path)
                continue
        tmp = path + '.tmp'
        with open(tmp, 'wb') as handle:
            handle.write(content)
        os.replace(tmp, path)
        print('install_pip_bootstrap: wrote %s (pip %s)' % (path, version))
    return 0


if __name__ == '__main__':
    sys.exit(main())
