"""Cells for CSV and XLSX exports that a spreadsheet never runs as formulas.

Exports carry text from outside the workbench (account names, reasons typed
by reviewers, report texts).  A spreadsheet takes a cell starting with ``=``,
``+``, ``-`` or ``@`` (and, in some, a tab or carriage return) as a formula:
``=HYPERLINK("http://…","点此")`` in an account name would become a live link
in the regulator's report, ``=cmd|…`` worse.  Following OWASP's guidance on
CSV injection, every exporter writes its cells through this module:

- :func:`csv_cell` prefixes such text with a single quote ``'`` (the quote
  shows in the cell; everything after it is the text as stored).  The
  full-width forms ``＝ ＋ － ＠``, which some East Asian spreadsheet
  versions also accept as a formula start, are treated the same.
- :func:`xlsx_cells` writes such text as an explicit string cell with Excel's
  own "quote prefix" style (what Excel stores for a typed ``'=1+1``): the
  cell shows the text unchanged and stays text when edited.

Only text is touched: numbers, dates and booleans stay what they are, so a
negative number is still a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeGuard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def is_formula_like(value: object) -> TypeGuard[str]:
    """Whether ``value`` is text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """``value`` for a CSV cell: formula-like text gets a leading ``'``."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[object]) -> list[object]:
    """A CSV row of :func:`csv_cell` values (for ``csv.writer.writerow``)."""
    return [csv_cell(v) for v in values]


def xlsx_cells(sheet, values: Iterable[object]) -> list[object]:
    """A row for ``sheet.append``: formula-like text as a quoted string cell.

    Works for normal and write-only worksheets (``Workbook(write_only=True)``).
    """
    from openpyxl.cell import WriteOnlyCell

    out: list[object] = []
    for value in values:
        if is_formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
            cell.quotePrefix = True
            out.append(cell)
        else:
            out.append(value)
    return out


def display_width(value: object) -> int:
    """How many character cells ``value`` takes in a spreadsheet column (CJK count two)."""
    import unicodedata

    text = "" if value is None else str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


#: Number formats the exports use.
PERCENT = "0.0%"
DECIMAL = "0.0"
WHOLE = "0"
DATETIME = "yyyy-mm-dd hh:mm"


def format_sheet(
    sheet,
    *,
    header_row: int = 1,
    formats: dict[int, str] | None = None,
    max_width: int = 60,
) -> None:
    """Make a filled (not write-only) sheet readable as it opens: the header row bold,
    wrapped and frozen, each column as wide as its longest value (up to ``max_width``
    characters; longer text wraps), and ``formats`` (column number from 1 -> number
    format) on the cells below the header."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    formats = formats or {}
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            shown = cell.value
            if hasattr(shown, "strftime"):
                shown = "2026-01-01 00:00"
            elif isinstance(shown, float):
                shown = f"{shown:.1f}"
            widths[cell.column] = max(widths.get(cell.column, 0), display_width(shown))
            if cell.row == header_row:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif cell.row > header_row:
                if cell.column in formats and cell.value is not None:
                    cell.number_format = formats[cell.column]
                if isinstance(cell.value, str) and display_width(cell.value) > max_width:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    header_widths = {
        c.column: display_width(c.value) for c in sheet[header_row] if c.value is not None
    }
    for column, width in widths.items():
        # A header may wrap onto two lines; values set the width.
        wanted = max(width, (header_widths.get(column, 0) + 1) // 2, 6)
        sheet.column_dimensions[get_column_letter(column)].width = min(wanted, max_width) + 2
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
