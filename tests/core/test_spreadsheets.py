"""The one spreadsheet reader every import uses (core.spreadsheets, decision 0033): CSV in the
encodings and separators Excel writes, and workbooks, read a row at a time."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from openpyxl import Workbook

from tenantvoice.core.spreadsheets import ImportFileError, count_rows, read_rows


def test_a_csv_saved_by_excel_reads_without_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffperson_ref;last_name\r\nP1 ; Ní Bhriain\r\n".encode())
    assert list(read_rows(path)) == [["person_ref", "last_name"], ["P1", "Ní Bhriain"]]


def test_a_windows_1252_character_far_into_the_file_decides_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "windows.csv"
    ascii_rows = "".join(f"P{n},Smith\n" for n in range(200_000))  # well past the first chunk
    path.write_bytes(b"person_ref,last_name\n" + ascii_rows.encode() + "P0,Ó Sé\n".encode("cp1252"))
    rows = read_rows(path)
    assert next(rows) == ["person_ref", "last_name"]
    assert list(rows)[-1] == ["P0", "Ó Sé"]


def test_bytes_windows_1252_lacks_are_read_as_latin_1(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a\tb\n\x81x\tc\n")
    assert list(read_rows(path)) == [["a", "b"], ["\x81x", "c"]]


def test_a_binary_file_named_csv_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"%PDF-1.7\x00\x00")
    with pytest.raises(ImportFileError, match="is not a text file"):
        list(read_rows(path, "report.csv"))


def test_a_workbooks_first_sheet_is_read_with_numbers_as_their_digits(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["person_ref", "mobile_phone", "uprn"])
    sheet.append(["P1", 7700900123, 100023336956.0])
    sheet.append([])
    path = tmp_path / "hms.xlsx"
    book.save(path)
    assert list(read_rows(path)) == [
        ["person_ref", "mobile_phone", "uprn"],
        ["P1", "7700900123", "100023336956"],
    ]
    assert count_rows(path) == 1


def test_a_large_csv_is_read_a_row_at_a_time(tmp_path: Path) -> None:
    """The file is never held whole: reading 3 MB takes a small fraction of that in memory."""
    path = tmp_path / "big.csv"
    row = "P{n},Firstname,Lastname,1 Long Street Name,Townville,LS1 4AP,07700 900123,someone@example.org\n"
    path.write_text("person_ref,a,b,c,d,e,f,g\n" + "".join(row.format(n=n) for n in range(40_000)))
    assert path.stat().st_size > 3_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_rows(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 40_001
    assert peak < 1_500_000, f"reading held {peak:,} bytes at once"
