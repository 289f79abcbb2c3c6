"""The quarterly and yearly report: a formatted Excel workbook in Vietnamese, and the charts as PNG.

The workbook follows the layout of an official document: the issuing body on the left, the national
motto on the right, place and date, then the report's title and period. One sheet per section:
headline figures against targets, by unit, new unions with their decision numbers, prospects,
movements. Numbers are written as numbers (Excel formats them: 2.500 and 95,0 % in a Vietnamese
Excel), dates as dates; text that starts like a formula is written as text. Every sheet prints on
A4 landscape, fitted to the page width, with its table header repeated on each page.

Quarter Q means the figures from 1 January to the quarter's last day, and the quarter's own
movements; without a quarter, the year so far.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import extract, func
from sqlmodel import Session, select

from core import briefing, charts, duties, metrics, organising, quarters, ranking
from core import briefing_charts as bc
from core.formatting import today_local
from core.models import (
    EventKind,
    GrassrootsUnion,
    MembershipEvent,
    OrgUnit,
    TargetKey,
)
from core.plans import PERCENT_TARGETS
from core.strings import t
from core.text import looks_like_formula

# [$-42A] tags a format as Vietnamese: LibreOffice then shows 2.500, 95,0 % and 1.239,7 whatever
# the computer's own settings; Excel takes the separators from Windows (Vietnamese there too).
VI = "[$-42A]"
INT = VI + "#,##0"
SIGNED = VI + "+#,##0;-#,##0;0"
PERCENT = VI + "0.0 %"
DECIMAL = VI + "#,##0.0"
DATE = "dd/mm/yyyy"
FONT = "Times New Roman"  # the typeface of official documents
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
TOTAL_FILL = PatternFill("solid", fgColor="F1F4F8")
MAX_WIDTH = 48


@dataclass(frozen=True)
class Column:
    key: str  # catalogue key of the header
    kind: str = "text"  # text, int, signed, pct, decimal, date
    width: float | None = None  # fixed width; otherwise fitted to the content


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None
    start: dt.date  # the start of the period's own movements (the quarter's or the year's)
    end: dt.date  # the as-of date: figures run from 1 January to here

    @property
    def label(self) -> str:
        return quarters.quarter_label(self.year, self.quarter)


def period_of(year: int, quarter: int | None, today: dt.date | None = None) -> Period:
    end = quarters.as_of_for(year, quarter, today or today_local())
    start = quarters.quarter_start(year, quarter) if quarter else dt.date(year, 1, 1)
    return Period(year=year, quarter=quarter, start=start, end=end)


# ---------------------------------------------------------------- one sheet


class SheetWriter:
    """Writes the title block, a section title, tables and the print setup of one sheet."""

    def __init__(
        self, ws: Worksheet, columns: list[Column], *, period: Period, issued_on: dt.date
    ) -> None:
        self.ws = ws
        self.columns = columns
        self.period = period
        self.row = 1
        self.widths: dict[int, float] = {}
        self.header_rows: list[int] = []
        self._title_block(issued_on)

    @property
    def n(self) -> int:
        return len(self.columns)

    def _cell(self, row: int, column: int, value, *, font: Font | None = None, align=None):
        cell = self.ws.cell(row=row, column=column)
        write_value(cell, value)
        cell.font = font or Font(name=FONT, size=12)
        if align is not None:
            cell.alignment = align
        return cell

    def _merged(self, row: int, first: int, last: int, value, font: Font, align: Alignment):
        self._cell(row, first, value, font=font, align=align)
        if last > first:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    def _title_block(self, issued_on: dt.date) -> None:
        left_end = max(2, self.n // 2 - (1 if self.n > 6 else 0))
        right_start = left_end + 1
        centre = Alignment(horizontal="center", vertical="center", wrap_text=False)
        self._merged(1, 1, left_end, t("report.issuer_parent"), Font(name=FONT, size=12), centre)
        self._merged(
            1, right_start, self.n, t("report.nation"), Font(name=FONT, size=12, bold=True), centre
        )
        self._merged(
            2,
            1,
            left_end,
            t("report.issuer"),
            Font(name=FONT, size=12, bold=True, underline="single"),
            centre,
        )
        self._merged(
            2,
            right_start,
            self.n,
            t("report.motto"),
            Font(name=FONT, size=13, bold=True, underline="single"),
            centre,
        )
        self._merged(
            3,
            right_start,
            self.n,
            t(
                "report.place_date",
                place=t("report.place"),
                day=f"{issued_on.day:02d}",
                month=f"{issued_on.month:02d}",
                year=issued_on.year,
            ),
            Font(name=FONT, size=12, italic=True),
            centre,
        )
        title = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self._merged(5, 1, self.n, t("report.title"), Font(name=FONT, size=14, bold=True), title)
        self.ws.row_dimensions[5].height = 22
        self._merged(
            6,
            1,
            self.n,
            t(
                "report.period",
                period=self.period.label,
                start=dt.date(self.period.year, 1, 1).strftime("%d/%m/%Y"),
                end=self.period.end.strftime("%d/%m/%Y"),
            ),
            Font(name=FONT, size=12, italic=True),
            title,
        )
        self.row = 8

    def section(self, text: str) -> None:
        self._cell(self.row, 1, text, font=Font(name=FONT, size=12, bold=True))
        self.row += 1

    def note(self, text: str) -> None:
        cell = self._cell(self.row, 1, text, font=Font(name=FONT, size=11, italic=True))
        cell.alignment = Alignment(wrap_text=False)
        self.row += 1

    def header(self, columns: list[Column] | None = None) -> None:
        columns = columns or self.columns
        font = Font(name=FONT, size=11, bold=True)
        align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for index, column in enumerate(columns, start=1):
            cell = self._cell(self.row, index, t(column.key), font=font, align=align)
            cell.fill = HEADER_FILL
            cell.border = BOX
        self.ws.row_dimensions[self.row].height = 32
        self.header_rows.append(self.row)
        self.row += 1

    def data(self, values: list, *, total: bool = False, columns: list[Column] | None = None):
        columns = columns or self.columns
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = self.ws.cell(row=self.row, column=index)
            # One named style per kind of cell: thousands of cells share it instead of each
            # carrying its own font, border and alignment (a city's report: 13 s -> 4 s).
            if column.kind != "text" and value is not None and not isinstance(value, str):
                centred = column.key in ("report.col.no", "report.col.rank")
                cell.style = data_style(self.ws.parent, column.kind, total=total, centred=centred)
            else:
                cell.style = data_style(self.ws.parent, "text", total=total)
            write_value(cell, value)
            self._fit(index, value, column)
        self.row += 1

    def blank(self, rows: int = 1) -> None:
        self.row += rows

    def signature(self) -> None:
        """Recipients on the left, the signing authority on the right, as on official documents."""
        self.blank()
        left = Font(name=FONT, size=11, italic=True, bold=True)
        right_start = max(2, self.n // 2 + 1)
        centre = Alignment(horizontal="center")
        self._cell(self.row, 1, t("report.recipients"), font=left)
        self._merged(
            self.row,
            right_start,
            self.n,
            t("report.signing_body"),
            Font(name=FONT, size=12, bold=True),
            centre,
        )
        self.row += 1
        self._cell(self.row, 1, t("report.recipient_city"), font=Font(name=FONT, size=11))
        self._merged(
            self.row,
            right_start,
            self.n,
            t("report.signer"),
            Font(name=FONT, size=12, bold=True),
            centre,
        )
        self.row += 1
        self._cell(self.row, 1, t("report.recipient_file"), font=Font(name=FONT, size=11))
        self.row += 1

    def _fit(self, index: int, value, column: Column) -> None:
        if column.width is not None:
            self.widths[index] = column.width
            return
        if value is None:
            text = ""
        elif isinstance(value, dt.date):
            text = "00/00/0000"
        elif isinstance(value, float) and column.kind == "pct":
            text = "100,0 %"
        elif isinstance(value, (int, float)):
            text = f"{value:,.1f}" if column.kind == "decimal" else f"{value:,}"
        else:
            text = str(value)
        self.widths[index] = max(self.widths.get(index, 0), min(len(text) * 1.1 + 2, MAX_WIDTH))

    def finish(self) -> None:
        ws = self.ws
        for index in range(1, self.n + 1):
            header_width = max(
                (
                    min(len(t(column.key)) * 0.6 + 2, 18)
                    for column in self.columns[index - 1 : index]
                ),
                default=8,
            )
            ws.column_dimensions[get_column_letter(index)].width = max(
                self.widths.get(index, 8), header_width, 6
            )
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        if self.header_rows:
            first = self.header_rows[0]
            ws.print_title_rows = f"{first}:{first}"
            ws.freeze_panes = ws.cell(row=first + 1, column=1)
        ws.oddFooter.center.text = t("report.page_footer")
        ws.oddFooter.center.font = FONT


def data_style(workbook: Workbook, kind: str, *, total: bool, centred: bool = False) -> str:
    """The name of the shared style of a table cell, registered in `workbook` on first use."""
    name = f"ugt-{kind}" + ("-total" if total else "") + ("-centre" if centred else "")
    registered = _registered.setdefault(id(workbook), set())
    if name not in registered:
        registered.add(name)
        if kind == "text":
            alignment = Alignment(vertical="center", wrap_text=True)
        else:
            alignment = Alignment(horizontal="center" if centred else "right", vertical="center")
        style = NamedStyle(
            name=name,
            font=Font(name=FONT, size=11, bold=total),
            border=BOX,
            alignment=alignment,
            number_format=NUMBER_FORMATS.get(kind, "General"),
        )
        if total:
            style.fill = TOTAL_FILL
        workbook.add_named_style(style)
    return name


# Styles already added to each workbook being built (by id; dropped when it is built).
_registered: dict[int, set[str]] = {}

NUMBER_FORMATS = {
    "int": INT,
    "signed": SIGNED,
    "pct": PERCENT,
    "decimal": DECIMAL,
    "date": DATE,
}


def write_value(cell, value) -> None:
    """A value into a cell: numbers and dates as such; text that would start a formula as text."""
    cell.value = value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def fraction(percent: float | None) -> float | None:
    """95.0 (a percent figure) -> 0.95, for a cell formatted as a percentage."""
    return None if percent is None else round(percent / 100, 6)


def share(value: float | None, target: float | None) -> float | None:
    """Value over target as a fraction (six decimals survive the file unchanged)."""
    return None if value is None or not target else round(value / target, 6)


# ---------------------------------------------------------------- the sections


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
        reached = share(actual, target)
        status = charts.pace_status(actual, expected)
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
                round(row.year / row.target, 6) if row.target else None,
                row.expected,
                None,
                t(f"briefing.status.{charts.pace_status(row.year, row.expected)}")
                if has_target
                else None,
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
            share(p.net_growth, p.targets.get(TargetKey.net_growth.value)),
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


def _new_unions(writer: SheetWriter, session: Session, period: Period) -> int:
    unit = OrgUnit.__table__.alias("unit")
    cluster = OrgUnit.__table__.alias("cluster")
    rows = session.exec(
        select(
            GrassrootsUnion.id,
            GrassrootsUnion.name,
            GrassrootsUnion.kind,
            unit.c.name,
            cluster.c.name,
            GrassrootsUnion.decision_no,
            GrassrootsUnion.founded_on,
        )
        .outerjoin(unit, unit.c.id == GrassrootsUnion.unit_id)
        .outerjoin(cluster, cluster.c.id == GrassrootsUnion.cluster_id)
        .where(
            GrassrootsUnion.deleted_at.is_(None),
            GrassrootsUnion.founded_on >= dt.date(period.year, 1, 1),
            GrassrootsUnion.founded_on <= period.end,
        )
        .order_by(GrassrootsUnion.founded_on, GrassrootsUnion.name)
    ).all()
    members = {
        row.id: row.members
        for row in ranking.ranking(session, year=period.year, level="union", as_of=period.end).rows
    }
    writer.section(t("report.section.new_unions"))
    writer.header()
    for number, (union_id, name, kind, commune, cluster_name, decision, founded) in enumerate(
        rows, start=1
    ):
        writer.data(
            [
                number,
                name,
                t(f"union_kind.{kind}"),
                commune,
                cluster_name,
                decision,
                founded,
                members.get(union_id, 0),
            ]
        )
    if not rows:
        writer.note(t("report.none"))
    return len(rows)


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


def _month_moves(session: Session, year: int, end: dt.date) -> dict[int, metrics.Movements]:
    """Month -> movements of the whole federation, one grouped query."""
    month = extract("month", MembershipEvent.occurred_on)
    rows = session.exec(
        select(month, MembershipEvent.kind, func.count())
        .where(
            MembershipEvent.deleted_at.is_(None),
            MembershipEvent.occurred_on >= dt.date(year, 1, 1),
            MembershipEvent.occurred_on <= end,
        )
        .group_by(month, MembershipEvent.kind)
    ).all()
    result: dict[int, metrics.Movements] = {}
    for month_no, kind, count in rows:
        setattr(result.setdefault(int(month_no), metrics.Movements()), kind, int(count))
    return result


def _union_moves(session: Session, start: dt.date, end: dt.date):
    """Each union's movements from `start` to `end`, one grouped query."""
    rows = session.exec(
        select(GrassrootsUnion.name, OrgUnit.name, MembershipEvent.kind, func.count())
        .join(GrassrootsUnion, GrassrootsUnion.id == MembershipEvent.union_id)
        .outerjoin(OrgUnit, OrgUnit.id == GrassrootsUnion.unit_id)
        .where(
            MembershipEvent.deleted_at.is_(None),
            MembershipEvent.occurred_on >= start,
            MembershipEvent.occurred_on <= end,
        )
        .group_by(GrassrootsUnion.id, GrassrootsUnion.name, OrgUnit.name, MembershipEvent.kind)
    ).all()
    per_union: dict[tuple[str, str | None], metrics.Movements] = {}
    for union_name, commune, kind, count in rows:
        setattr(per_union.setdefault((union_name, commune), metrics.Movements()), kind, int(count))
    return sorted(per_union.items(), key=lambda item: (-item[1].net, item[0][0]))


