"""Reading an uploaded file in a child process, so that no file can take the app server down.

The spreadsheet reader is native code: a 2 KB workbook with one cell at XFD1048576 makes it ask for
512 GiB and abort its process. `read_sheets` first runs the cheap checks in this process
(`reading.check_file`), then parses in a child Python (`child_main`), limited in address
space (IMPORT_READ_MEMORY_MB) and time (IMPORT_READ_SECONDS). A child that dies or overruns is
killed and the caller gets one ReadError; the child is killed too when the caller stops waiting
(a Streamlit rerun or a closed tab raises inside `progress`).

The file goes to the child on stdin; the sheets come back pickled on stdout; progress comes as
`progress <share>` lines on stderr, beside whatever else the child writes there (kept for the log).
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from core import settings
from core.importing.reading import ReadError, Sheet, check_file, parse_sheets

log = logging.getLogger(__name__)

PROGRESS_PREFIX = b"progress "
HEARTBEAT_SECONDS = 0.5  # how often the caller's progress is called, even without news
STDERR_KEPT = 4000


def read_sheets(
    data: bytes, file_name: str = "", *, progress: Callable[[float], None] | None = None
) -> list[Sheet]:
    """Every sheet with data in the file; ReadError when it cannot or may not be read."""
    check_file(data)
    config = settings.get_settings()
    outcome = _run_child(
        pickle.dumps((file_name, data), protocol=pickle.HIGHEST_PROTOCOL),
        memory_bytes=config.import_read_memory_mb * 1024 * 1024,
        seconds=config.import_read_seconds,
        progress=progress,
    )
    if outcome[0] == "error":
        raise ReadError(outcome[1], **outcome[2])
    return outcome[1]


# The child needs only the reader: a stand-in for the package keeps its __init__ (the database,
# the models) from loading, which would cost the child most of a second at every read.
CHILD_BOOTSTRAP = (
    "import sys, types\n"
    "package = types.ModuleType('core.importing')\n"
    "package.__path__ = [sys.argv[2]]\n"
    "sys.modules['core.importing'] = package\n"
    "from core.importing.isolated import child_main\n"
    "sys.exit(child_main(int(sys.argv[1])))\n"
)


def _child_command(memory_bytes: int) -> list[str]:
    package_dir = str(settings.PROJECT_ROOT / "core" / "importing")
    return [sys.executable, "-c", CHILD_BOOTSTRAP, str(memory_bytes), package_dir]


def _run_child(
    payload: bytes,
    *,
    memory_bytes: int,
    seconds: float,
    progress: Callable[[float], None] | None,
) -> tuple:
    env = dict(os.environ, RUST_BACKTRACE="0")  # one line in the log, not a page of frames
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(settings.PROJECT_ROOT), env.get("PYTHONPATH", "")) if part
    )
    child = subprocess.Popen(
        _child_command(memory_bytes),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=settings.PROJECT_ROOT,
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    result: list[bytes] = []
    pipes = (child.stdin, child.stdout)

    def feed() -> None:
        try:
            pipes[0].write(payload)
            pipes[0].close()
        except (OSError, ValueError):
            pass  # the child died early (or was killed); its exit code says why

    def collect() -> None:
        try:
            result.append(pipes[1].read())
        except (OSError, ValueError):
            pass  # killed before it answered

    threads = [
        threading.Thread(target=feed, daemon=True),
        threading.Thread(target=collect, daemon=True),
    ]
    for thread in threads:
        thread.start()
    pending = b""  # an unfinished line of the child's stderr
    kept = bytearray()  # the rest of its stderr, for the log
    deadline = time.monotonic() + seconds
    share = 0.0
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(child.stderr, selectors.EVENT_READ)
            while True:
                if time.monotonic() > deadline:
                    log.info("reading a file took longer than %ss: stopped", seconds)
                    raise ReadError("import.error.read_timeout", seconds=int(seconds))
                if selector.select(timeout=HEARTBEAT_SECONDS):
                    chunk = os.read(child.stderr.fileno(), 65536)
                    if not chunk:
                        break
                    *lines, pending = (pending + chunk).split(b"\n")
                    for line in lines:
                        if line.startswith(PROGRESS_PREFIX):
                            share = _share(line[len(PROGRESS_PREFIX) :], share)
                        else:
                            kept.extend(line + b"\n")
                    del kept[:-STDERR_KEPT]
                if progress is not None:
                    progress(share)
        while child.poll() is None:
            if time.monotonic() > deadline:
                raise ReadError("import.error.read_timeout", seconds=int(seconds))
            time.sleep(0.05)
        threads[1].join(timeout=max(deadline - time.monotonic(), 0.1))
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        for thread in threads:  # a dead child's pipes end at once
            thread.join(timeout=5)
        for pipe in (child.stdin, child.stdout, child.stderr):
            pipe.close()
    output = result[0] if result else b""
    if child.returncode != 0 or not output:
        log.info(
            "the child reading a file ended with code %s: %s",
            child.returncode,
            (bytes(kept) + pending[-STDERR_KEPT:]).decode(errors="replace"),
        )
        raise ReadError("import.error.read_failed")
    return pickle.loads(output)


def _share(text: bytes, previous: float) -> float:
    try:
        return min(max(float(text), 0.0), 1.0)
    except ValueError:
        return previous


def child_main(memory_bytes: int) -> int:
    """In the child: limit memory, read the file from stdin, write the outcome to stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    file_name, data = pickle.load(sys.stdin.buffer)

    def report(share: float) -> None:
        sys.stderr.buffer.write(PROGRESS_PREFIX + f"{share:.3f}\n".encode())
        sys.stderr.buffer.flush()

    try:
        outcome: tuple = ("ok", parse_sheets(data, file_name, progress=report))
    except ReadError as error:
        outcome = ("error", error.key, error.values)
    except MemoryError:
        outcome = ("error", "import.error.read_failed", {})
    del data
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0
