import subprocess
import sys


def baspa(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "baspa", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_baspa_kk_runs_the_toolkit_without_django():
    result = baspa("kk", "translit", stdin="Мүмкіндіктер Алаңы\nҚР\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Mümkındıkter Alañy", "QR"]
    assert baspa("kk", "slug", stdin="Қазақстан жаңалықтары\n").stdout == "qazaqstan-janalyqtary\n"


def test_baspa_wraps_management_commands():
    result = baspa("help")
    assert result.returncode == 0
    for command in ("demo", "serve", "run_scheduler", "migrate", "createsuperuser"):
        assert command in result.stdout
