# -*- coding: utf-8 -*-
# logmein.central offline get-pip stand-in (installed by tools/install_pip_bootstrap.py)
"""Offline stand-in for ansible-test's pip bootstrap script.

ansible-test creates each sanity/units virtual environment without pip and
then runs ``get-pip.py`` downloaded from ci-files.testing.ansible.com, which is
unreachable here. It caches that script at
``~/.ansible/test/cache/get_pip_<version>.py``; this file takes its place.

It is run (through ansible-test's quiet_pip.py) as
``python get_pip_X_Y.py --disable-pip-version-check pip==X.Y --no-setuptools --no-wheel``
and does the same job with what is on the machine:

1. ``python -m ensurepip`` in a child process: it installs the pip wheel bundled
   with the interpreter. (Run in-process, ensurepip sets PIP_CONFIG_FILE=/dev/null
   in os.environ, which would drop the machine's pip settings - CA bundle,
   indexes - for the next step.)
2. ``python -m pip install <the arguments>`` (minus the get-pip-only flags), which
   upgrades pip to the version ansible-test pins, from the configured index.
"""
import subprocess
import sys

GET_PIP_ONLY = ('--no-setuptools', '--no-wheel', '--no-pip')


def main():
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY]
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
    packages = [arg for arg in args if not arg.startswith('-')]
    if packages:
        subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
