"""Files built to hurt the server: each is refused with a catalogue key and this process lives on.

The spreadsheet reader runs in a child process (core/importing/isolated.py); a file that makes it
abort or swell costs that child only. The far-cell workbook is proved dangerous in a child of its
own (never in the test process): read as before, it kills the process that reads it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from core import importing, settings
from core.cli import main
from core.importing import isolated
from core.importing.headers import find_header
from core.importing.reading import ReadError, Sheet
from core.strings import t
from tests import factories as f
from tests import spreadsheets as s
from tests.login import login_as

ROOT = Path(__file__).resolve().parent.parent
FAR_CELL = "XFD1048576"
HEADER = ["Họ và tên", "Ngày sinh", "Số CCCD", "CĐCS", "Ngày kết nạp"]
MEMBER = ["Nguyễn Văn An", "05/03/1990", "031090001234", s.UNION, "02/05/2025"]


def rewritten_sheet(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = change(part.decode()).encode()
            out.writestr(item, part)
    return buffer.getvalue()


def tiny_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(MEMBER)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def far_cell_workbook(*, declared: bool) -> bytes:
    """A tiny list plus one cell at XFD1048576; the sheet's <dimension> declares it, or lies."""

    def change(xml: str) -> str:
        xml = xml.replace(
            "</sheetData>",
            f'<row r="1048576"><c r="{FAR_CELL}" t="inlineStr"><is><t>x</t></is></c></row>'
            "</sheetData>",
        )
        if declared:
            xml, count = re.subn(
                r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{FAR_CELL}"/>', xml
            )
            assert count == 1
        return xml

    return rewritten_sheet(tiny_workbook(), change)


def dimension_workbook(ref: str) -> bytes:
    def change(xml: str) -> str:
        xml, count = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml)
        assert count == 1
        return xml

    return rewritten_sheet(tiny_workbook(), change)


def zip_bomb_workbook() -> bytes:
    """A real workbook carrying one part of 64 MB of zeros, packed to a few dozen KB."""
    buffer = io.BytesIO(tiny_workbook())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/media/image1.bin", bytes(64 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def union(engine, db_env):
    with Session(engine) as session:
        f.create_union(session, name=s.UNION)
        session.commit()


def read_error(session: Session, data: bytes, file_name: str = "ds.xlsx") -> ReadError:
    with pytest.raises(ReadError) as error:
        importing.preview(session, data=data, file_name=file_name, kind="members")
    return error.value


def test_the_far_cell_workbook_kills_the_process_that_reads_it_directly():
    """Why the reader runs in a child: calamine, read as the importer used to, aborts."""
    data = far_cell_workbook(declared=False)
    assert len(data) < 6000
    script = (
        "import io, resource, sys, python_calamine\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read()))\n"
        "book.get_sheet_by_name(book.sheet_names[0])\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script],
        input=data,
        capture_output=True,
        timeout=60,
        env={"RUST_BACKTRACE": "0", "PATH": "/usr/bin:/bin"},
    )
    assert child.returncode < 0  # killed by a signal (SIGABRT), no Python exception to catch
    assert b"memory allocation of 549755813888 bytes failed" in child.stderr


def test_far_cell_declared_is_refused_before_reading(session, union):
    error = read_error(session, far_cell_workbook(declared=True))
    assert (error.key, error.values) == ("import.error.sheet_too_large", {"cell": FAR_CELL})


def test_far_cell_undeclared_kills_only_the_child_reader(session, union):
    started = time.monotonic()
    assert read_error(session, far_cell_workbook(declared=False)).key == "import.error.read_failed"
    assert time.monotonic() - started < 10
    # This process lives on and reads the next honest file.
    plan = importing.preview(
        session, data=s.xlsx([HEADER, MEMBER]), file_name="ds.xlsx", kind="members"
    )
    assert [(row.row, row.action) for row in plan.rows] == [(2, "add")]


@pytest.mark.parametrize("ref", ["A1:ZZ1048576", "A1:XFD1048576", "B2:AAAA99999999"])
def test_a_huge_declared_dimension_is_refused(session, union, ref):
    error = read_error(session, dimension_workbook(ref))
    assert error.key == "import.error.sheet_too_large"


def test_a_large_but_possible_dimension_is_read(session, union):
    # 1.048.576 rows of 26 columns: formatting can declare this; the cells read are two rows.
    plan = importing.preview(
        session, data=dimension_workbook("A1:Z1048576"), file_name="ds.xlsx", kind="members"
    )
    assert [(row.row, row.action) for row in plan.rows] == [(2, "add")]


def test_a_zip_bomb_is_refused_before_reading(session, union):
    data = zip_bomb_workbook()
    assert len(data) < 200_000
    assert read_error(session, data).key == "import.error.unpacked_too_big"


