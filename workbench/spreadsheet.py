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

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def is_formula_like(value: object) -> bool:
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
