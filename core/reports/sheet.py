"""One sheet of the report workbook: the official title block, section titles, tables of typed cells
and the print setup. Knows openpyxl and the catalogue, and nothing of the database.

Numbers are written as numbers (Excel formats them: 2.500 and 95,0 % in a Vietnamese Excel), dates
as dates; text that starts like a formula is written as text. Every sheet prints on A4 landscape,
fitted to the page width, with its table header repeated on each page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.reports.period import Period
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


def forget_styles(workbook: Workbook) -> None:
    """Drop the record of a built workbook's styles (its id may be reused by the next one)."""
    _registered.pop(id(workbook), None)


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
