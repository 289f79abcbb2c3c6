"""backup, restore: a consistent copy of the database while the app runs, and back (core/backup.py)."""

from __future__ import annotations

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
    load.set_defaults(handler=cmd_restore)


def cmd_backup(args) -> int:
    try:
        result = backup.backup(args.file)
    except backup.BackupError as error:
        raise CommandError(t(error.key, **error.values)) from None
    print(t("backup.done", backend=result.backend, file=result.path, size=fmt_size(result.size)))
    return 0


def cmd_restore(args) -> int:
    try:
        backend = backup.restore(args.file, by_user="cli")
    except backup.BackupError as error:
        raise CommandError(t(error.key, **error.values)) from None
    print(t("backup.restored", backend=backend, file=args.file))
    return 0
