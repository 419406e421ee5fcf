import csv
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
NEWSROOM = FIXTURES / "newsroom.xml"


@pytest.fixture(autouse=True)
def _english_console(monkeypatch):
    """The command speaks the console's language; these tests read its English."""
    monkeypatch.setenv("LANGUAGE", "en")


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads as the fixture export expects it: two good images, one
    file that is not an image, and one (2024/05/joq.jpg) missing."""
    from PIL import Image

    root = tmp_path / "uploads"
    (root / "2024" / "05").mkdir(parents=True)
    (root / "2024" / "06").mkdir(parents=True)
    Image.new("RGB", (800, 450), (30, 120, 60)).save(root / "2024/05/saiabaq.jpg")
    Image.new("RGB", (1024, 576), (120, 30, 60)).save(root / "2024/06/akorda.png")
    (root / "2024/05/buzylgan.jpg").write_bytes(b"not an image at all")
    return root


def run_import(export, *, uploads=None, report=None, extra=()):
    """`baspa import-wordpress` in-process; returns (stdout, {(type, id): row}, rows)."""
    from io import StringIO

    from django.core.management import call_command

    report = Path(report)
    out = StringIO()
    args = [str(export), "--report", str(report), "--no-progress", *extra]
    if uploads:
        args += ["--uploads", str(uploads)]
    call_command("import-wordpress", *args, stdout=out)
    with report.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return out.getvalue(), {(row["type"], row["wordpress_id"]): row for row in rows}, rows


@pytest.fixture
def imported(homes, uploads, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return run_import(NEWSROOM, uploads=uploads, report=tmp_path / "report.csv")
