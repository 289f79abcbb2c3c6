"""report: the formatted report workbook of a quarter or of the year so far."""

from __future__ import annotations

import errno
from pathlib import Path

from core import db, metrics, reports
from core.cli import CommandError
from core.quarters import QUARTERS
from core.strings import t

WRITE_ERRORS = {
    errno.ENOENT: "cli.write_error.no_folder",
    errno.EACCES: "cli.write_error.denied",
    errno.EROFS: "cli.write_error.denied",
    errno.ENOSPC: "cli.write_error.full",
    errno.EISDIR: "cli.write_error.is_folder",
}


def register(commands) -> None:
    report = commands.add_parser("report", help="the formatted report workbook (.xlsx)")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--quarter", type=int, choices=QUARTERS)
    report.add_argument("--out", required=True, help="the .xlsx file to write")
    report.set_defaults(handler=cmd_report)


def cmd_report(args) -> int:
    path = Path(args.out)
    if path.suffix.lower() != ".xlsx":
        raise CommandError(t("cli.report_bad_suffix", path=args.out))
    with db.session_scope() as session:
        try:
            data = reports.report_bytes(session, year=args.year, quarter=args.quarter)
        except metrics.NoPlan:
            raise CommandError(t("cli.no_plan", year=args.year)) from None
    try:
        path.write_bytes(data)
    except OSError as error:
        reason = t(WRITE_ERRORS.get(error.errno, "cli.write_error.other"))
        raise CommandError(t("cli.report_cannot_write", path=args.out, reason=reason)) from None
    period = reports.period_of(args.year, args.quarter)
    print(t("cli.report_done", period=period.label, path=args.out))
    return 0