def _leave_reasons(session: Session, start: dt.date, end: dt.date) -> list[tuple[str | None, int]]:
    return [
        (reason, int(count))
        for reason, count in session.exec(
            select(MembershipEvent.reason, func.count())
            .where(
                MembershipEvent.deleted_at.is_(None),
                MembershipEvent.kind == EventKind.left,
                MembershipEvent.occurred_on >= start,
                MembershipEvent.occurred_on <= end,
            )
            .group_by(MembershipEvent.reason)
            .order_by(func.count().desc())
        ).all()
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


def _movements(writer: SheetWriter, session: Session, period: Period) -> None:
    writer.section(t("report.section.months"))
    writer.header(MONTH_COLUMNS)
    running = 0
    months = _month_moves(session, period.year, period.end)
    for month_no in range(1, period.end.month + 1 if period.end.year == period.year else 13):
        moves = months.get(month_no, metrics.Movements())
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
    moves = _union_moves(session, period.start, period.end)
    total = metrics.Movements()
    for (union_name, commune), m in moves:
        total.admitted += m.admitted
        total.transfer_in += m.transfer_in
        total.transfer_out += m.transfer_out
        total.left += m.left
        writer.data(
            [union_name, commune, m.admitted, m.transfer_in, m.transfer_out, m.left, m.net],
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
    for reason, count in _leave_reasons(session, period.start, period.end):
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
    period = period_of(year, quarter, today)
    figures = briefing.figures(session, year=year, quarter=quarter, today=today)
    issued_on = issued_on or today
    workbook = Workbook()
    workbook.remove(workbook.active)
    writers = []
    for key, columns in SHEETS:
        ws = workbook.create_sheet(t(key))
        writers.append(SheetWriter(ws, list(columns), period=period, issued_on=issued_on))
    headline, units, new_unions, prospects, movements = writers
    try:
        _headline(
            headline, figures.progress, duties.report_rows(session, year=year, as_of=period.end)
        )
        _by_unit(units, figures)
        _new_unions(new_unions, session, period)
        _prospects(prospects, organising.board(session, on=period.end))
        _movements(movements, session, period)
    finally:
        _registered.pop(id(workbook), None)
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


def write_report(
    session: Session, *, year: int, quarter: int | None, path: Path, **kwargs
) -> Period:
    data = report_bytes(session, year=year, quarter=quarter, **kwargs)
    path.write_bytes(data)
    return period_of(year, quarter, kwargs.get("today"))


def file_name(year: int, quarter: int | None) -> str:
    return f"bao-cao-{year}" + (f"-quy-{quarter}" if quarter else "") + ".xlsx"


# ---------------------------------------------------------------- charts for slides


CHARTS = ("chi-tieu", "thuc-tang-theo-thang", "thang-cong-nhan", "xep-hang", "van-dong", "theo-quy")


def chart_pngs(
    session: Session, *, year: int, quarter: int | None = None, today: dt.date | None = None
) -> dict[str, bytes]:
    """The briefing's charts as PNG files for slides (white background), by file name."""
    f = briefing.figures(session, year=year, quarter=quarter, today=today)
    theme = bc.PRINT
    c = f.campaign
    built = {
        "chi-tieu": bc.gauges_chart(charts.gauges(f.progress), theme),
        "thuc-tang-theo-thang": bc.cumulative_chart(
            f.months,
            theme,
            year=f.year,
            as_of=f.as_of,
            target=f.progress.targets.get(TargetKey.net_growth.value),
            width=900,
            height=420,
        ),
        "thang-cong-nhan": bc.workers_month_chart(
            c.days, theme, start=c.start, end=c.end, target=c.net_target, width=900, height=420
        ),
        "xep-hang": bc.leaderboard_chart(f.communes.rows, theme, as_of=f.as_of, width=900),
        "van-dong": bc.pipeline_chart(f.pipeline, theme, width=700, row_height=40),
        "theo-quy": bc.quarters_chart(
            f.quarters,
            theme,
            highlight=f.quarters[-1].quarter if f.quarters else None,
            width=900,
            height=420,
        ),
    }
    suffix = f"-{year}" + (f"-quy-{quarter}" if quarter else "")
    return {f"{name}{suffix}.png": bc.to_png(chart, theme) for name, chart in built.items()}
