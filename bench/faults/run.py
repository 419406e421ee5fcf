"""Faults under load (issue 9, point 11): `baspa serve` on loopback, readers and an editor
hammering it, while its Redis is stopped and started and its PostgreSQL restarted.

    .venv/bin/python bench/faults/run.py [--seconds 24] [--readers 8] [--articles 40]

Everything it stops is its own: a redis-server on a free port (no disk) and a PostgreSQL
cluster made with initdb in a temporary directory, started with pg_ctl as the `postgres` user
(through runuser when run as root). The shared servers at 127.0.0.1:5432 and :6379 are never
touched. Timeline (fractions of --seconds): Redis is killed at 1/6 and started again (empty)
at 2/6; PostgreSQL is stopped at 3/6 and started again at 4/6; the run ends at 6/6.

Readers fetch a fixed set of pages (front pages, sections, articles, a feed, the sitemap)
and, one request in four, a page with a junk parameter, which is never cached and so always
needs the database. The editor signs in to the admin and saves a draft of one article every
0.2 s through the real edit form (a new headline each time). Afterwards every save the
server answered with a redirect (saved) must be a revision in the database, and every other
answer must have been the clear 503; anything else is counted as lost or unclear.

Prints one JSON summary: per phase, the readers' answers by status, and the editor's saves.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


class Postgres:
    """A cluster of our own, in a temporary directory."""

    def __init__(self, base: Path):
        self.dir = base / "pg"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *argv: str) -> None:
        subprocess.run([*self.as_postgres, *argv], check=True, capture_output=True)

    def init(self) -> None:
        self.dir.mkdir()
        if self.as_postgres:
            shutil.chown(self.dir.parent, "postgres")
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "baspa")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir}"
        self._run(
            "pg_ctl", "-D", str(self.dir), "-o", options, "-l", str(self.dir / "log"), "-w", "start"
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/baspa"


class Redis:
    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def baspa(env: dict, *argv: str, check: bool = True) -> str:
    done = subprocess.run(
        [PYTHON, "-m", "baspa", *argv], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if check and done.returncode:
        raise RuntimeError(f"baspa {' '.join(argv)}: {done.stderr[-2000:]}")
    return done.stdout


SETUP = """
from django.contrib.auth import get_user_model
from baspa.content.models import ArticlePage
get_user_model().objects.create_superuser("chief", "chief@example.kz", "Сенімді-құпиясөз-2026")
urls = [a.url for a in ArticlePage.objects.live().order_by("-first_published_at")[:12]]
print(ArticlePage.objects.live().first().pk, *urls)
"""


class Phases:
    def __init__(self, seconds: float):
        self.start = time.monotonic()
        self.seconds = seconds

    def now(self) -> str:
        fraction = (time.monotonic() - self.start) / self.seconds
        return ["normal", "redis down", "redis back", "postgres down", "postgres back", "after"][
            min(5, int(fraction * 6))
        ]


def reader(base: str, urls: list[str], phases: Phases, stop: threading.Event, seen, lock):
    number = 0
    while not stop.is_set():
        number += 1
        url = urls[number % len(urls)]
        if number % 4 == 0:
            url += f"?junk={number}"  # never cached: needs the database
        phase = phases.now()
        try:
            with urllib.request.urlopen(base + url, timeout=10) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as error:
            status = error.code
            body = error.read().decode("utf-8", "replace")
            if status == 503 and "Retry-After" not in error.headers:
                status = "503 without Retry-After"
            elif status >= 500 and "Traceback" in body:
                status = f"{status} with a traceback"
        except OSError as error:
            status = f"no answer ({type(error).__name__})"
        with lock:
            seen[phase][str(status)] += 1


def editor(base: str, page_id: int, phases: Phases, stop: threading.Event, saves: list):
    from lxml import html

    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def request(url, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Referer": base + url}
        try:
            with opener.open(urllib.request.Request(base + url, body, headers), timeout=10) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def csrf() -> str:
        return next(c.value for c in jar if c.name == "csrftoken")

    request("/admin/login/")
    status, _ = request(
        "/admin/login/",
        {"username": "chief", "password": "Сенімді-құпиясөз-2026", "csrfmiddlewaretoken": csrf()},
    )
    assert status == 302, f"the editor could not sign in ({status})"
    form = None
    number = 0
    while not stop.is_set():
        phase = phases.now()
        if form is None:
            status, page = request(f"/admin/pages/{page_id}/edit/")
            if status != 200:
                time.sleep(0.2)
                continue
            tree = html.fromstring(page)
            form = dict(tree.get_element_by_id("page-edit-form").form_values())
            # The body's StreamField is expanded into fields by the editor's JavaScript; the
            # draft is saved with no blocks (nothing is published).
            form["body-count"] = "0"
        number += 1
        title = f"Ақау кезінде сақталған {number}"
        status, page = request(
            f"/admin/pages/{page_id}/edit/",
            {**form, "title": title, "csrfmiddlewaretoken": csrf()},
        )
        clear = status == 503 and "Ештеңе сақталған жоқ" in page or status == 302
        saves.append({"title": title, "status": status, "phase": phase, "clear": clear})
        if status not in (302, 503):
            form = None  # read the form again
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=24)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()

    base_dir = Path(tempfile.mkdtemp(prefix="baspa-faults-"))
    postgres, redis = Postgres(base_dir), Redis()
    server = None
    try:
        postgres.init()
        redis.start()
        home = base_dir / "home"
        home.mkdir()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "baspa.settings.dev",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "BASPA_HOME": str(home),
            "CONN_MAX_AGE": "60",
        }
        baspa(env, "migrate", "--verbosity", "0")
        baspa(env, "demo", "--no-serve", "--articles", str(args.articles))
        page_id, *articles = baspa(env, "shell", "-c", SETUP).strip().splitlines()[-1].split()
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "-m", "baspa", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(base_dir / "serve.log", "w"),
            start_new_session=True,
        )
        wait_port(port)
        base = f"http://127.0.0.1:{port}"
        urls = ["/", "/ru/", "/latyn/", "/feeds/rss/", "/sitemap.xml", *articles]
        for url in urls:  # warm the cache as a running site has it
            urllib.request.urlopen(base + url, timeout=30).read()

        phases = Phases(args.seconds)
        stop = threading.Event()
        seen: dict[str, Counter] = defaultdict(Counter)
        saves: list[dict] = []
        lock = threading.Lock()
        threads = [
            threading.Thread(target=reader, args=(base, urls, phases, stop, seen, lock))
            for _ in range(args.readers)
        ]
        threads.append(
            threading.Thread(target=editor, args=(base, int(page_id), phases, stop, saves))
        )
        for thread in threads:
            thread.start()
        events = []

        def at(fraction: float, what: str, action) -> None:
            time.sleep(max(0.0, phases.start + fraction * args.seconds - time.monotonic()))
            began = time.monotonic() - phases.start
            action()
            events.append((round(began, 2), round(time.monotonic() - phases.start, 2), what))

        at(1 / 6, "redis killed", redis.stop)
        at(2 / 6, "redis started (empty)", redis.start)
        at(3 / 6, "postgres stopped", postgres.stop)
        at(4 / 6, "postgres started", postgres.start)
        time.sleep(max(0.0, phases.start + args.seconds - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        # Every save answered «saved» is a revision; nothing answered otherwise is.
        check = (
            "import json\n"
            "from wagtail.models import Revision\n"
            f"titles = set(Revision.objects.filter(object_id='{page_id}')"
            ".values_list('content__title', flat=True))\n"
            "print(json.dumps(sorted(t for t in titles if t)))"
        )
        stored = set(json.loads(baspa(env, "shell", "-c", check).strip().splitlines()[-1]))
        lost = [s for s in saves if s["status"] == 302 and s["title"] not in stored]
        ghost = [s for s in saves if s["status"] != 302 and s["title"] in stored]
        unclear = [s for s in saves if not s["clear"]]
        by_phase: dict[str, Counter] = defaultdict(Counter)
        for save in saves:
            by_phase[save["phase"]][str(save["status"])] += 1
        summary = {
            "seconds": args.seconds,
            "readers": args.readers,
            "events": events,
            "reader_answers": {phase: dict(counts) for phase, counts in seen.items()},
            "editor_saves": {phase: dict(counts) for phase, counts in by_phase.items()},
            "saves_lost": len(lost),
            "saved_though_answered_as_failed": len(ghost),
            "unclear_answers": unclear,
        }
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        if lost or unclear:
            sys.exit(1)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        redis.stop()
        try:
            postgres.stop()
        except subprocess.CalledProcessError:
            pass
        if (base_dir / "serve.log").exists():
            shutil.copy(
                base_dir / "serve.log", Path(tempfile.gettempdir()) / "baspa-faults-serve.log"
            )
        shutil.rmtree(base_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
