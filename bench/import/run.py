"""Import a generated 50,000-post WordPress export into a fresh database; time it, watch memory.

    .venv/bin/python bench/import/run.py [--posts 50000] [--photos 10000] [--engine sqlite]
    .venv/bin/python bench/import/run.py --engine postgresql \
        --database-url postgres://postgres@127.0.0.1:5432/baspa_import_bench

The export and its uploads are generated once into --data (generate.py) and reused. Each run
starts from an empty database (SQLite in a fresh BASPA_HOME, or the PostgreSQL database
dropped and created again), migrates it, then runs `baspa import-wordpress` as a separate
process, as an editor would. Peak memory is the largest sum of the resident sizes of that
process and its children (the preparing worker), sampled every 0.2 s from /proc: both the
resident size (pages the forked worker shares with its parent counted twice: an upper bound)
and the proportional set size (shared pages divided between them: the true footprint).
A second run of the same command (everything already imported) is timed too. Then the site
is checked: every post a live article with its search document, every photo imported, a
redirect for every post, no problem in the page tree; otherwise the benchmark fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASPA = str(ROOT / ".venv" / "bin" / "baspa")
# What the import left, checked after the runs: a fast import that loses posts is no result.
CHECK = """
import json
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from baspa.content.models import ArticlePage
from baspa.images.models import Photo
from baspa.search.models import SearchDocument
print(json.dumps({
    "live_articles": ArticlePage.objects.live().count(),
    "photos": Photo.objects.count(),
    "search_documents": SearchDocument.objects.count(),
    "post_redirects": Redirect.objects.filter(redirect_page__isnull=False).count(),
    "tree_problems": sum(len(found) for found in Page.find_problems()),
}))
"""


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) summed over the process and its children, in kB. PSS divides each shared
    page among the processes sharing it, so the sum is what the tree really occupies; RSS
    counts the pages a forked child shares with its parent twice."""
    rss = pss = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending += [int(child) for child in children]
        except (OSError, ValueError):
            continue
    return rss, pss


def timed_run(args: list[str], env: dict[str, str]) -> dict:
    started = time.monotonic()
    cpu_before = os.times()
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample():
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            rss, pss = tree_memory_kb(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    cpu_after = os.times()
    if process.returncode != 0:
        sys.stderr.write(err.decode()[-3000:])
        raise SystemExit(f"{args[1]} failed ({process.returncode})")
    return {
        "seconds": round(time.monotonic() - started, 1),
        "cpu_seconds": round(
            (cpu_after.children_user - cpu_before.children_user)
            + (cpu_after.children_system - cpu_before.children_system),
            1,
        ),
        "peak_rss_mb": round(peak_rss / 1024, 1),
        "peak_pss_mb": round(peak_pss / 1024, 1),
        "phases": [line for line in out.decode().splitlines() if " s (" in line],
        "stdout": out.decode(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--data", type=Path, default=Path("/tmp/baspa-import-bench"))
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "bench" / "import"))
    from generate import generate

    data = args.data / f"{args.posts}-{args.photos}"
    export = data / "export.xml"
    if not export.exists():
        print(f"generating {export} …", flush=True)
        generate(data, args.posts, args.photos)
    home = args.data / f"home-{args.engine}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = {**os.environ, "BASPA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "baspa.settings.dev"}
    env.pop("DATABASE_URL", None)
    if args.engine == "postgresql":
        import psycopg

        url = args.database_url or "postgres://postgres@127.0.0.1:5432/baspa_import_bench"
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url
    subprocess.run([BASPA, "migrate", "-v0"], env=env, check=True)
    command = [BASPA, "import-wordpress", str(export), "--uploads", str(data / "uploads"),
               "--report", str(home / "report.csv"), "--no-progress"]  # fmt: skip
    first = timed_run(command, env)
    again = timed_run(command, env)
    check = subprocess.run([BASPA, "shell", "-c", CHECK], env=env, capture_output=True,
                           text=True, check=True)  # fmt: skip
    site = json.loads(check.stdout.strip().splitlines()[-1])
    expected = {"live_articles": args.posts, "photos": args.photos, "search_documents": args.posts,
                "tree_problems": 0}  # fmt: skip
    wrong = {key: site[key] for key, value in expected.items() if site[key] != value}
    if wrong or site["post_redirects"] < args.posts or "failed: 0" not in first["stdout"]:
        raise SystemExit(f"the imported site is not what the export holds: {site}")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    result = {
        "engine": args.engine,
        "posts": args.posts,
        "photos": args.photos,
        "export_mb": round(export.stat().st_size / 1e6, 1),
        "import": {k: v for k, v in first.items() if k != "stdout"},
        "posts_per_second_whole_command": round(args.posts / first["seconds"], 1),
        "rerun": {k: v for k, v in again.items() if k != "stdout"},
        "imported_site": site,
        "load_average_after": os.getloadavg(),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, "
        f"Python {platform.python_version()}",
    }
    print(first["stdout"])
    print(again["stdout"])
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
