"""backup, restore: a consistent copy of the database while the app runs, and back (core/backup.py)."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from core import backup
from core.cli import CommandError
from core.formatting import fmt_size
from core.strings import t


def register(commands) -> None:
    save = commands.add_parser("backup", help="a consistent copy of the database into FILE")
    save.add_argument("file", type=Path)
    save.set_defaults(handler=cmd_backup)

    load = commands.add_parser("restore", help="replace the database with the backup in FILE")
    load.add_argument("file", type=Path)
    load.add_argument(
        "--passphrase-file",
        type=Path,
        help="a file whose first line is the passphrase of an encrypted backup (from the app)",
    )
    load.set_defaults(handler=cmd_restore)


def cmd_backup(args) -> int:
    try:
        result = backup.backup(args.file)
    except backup.BackupError as error:
        raise CommandError(t(error.key, **error.values)) from None
    print(t("backup.done", backend=result.backend, file=result.path, size=fmt_size(result.size)))
    return 0


def passphrase_for(args) -> str | None:
    """The passphrase of an encrypted backup: from --passphrase-file, else asked in a terminal."""
    if args.passphrase_file is not None:
        try:
            lines = args.passphrase_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            raise CommandError(t("backup.missing_file", file=args.passphrase_file)) from None
        return lines[0] if lines else ""
    if backup.is_encrypted(args.file) and sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(t("backup.passphrase_prompt"))
    return None


def cmd_restore(args) -> int:
    try:
        backend = backup.restore(args.file, by_user="cli", passphrase=passphrase_for(args))
    except backup.BackupError as error:
        raise CommandError(t(error.key, **error.values)) from None
    print(t("backup.restored", backend=backend, file=args.file))
    return 0
