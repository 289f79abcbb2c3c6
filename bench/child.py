"""Run one measurement in a fresh Python process (so its first run really is cold) and read the
JSON object it prints last."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from core.settings import PROJECT_ROOT


def run(module: str, *args: object) -> tuple[dict | None, str | None]:
    """(the child's JSON, None), or (None, the last line it printed) when it failed."""
    completed = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=1800,
    )
    if completed.returncode != 0:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-1:]
        return None, tail[0] if tail else f"exit {completed.returncode}"
    return json.loads(completed.stdout.strip().splitlines()[-1]), None
