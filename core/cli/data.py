"""import, undo-import, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core import db, importing
from core.access import Actor
from core.cli import CommandError
from core.importing import export
from core.models import ImportKind
from core.strings import t

# Whoever runs the command line on the server administers it.
CLI_ACTOR = Actor(username="cli", role="admin")
# Previews of one file before giving up when other writes keep landing while it is being matched.
IMPORT_ATTEMPTS = 3


def register(commands) -> None:
    load = commands.add_parser("import", help="import a spreadsheet (members, departures, ...)")
    load.add_argument("kind", choices=[k.value for k in ImportKind])
    load.add_argument("file")
    load.add_argument("--union", help="the union of every row that names none")
    load.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=cmd_import)

    undo = commands.add_parser("undo-import", help="revert one import batch")
    undo.add_argument("batch")
    undo.set_defaults(handler=cmd_undo_import)

    out = commands.add_parser("export", help="export records as csv, xlsx or json")
    out.add_argument("kind", choices=export.EXPORT_KINDS)
    out.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
    out.add_argument("--out")
    out.set_defaults(handler=cmd_export)


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(t("import.cli.no_file", path=args.file))
    data = path.read_bytes()
    batch_id = None
    # Reading and matching hold no lock (on SQLite, a long one would stop every login); the commit
    # takes the import lock and refuses a plan the data has moved on from: preview it again then.
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        try:
            with db.session_scope() as session:
                plan = importing.preview(
                    session,
                    data=data,
                    file_name=path.name,
                    kind=args.kind,
                    default_union=args.union,
                )
            nothing_accepted = not plan.accepted and not plan.count(importing.Action.unchanged)
            if not args.dry_run and not nothing_accepted:
                with db.session_scope() as session:
                    batch_id = importing.commit_plan(session=session, plan=plan, actor=CLI_ACTOR).id
        except importing.ReadError as error:
            raise CommandError(error.message()) from None
        except importing.StalePlan:
            if attempt == IMPORT_ATTEMPTS:
                raise CommandError(t(importing.StalePlan.key)) from None
            continue
        break
    if args.json:
        print(json.dumps(plan.to_json(batch_id), ensure_ascii=False, indent=2))
    else:
        counts = plan.counts
        print(
            t(
                "import.cli.summary",
                file=path.name,
                added=counts["add"],
                updated=counts["change"],
                unchanged=counts["unchanged"],
                refused=counts["refuse"],
            )
        )
        for problem in plan.refused:
            print(
                t(
                    "import.cli.refused_line",
                    row=problem.row,
                    column=problem.column,
                    reason=problem.reason,
                )
            )
        print(t("import.cli.dry_run") if args.dry_run else t("import.cli.batch", batch=batch_id))
    if nothing_accepted:
        raise CommandError(t("import.cli.nothing_accepted"))
    return 0


def cmd_undo_import(args) -> int:
    try:
        batch_id = int(args.batch)
    except ValueError:
        raise CommandError(t("import.cli.bad_batch", value=args.batch)) from None
    try:
        with db.session_scope() as session:
            batch = importing.undo_batch(session=session, batch_id=batch_id, actor=CLI_ACTOR)
            file_name = batch.file_name
    except importing.UndoError as error:
        raise CommandError(error.message()) from None
    print(t("import.undo.done", batch=batch_id, file=file_name))
    return 0


def cmd_export(args) -> int:
    with db.session_scope() as session:
        if args.out:
            try:
                with open(args.out, "wb") as out:
                    count = export.write(session, args.kind, args.format, out)
            except OSError:
                raise CommandError(t("export.cli.cannot_write", path=args.out)) from None
            print(t("export.cli.done", count=count, path=args.out))
        else:
            export.write(session, args.kind, args.format, sys.stdout.buffer)
            sys.stdout.flush()
    return 0
