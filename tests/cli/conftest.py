"""tests/cli: the command line and the Python API as a user meets them (helpers in clisupport.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
