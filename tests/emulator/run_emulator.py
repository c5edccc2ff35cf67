# -*- coding: utf-8 -*-
"""Run the Central API emulator: ``python3 <collection>/tests/emulator/run_emulator.py --port 8080``."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from central_emulator.cli import main  # noqa: E402 pylint: disable=wrong-import-position

if __name__ == "__main__":
    sys.exit(main())