def test_a_file_over_the_limit_is_refused(session, union, monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", "1")
    error = read_error(session, s.xlsx([HEADER, MEMBER]) + bytes(1024 * 1024))
    assert (error.key, error.values) == ("import.error.too_big", {"mb": 1})


def test_a_csv_field_over_128_kib_is_read(session, union):
    note = "ghi chú " * 40_000  # 320.000 characters in one quoted field, in a column not imported
    text = "Họ và tên;Ngày sinh;CĐCS;Ngày kết nạp;Cột phụ\n"
    text += f'Nguyễn Văn An;05/03/1990;{s.UNION};02/05/2025;"{note}"\n'
    sheets = isolated.read_sheets(text.encode(), "ds.csv")
    assert sheets[0].rows[1][1][4] == note
    plan = importing.preview(session, data=text.encode(), file_name="ds.csv", kind="members")
    assert [(row.row, row.action) for row in plan.rows] == [(2, "add")]


def test_a_child_that_overruns_its_time_is_killed(monkeypatch):
    monkeypatch.setattr(
        isolated,
        "_child_command",
        lambda memory: [sys.executable, "-c", "import time; time.sleep(60)"],
    )
    started = time.monotonic()
    with pytest.raises(ReadError) as error:
        isolated._run_child(b"", memory_bytes=1 << 30, seconds=1, progress=None)
    assert (error.value.key, error.value.values) == ("import.error.read_timeout", {"seconds": 1})
    assert time.monotonic() - started < 5


def test_a_child_stopped_by_its_caller_is_killed(monkeypatch):
    """A Streamlit rerun or a closed tab raises inside `progress`: the child must not live on."""
    spawned = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        spawned.append(real_popen(*args, **kwargs))
        return spawned[-1]

    monkeypatch.setattr(isolated.subprocess, "Popen", popen)
    monkeypatch.setattr(
        isolated,
        "_child_command",
        lambda memory: [sys.executable, "-c", "import time; time.sleep(60)"],
    )

    class Stopped(Exception):
        pass

    def progress(share: float) -> None:
        raise Stopped

    with pytest.raises(Stopped):
        isolated._run_child(b"", memory_bytes=1 << 30, seconds=30, progress=progress)
    assert spawned[0].poll() is not None


def test_long_cells_in_the_first_rows_cost_little_to_match():
    # 40 rows of 200 cells of 500 characters (4 MB) that contain field names: formerly minutes.
    cell = ("Họ và tên đoàn viên công đoàn cơ sở ngày sinh số CCCD " * 10)[:500]
    rows = [(number, [cell] * 200) for number in range(1, 41)]
    rows += [(41, HEADER), (42, MEMBER)]
    started = time.monotonic()
    assert find_header(Sheet(name="x", rows=rows), "members") is None
    assert time.monotonic() - started < 2
    header = find_header(Sheet(name="x", rows=rows[20:]), "members")
    assert header is not None and header.header_rows == (41,)


def test_the_command_line_says_one_vietnamese_line(tmp_path, capsys, union):
    path = tmp_path / "xa.xlsx"
    path.write_bytes(far_cell_workbook(declared=False))
    code = main(["import", "members", str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"Lỗi: {ReadError('import.error.read_failed').message()}"]


def test_the_page_streamlit_and_the_importer_share_one_upload_limit(engine, db_env, monkeypatch):
    default = int(settings.SETTINGS["MAX_UPLOAD_MB"][0])
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == default
    # `make run` passes the setting as --server.maxUploadSize.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"^UPLOAD_MB := (.+)$", makefile, re.MULTILINE).group(1)
    assert '--server.maxUploadSize "$$($(UPLOAD_MB))"' in makefile
    command = command.replace("$(BIN)/python", sys.executable)
    printed = subprocess.run(
        ["sh", "-c", command], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"MAX_UPLOAD_MB": "120", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert printed.stdout.strip() == "120"
    # The page's uploader refuses above the same number, and warns when the server's is lower.
    monkeypatch.setenv("MAX_UPLOAD_MB", "120")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    login_as(at, "hoa", "staff")
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception
    assert at.file_uploader[0].proto.max_upload_size_mb == 120
    assert [w.value for w in at.warning] == [t("upload.server_limit_low", server=default, mb=120)]


def test_the_upload_page_says_why_and_keeps_working(engine, union):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    login_as(at, "hoa", "staff")
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    at.file_uploader[0].upload("xa.xlsx", far_cell_workbook(declared=False))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [ReadError("import.error.read_failed").message()]
    at.file_uploader[0].clear().upload("ds.xlsx", s.xlsx([HEADER, MEMBER]))
    at.run()
    assert at.error.len == 0
    assert {m.label: m.value for m in at.metric}[t("upload.count.add")] == "1"


def test_the_child_reader_loads_no_database_code():
    """Every read starts a child: it loads the reader alone, not the models and SQLAlchemy (they
    took the child 0,6 s to import, a second per file with the interpreter's start)."""
    command = isolated._child_command(1 << 30)
    command[2] = command[2].replace(
        "sys.exit(child_main(int(sys.argv[1])))",
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'pandas'}),"
        " 'core.models' in sys.modules)",
    )
    assert command[2] != isolated.CHILD_BOOTSTRAP
    env = {"PYTHONPATH": str(settings.PROJECT_ROOT)}
    shown = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    assert shown.strip() == "[] False"
