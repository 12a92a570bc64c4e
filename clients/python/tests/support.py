"""Paths shared by the tests."""

import os
from pathlib import Path

CLIENT_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = CLIENT_DIR.parents[1]
# Fixtures live in ../shared beside the repository (RLGYM_FIXTURES overrides).
FIXTURES_DIR = Path(os.environ.get("RLGYM_FIXTURES", REPO_ROOT.parent / "shared" / "fixtures" / "gymnasium"))
