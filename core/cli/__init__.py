"""`python -m core COMMAND`: each capability registers its commands from its own module here.

Every command exits non-zero with a one-line Vietnamese reason on failure and never shows a
traceback: expected failures raise CommandError, anything else is turned into one line at the edge.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from sqlalchemy.exc import SQLAlchemyError

from core.strings import t

COMMAND_MODULES = ["core.cli.base", "core.cli.data", "core.cli.reports", "core.cli.ops"]


class CommandError(Exception):
    """A failure to report as one line: the message is already in the user's language."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description=t("cli.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.handler(args)
    except CommandError as error:
        print(t("cli.error", message=error), file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        detail = str(error.orig if getattr(error, "orig", None) else error).splitlines()[0]
        print(t("cli.error", message=t("cli.db_error", detail=detail[:200])), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001  (the edge: one line, never a traceback)
        detail = f"{type(error).__name__}: {error}".splitlines()[0][:200]
        print(t("cli.error", message=t("cli.unexpected", detail=detail)), file=sys.stderr)
        return 1
    return int(result or 0)
