"""Workbooks the importer hands out: a template per kind and the report of refused rows.

Every text cell is written as text: a value that looks like a formula (`=`, `+`, `-`, `@` first)
stays a string, so Excel shows it and never evaluates it.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.importing.fields import fields_of
from core.importing.plan import ImportPlan
from core.models import ImportKind, LeaveReason, Ownership, UnionKind
from core.strings import t
from core.text import looks_like_formula

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ID_FIELDS = {"cccd", "passport_no", "tax_code", "card_no", "decision_no"}

CHOICES: dict[str, list[str]] = {
    "gender": ["gender.male", "gender.female"],
    "yes_no": ["import.yes", "import.no"],
    "ownership": [f"ownership.{o.value}" for o in Ownership],
    "reason": [f"reason.{r.value}" for r in LeaveReason],
    "union_kind": [f"union_kind.{k.value}" for k in UnionKind],
}


def as_text(cell: Cell) -> Cell:
    """Keep a string cell a string even when it starts like a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def text_cell(sheet, value: object) -> Cell:
    return as_text(WriteOnlyCell(sheet, value=value))


def header_label(kind: str, field_name: str) -> str:
    if field_name == "name":
        return t(f"import.template.name.{kind}")
    return t(f"import.field.{field_name}")


def template(kind: str) -> bytes:
    """A ready-to-fill `.xlsx`: Vietnamese headers, a sample row, drop-downs for the choices."""
    kind = ImportKind(kind)
    fields = [f for f in fields_of(kind) if f.in_template]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("import.template.sheet")
    lists = workbook.create_sheet("DanhMuc")
    lists.sheet_state = "hidden"
    list_columns: dict[str, str] = {}
    for position, (name, keys) in enumerate(CHOICES.items(), start=1):
        letter = get_column_letter(position)
        for row, key in enumerate(keys, start=1):
            lists.cell(row=row, column=position, value=t(key))
        list_columns[name] = f"DanhMuc!${letter}$1:${letter}${len(keys)}"
    for column, f in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=column, value=header_label(kind, f.name))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        as_text(sheet.cell(row=2, column=column, value=f.sample))
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(12, len(header_label(kind, f.name)) + 4)
        if f.name in ID_FIELDS or "date" in f.name or f.name.endswith("_on"):
            for row in range(2, 1002):
                sheet.cell(row=row, column=column).number_format = "@"
        if f.choices_key:
            validation = DataValidation(
                type="list", formula1=f"={list_columns[f.choices_key]}", allow_blank=True
            )
            validation.add(f"{letter}2:{letter}1001")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(t("import.template.help_sheet"))
    help_sheet["A1"] = t("import.template.help")
    help_sheet.column_dimensions["A"].width = 120
    help_sheet["A1"].alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused_report(plan: ImportPlan) -> bytes:
    """The refused rows with their original row numbers, columns and reasons."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(t("import.report.sheet"))
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 90
    sheet.append(
        [
            text_cell(sheet, t("import.report.row")),
            text_cell(sheet, t("import.report.column")),
            text_cell(sheet, t("import.report.reason")),
        ]
    )
    for problem in plan.refused:
        sheet.append(
            [problem.row, text_cell(sheet, problem.column), text_cell(sheet, problem.reason)]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_safe(value: object) -> object:
    """A text value Excel would read as a formula gets a leading apostrophe in CSV."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
