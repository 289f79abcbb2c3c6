"""The report workbook: one sheet per section — headline figures against targets, by unit, new
unions with their decision numbers, prospects, movements — written from what `queries.report_data`
read (the writer runs no query). Quarter Q means the figures from 1 January to the quarter's last
day, and the quarter's own movements; without a quarter, the year so far.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from sqlmodel import Session

from core import briefing, charts, duties, metrics, organising, pace, ranking
from core.formatting import today_local
from core.models import TargetKey
from core.plans import PERCENT_TARGETS
from core.reports.queries import NewUnion, ReportData, report_data
from core.reports.sheet import Column, SheetWriter, forget_styles, fraction
from core.strings import t


def _headline(
    writer: SheetWriter, progress: metrics.Progress, duty_rows: list[duties.ReportRow]
) -> None:
    writer.section(t("report.section.headline"))
    writer.header()
    for number, key in enumerate(charts.GAUGE_KEYS, start=1):
        key = key.value
        actual = getattr(progress, key)
        target = progress.targets.get(key)
        expected = progress.expected_by_today.get(key)
        projected = progress.projection.get(key)
        reached = fraction(pace.share_of_target(actual, target))
        status = pace.status(actual, expected)
        if key in PERCENT_TARGETS:
            actual, target, expected = fraction(actual), fraction(target), fraction(expected)
            projected = fraction(projected)
            kinds = "pct"
        else:
            kinds = None
        writer.data(
            [
                number,
                t(f"report.target.{key}"),
                target,
                actual,
                reached,
                expected,
                projected,
                t(f"briefing.status.{status}"),
            ],
            columns=_headline_columns(kinds),
        )
    writer.blank()
    writer.section(t("report.section.other"))
    rows = [
        ("report.figure.admissions", progress.admissions),
        ("report.figure.departures", progress.departures),
        ("report.figure.transfers_in", progress.transfers_in),
        ("report.figure.transfers_out", progress.transfers_out),
        ("report.figure.prospects", progress.prospects),
        ("report.figure.non_state_members", progress.non_state_members),
        ("report.figure.non_state_workers", progress.non_state_workers),
        ("report.figure.enterprises_20plus", progress.enterprises_20plus),
        ("report.figure.enterprises_20plus_with_union", progress.enterprises_20plus_with_union),
    ]
    columns = [
        Column("report.col.no", "int"),
        Column("report.col.figure"),
        Column("report.col.value", "int"),
    ]
    for number, (key, value) in enumerate(rows, start=1):
        writer.data([number, t(key), value], columns=columns)
    _duties(writer, duty_rows)
    writer.signature()


HEADLINE_COLUMNS = [
    Column("report.col.no", "int", 6),
    Column("report.col.target_name", "text", 44),
    Column("report.col.target", "int"),
    Column("report.col.actual", "int"),
    Column("report.col.share", "pct"),
    Column("report.col.expected", "decimal"),
    Column("report.col.projection", "decimal"),
    Column("report.col.status", "text", 20),
]


def _headline_columns(percent: str | None) -> list[Column]:
    if percent is None:
        return HEADLINE_COLUMNS
    return [
        column
        if column.kind in ("text",) or column.key in ("report.col.no", "report.col.share")
        else Column(column.key, "pct", column.width)
        for column in HEADLINE_COLUMNS
    ]


def _duties(writer: SheetWriter, rows: list[duties.ReportRow]) -> None:
    """III. The plan's other duties (parts III and IV): a row per duty, in the headline's columns."""
    writer.blank()
    writer.section(t("duties.report_section"))
    writer.header()
    # The duty names are fitted like section II's, not held at the headline's fixed width.
    columns = [Column(c.key, c.kind) if c.kind == "text" else c for c in HEADLINE_COLUMNS]
    for number, row in enumerate(rows, start=1):
        has_target = row.target is not None
        writer.data(
            [
                number,
                t(row.key),
                row.target,
                row.year,
                fraction(pace.share_of_target(row.year, row.target)),
                row.expected,
                None,
                t(f"briefing.status.{pace.status(row.year, row.expected)}") if has_target else None,
            ],
            columns=columns,
        )
    writer.note(t("duties.report_note"))


UNIT_COLUMNS = [
    Column("report.col.rank", "int", 7),
    Column("report.col.unit", "text", 34),
    Column("report.col.members", "int"),
    Column("report.col.admissions", "int"),
    Column("report.col.departures", "int"),
    Column("report.col.net", "signed"),
    Column("report.col.net_target", "int"),
    Column("report.col.share", "pct"),
    Column("report.col.quarter_net", "signed"),
    Column("report.col.new_unions", "int"),
    Column("report.col.new_unions_target", "int"),
    Column("report.col.rank_change", "signed"),
]


def _unit_rows(writer: SheetWriter, result: ranking.Ranking) -> None:
    writer.header()
    for row in result.rows:
        writer.data(
            [
                row.rank,
                row.name,
                row.members,
                row.admissions,
                row.departures,
                row.net_growth,
                row.target_net_growth,
                fraction(row.pct_net_growth),
                row.quarter_net_growth,
                row.new_unions,
                row.target_new_unions,
                row.rank_change,
            ]
        )


def _by_unit(writer: SheetWriter, f: briefing.BriefingFigures) -> None:
    p = f.progress
    writer.section(t("report.section.communes"))
    _unit_rows(writer, f.communes)
    writer.data(
        [
            None,
            t("report.total"),
            None,
            p.admissions,
            p.departures,
            p.net_growth,
            p.targets.get(TargetKey.net_growth.value),
            fraction(pace.share_of_target(p.net_growth, p.targets.get(TargetKey.net_growth.value))),
            (f.this_quarter.net_growth if f.this_quarter else None),
            p.new_unions,
            p.targets.get(TargetKey.new_unions.value),
            None,
        ],
        total=True,
    )
    writer.note(t("report.note.previous", date=f.communes.previous_end.strftime("%d/%m/%Y")))
    writer.blank()
    writer.section(t("report.section.clusters"))
    _unit_rows(writer, f.clusters)


NEW_UNION_COLUMNS = [
    Column("report.col.no", "int", 6),
    Column("report.col.union", "text", 40),
    Column("report.col.kind", "text", 22),
    Column("report.col.commune", "text", 24),
    Column("report.col.cluster", "text", 24),
    Column("report.col.decision", "text", 18),
    Column("report.col.founded", "date", 14),
    Column("report.col.members", "int"),
]


def _new_unions(writer: SheetWriter, unions: list[NewUnion]) -> None:
    writer.section(t("report.section.new_unions"))
    writer.header()
    for number, union in enumerate(unions, start=1):
        writer.data(
            [
                number,
                union.name,
                t(f"union_kind.{union.kind}"),
                union.commune,
                union.cluster,
                union.decision_no,
                union.founded_on,
                union.members,
            ]
        )
    if not unions:
        writer.note(t("report.none"))


PROSPECT_COLUMNS = [
    Column("report.col.no", "int", 6),
    Column("report.col.tax_code", "text", 16),
    Column("report.col.enterprise", "text", 40),
    Column("report.col.commune", "text", 24),
    Column("report.col.ownership", "text", 26),
    Column("report.col.workers", "int"),
    Column("report.col.stage", "text", 20),
    Column("report.col.stage_since", "date", 13),
    Column("report.col.days", "int"),
    Column("report.col.officer", "text", 22),
]


def _prospects(writer: SheetWriter, cards: list[organising.Card]) -> None:
    writer.section(t("report.section.prospects"))
    writer.header()
    for number, card in enumerate(cards, start=1):
        writer.data(
            [
                number,
                card.tax_code,
                card.name,
                card.commune,
                t(f"ownership.{card.ownership}"),
                card.worker_count,
                t(f"stage.{card.stage}") if card.stage else t("organising.stage.none"),
                card.stage_since,
                card.days_in_stage,
                card.officer,
            ]
        )
    if not cards:
        writer.note(t("report.none"))


MONTH_COLUMNS = [
    Column("report.col.month", "text", 16),
    Column("report.col.admissions", "int"),
    Column("report.col.transfers_in", "int"),
    Column("report.col.transfers_out", "int"),
    Column("report.col.departures", "int"),
    Column("report.col.net", "signed"),
    Column("report.col.cumulative", "signed"),
]


UNION_MOVE_COLUMNS = [
    Column("report.col.union", "text", 40),
    Column("report.col.commune", "text", 24),
    Column("report.col.admissions", "int"),
    Column("report.col.transfers_in", "int"),
    Column("report.col.transfers_out", "int"),
    Column("report.col.departures", "int"),
    Column("report.col.net", "signed"),
]


def _movements(writer: SheetWriter, data: ReportData) -> None:
    period = data.period
    writer.section(t("report.section.months"))
    writer.header(MONTH_COLUMNS)
    running = 0
    months = data.months
    for month_no in range(1, period.end.month + 1 if period.end.year == period.year else 13):
        moves = months.get(month_no, pace.Movements())
        running += moves.net
        writer.data(
            [
                t("report.month", month=month_no),
                moves.admitted,
                moves.transfer_in,
                moves.transfer_out,
                moves.left,
                moves.net,
                running,
            ],
            columns=MONTH_COLUMNS,
        )
    writer.blank()
    writer.section(
        t(
            "report.section.union_moves",
            start=period.start.strftime("%d/%m/%Y"),
            end=period.end.strftime("%d/%m/%Y"),
        )
    )
    writer.header(UNION_MOVE_COLUMNS)
    total = pace.Movements()
    for row in data.union_moves:
        m = row.moves
        total.add(m)
        writer.data(
            [row.union, row.commune, m.admitted, m.transfer_in, m.transfer_out, m.left, m.net],
            columns=UNION_MOVE_COLUMNS,
        )
    writer.data(
        [
            t("report.total"),
            None,
            total.admitted,
            total.transfer_in,
            total.transfer_out,
            total.left,
            total.net,
        ],
        columns=UNION_MOVE_COLUMNS,
        total=True,
    )
    writer.blank()
    writer.section(t("report.section.reasons"))
    reason_columns = [Column("report.col.reason", "text", 30), Column("report.col.count", "int")]
    writer.header(reason_columns)
    for reason, count in data.leave_reasons:
        writer.data(
            [t(f"reason.{reason}") if reason else t("report.reason_unknown"), count],
            columns=reason_columns,
        )


# ---------------------------------------------------------------- the workbook


SHEETS = (
    ("report.sheet.headline", HEADLINE_COLUMNS),
    ("report.sheet.units", UNIT_COLUMNS),
    ("report.sheet.new_unions", NEW_UNION_COLUMNS),
    ("report.sheet.prospects", PROSPECT_COLUMNS),
    ("report.sheet.movements", UNION_MOVE_COLUMNS),
)


def build_workbook(
    session: Session,
    *,
    year: int,
    quarter: int | None = None,
    issued_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Workbook:
    """The report of `quarter` of `year` (the year so far without a quarter); NoPlan without plan."""
    today = today or today_local()
    data = report_data(session, year=year, quarter=quarter, today=today)
    return write_workbook(data, issued_on=issued_on or today)


def write_workbook(data: ReportData, *, issued_on: dt.date) -> Workbook:
    """The workbook of what `report_data` read: no query from here on."""
    period = data.period
    workbook = Workbook()
    workbook.remove(workbook.active)  # pyright: ignore[reportArgumentType]  # a new workbook has its sheet
    writers = []
    for key, columns in SHEETS:
        ws = workbook.create_sheet(t(key))
        writers.append(SheetWriter(ws, list(columns), period=period, issued_on=issued_on))
    headline, units, new_unions, prospects, movements = writers
    try:
        _headline(headline, data.figures.progress, data.duty_rows)
        _by_unit(units, data.figures)
        _new_unions(new_unions, data.new_unions)
        _prospects(prospects, data.prospects)
        _movements(movements, data)
    finally:
        forget_styles(workbook)
    for writer in writers:
        writer.finish()
    workbook.properties.title = f"{t('report.title')} — {period.label}"
    workbook.properties.creator = t("report.issuer")
    return workbook


def report_bytes(session: Session, *, year: int, quarter: int | None = None, **kwargs) -> bytes:
    buffer = io.BytesIO()
    workbook = build_workbook(session, year=year, quarter=quarter, **kwargs)
    workbook.save(buffer)
    return buffer.getvalue()
