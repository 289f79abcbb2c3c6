"""init-db, seed-demo, create-user, progress."""

from __future__ import annotations

import datetime as dt
import json
import sys

from sqlmodel import func, select

from core import db, demo, duties, metrics, users
from core.cli import CommandError
from core.models import Enterprise, GrassrootsUnion, Member, Role
from core.strings import t
from core.units import EVERYTHING, find_scope


def register(commands) -> None:
    init_db = commands.add_parser("init-db", help="create or migrate the schema")
    init_db.set_defaults(handler=cmd_init_db)

    seed = commands.add_parser("seed-demo", help="load deterministic demo data")
    seed.add_argument("--scale", choices=sorted(demo.SCALES), default="district")
    seed.add_argument(
        "--if-empty", action="store_true", help="do nothing (exit 0) when the database has data"
    )
    seed.set_defaults(handler=cmd_seed_demo)

    user = commands.add_parser("create-user", help="create an account")
    user.add_argument("name")
    user.add_argument("--role", choices=[r.value for r in Role], required=True)
    user.add_argument("--full-name")
    user.set_defaults(handler=cmd_create_user)

    progress = commands.add_parser("progress", help="the headline figures of a plan year")
    progress.add_argument("--year", type=int, required=True)
    progress.add_argument("--unit")
    progress.add_argument("--on", dest="on")
    progress.add_argument("--json", action="store_true")
    progress.set_defaults(handler=cmd_progress)

    register_admin(commands)


def cmd_init_db(_args) -> int:
    try:
        db.migrate()
    except users.UsernameClash as error:
        raise CommandError(error.message()) from None
    print(t("cli.init_done"))
    return 0


def cmd_seed_demo(args) -> int:
    db.migrate()
    with db.session_scope() as session:
        if not demo.is_empty(session):
            if args.if_empty:
                print(t("cli.seed_skipped"))
                return 0
            raise CommandError(t("cli.seed_not_empty"))
        demo.seed(session, demo.SCALES[args.scale])
    with db.session_scope() as session:
        counts = {
            name: session.exec(select(func.count()).select_from(model)).one()
            for name, model in (
                ("members", Member),
                ("unions", GrassrootsUnion),
                ("enterprises", Enterprise),
            )
        }
    from core.formatting import fmt_int

    print(t("cli.seed_done", scale=args.scale, **{k: fmt_int(v) for k, v in counts.items()}))
    return 0


def cmd_create_user(args) -> int:
    interactive = sys.stdin is not None and sys.stdin.isatty()
    supplied = "" if interactive or sys.stdin is None else sys.stdin.read().strip()
    password = supplied or users.generate_password()
    try:
        with db.session_scope() as session:
            users.create_user(
                session,
                username=args.name,
                role=args.role,
                password=password,
                by_user="cli",
                full_name=args.full_name,
                must_change_password=not supplied,
            )
    except users.UserError as error:
        raise CommandError(t(error.key, **error.values)) from None
    print(t("cli.user_created", name=args.name, role=args.role))
    if not supplied:
        print(t("cli.user_password", password=password))
    return 0


def parse_iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(t("cli.bad_date", value=value)) from None


def cmd_progress(args) -> int:
    on = parse_iso_date(args.on) if args.on else None
    with db.session_scope() as session:
        scope = EVERYTHING
        if args.unit:
            day = on or dt.date(args.year, 12, 31)
            try:
                scope = find_scope(session, args.unit, day)
            except LookupError:
                raise CommandError(t("cli.unit_unknown", name=args.unit)) from None
        try:
            result = metrics.progress(session, year=args.year, scope=scope, as_of=on)
        except metrics.NoPlan:
            raise CommandError(t("cli.no_plan", year=args.year)) from None
        duty_targets = duties.other_targets(
            session, year=args.year, scope=scope, as_of=result.as_of
        )
    if args.json:
        data = result.to_json()
        data["other_targets"] = duty_targets
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from core.report_text import progress_lines

        print("\n".join(progress_lines(result)))
    return 0


def register_admin(commands) -> None:
    admin = commands.add_parser(
        "ensure-admin", help="create the first admin when there is none (prints its password once)"
    )
    admin.set_defaults(handler=cmd_ensure_admin)


def cmd_ensure_admin(_args) -> int:
    from core.models import AppUser

    with db.session_scope() as session:
        if session.exec(select(AppUser).where(AppUser.role == Role.admin)).first():
            return 0
        password = users.generate_password()
        users.create_user(
            session,
            username="admin",
            role=Role.admin,
            password=password,
            by_user="make run",
            must_change_password=True,
        )
    print(t("cli.first_admin", name="admin", password=password))
    return 0
