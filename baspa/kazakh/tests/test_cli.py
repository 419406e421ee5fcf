import os
import subprocess
import sys
from pathlib import Path

import pytest

from baspa.kazakh.cli import main

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "baspa.kazakh", *args], input=data, capture_output=True, env=env
    )


def test_translit_both_ways() -> None:
    done = run("translit", data="Мүмкіндіктер Алаңы\nҚР\n".encode())
    assert done.stdout.decode() == "Mümkındıkter Alañy\nQR\n"
    done = run("translit", "--to", "cyrl", data="Mümkındıkter Alañy\n".encode())
    assert done.stdout.decode() == "Мүмкіндіктер Алаңы\n"
    done = run("translit", "--alphabet", "2018", data="Шығыс\n".encode())
    assert done.stdout.decode() == "Shyǵys\n"


def test_stem_normalize_slug_tokens() -> None:
    assert run("stem", data="Тоқаевтың\nAстанада\n".encode()).stdout == b"toqaev\nastana\n"
    assert run("stem", "--lang", "ru", data="Президента\n".encode()).stdout.decode() == (
        "президент\n"
    )
    assert run("normalize", data="ТOҚАЕВ\n".encode()).stdout.decode() == "тоқаев\n"
    assert run("slug", data="Мүмкіндіктер Алаңы\n\n".encode()).stdout == (b"mumkindikter-alany\n\n")
    out = run("tokens", data="ҚР-да 2026\n".encode()).stdout.decode()
    assert out == "ҚР-да\t0\t5\tabbr\n2026\t6\t10\tnumber\n\n"


def test_undecodable_bytes_and_no_final_newline() -> None:
    done = run("translit", data=b"\xff\xfe \xd2\x9b\xd0\xb0\xd0\xb7")  # bad bytes, "қаз", no \n
    assert done.returncode == 0
    assert done.stdout == b"\xff\xfe qaz\n"
    assert done.stderr == b""


def test_bad_arguments_exit_2_without_traceback() -> None:
    done = run("translit", "--to", "klingon", data=b"")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


def test_in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Алаңы\n"))
    assert main(["translit"]) == 0
    assert capsys.readouterr().out == "Alañy\n"
    assert main(["nonsense"]) == 2


def test_arabic_script_and_mixed_words() -> None:
    done = run("translit", "--to", "arab", data="Мүмкіндіктер Алаңы\nбілім\n".encode())
    assert done.stdout.decode() == "مۇمكىندىكتەر الاڭى\n\u0674بىلىم\n"
    done = run("mixed", data="Aлмaты мен Qazaqstаn\n".encode())
    assert done.stdout.decode() == "Алматы мен Qazaqstan\n"
