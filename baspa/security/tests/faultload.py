"""Faults under load (issue 9, point 11): `baspa serve` on loopback, readers and an editor
loading it, while its Redis is killed and started again and its PostgreSQL restarted.

Shared by the test (test_faults.py, a short run with assertions) and the benchmark
(bench/faults/run.py, a longer run that prints its counts). Everything it stops is its own:
a redis-server on a free port (no disk) and a PostgreSQL cluster made with initdb in a
temporary directory, run with pg_ctl as the `postgres` user (through runuser when run as
root). The shared servers at 127.0.0.1:5432 and :6379 are never touched.

Timeline (fractions of `seconds`): Redis is killed at 1/6 and started again, empty, at 2/6
(the readers' pages are then requested once, as a running site's readers would, so that what
follows meets a warm cache); PostgreSQL is stopped (`pg_ctl -m fast`) at 3/6 and started at
4/6; the run ends at 6/6. Each fault lasts a second at least and the run three seconds past
the recovery, however long stopping and starting took on a busy machine.

Readers fetch a fixed set of pages (front pages, articles, a feed, the sitemap) and, one
request in four, a page with a junk parameter, which is never cached and so always needs the
database. The editor signs in to the admin and saves a draft of one article every 0.2 s
through the real edit form, a new headline each time. Every answer is recorded with when it
began and ended, and every save is looked up in the database afterwards.
"""

from __future__ import annotations

import http.cookiejar
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
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

PHASES = ["normal", "redis down", "redis back", "postgres down", "postgres back", "after"]
# The 503 page's heading in each edition's language and script, by address
# (baspa/core/templates/503.html; the Latin edition spells every page in Latin).
UNAVAILABLE = {
    "/ru/": ("ru", "Сайт временно недоступен"),
    "/latyn/": ("kk-Latn", "Sait uaqytşa qoljetımsız"),
    "/": ("kk", "Сайт уақытша қолжетімсіз"),
}
# The editor's 503, in the admin's Kazakh: nothing of the save was committed, or some of it
# was when the database went away (baspa.core.middleware).
NOTHING_SAVED = "Ештеңе сақталған жоқ"
MAYBE_SAVED = "сақталып үлгерген болуы мүмкін"
EDITOR = ("chief", "Сенімді-құпиясөз-2026")


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
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def postgres_bin() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's /usr/lib/postgresql/<version>/bin,
    which the postgresql package does not put on PATH. None: PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and (Path(found).resolve().parent / "pg_ctl").exists():
        return Path(found).resolve().parent
    found_bins = [Path(path).parent for path in glob("/usr/lib/postgresql/*/bin/initdb")]
    versions = [path for path in found_bins if path.parent.name.isdigit()]
    return max(versions, key=lambda path: int(path.parent.name), default=None)


class Postgres:
    """A cluster of our own, in `base`, which must be a fresh directory."""

    def __init__(self, base: Path, bin_dir: Path):
        self.dir = base / "pg"
        self.bin = bin_dir
        self.port = free_port()
        # PostgreSQL refuses to run as root.
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, program: str, *argv: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bin / program), *argv], check=True, capture_output=True
        )

    def init(self) -> None:
        self.dir.mkdir()
        if self.as_postgres:
            shutil.chown(self.dir.parent, "postgres")
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "baspa")

    def start(self) -> None:
        # fsync off: a throwaway cluster, and a fast shutdown's checkpoint then takes a
        # moment rather than seconds on a busy disk (the restart itself is unchanged).
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.dir), "-o", options, "-l", str(self.dir / "log"), "-w", "start"
        )

    def stop(self) -> None:
        # Fast: every open connection is cut, as in a restart for an upgrade.
        self._run("pg_ctl", "-D", str(self.dir), "-m", "fast", "-w", "stop")

    def stop_if_running(self) -> None:
        try:
            self.stop()
        except (subprocess.CalledProcessError, OSError):
            pass

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/baspa"


class Redis:
    """A throwaway redis-server on its own port, which writes to disk only when asked (SAVE),
    into `directory`, and starts again from what it wrote."""

    def __init__(self, directory: Path | None = None):
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    def start(self) -> Redis:
        disk = ["--dir", str(self.directory)] if self.directory else []
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", *disk],
            stdout=subprocess.DEVNULL,
        )
        wait_port(self.port, timeout=10)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def baspa(env: dict, *argv: str) -> str:
    """Runs a `baspa` command in a process of its own; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "baspa", *argv], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"baspa {' '.join(argv)}: {done.stderr[-3000:]}")
    return done.stdout


# The embedded default's settings (which serve like production's: no DEBUG pages, persistent
# database connections checked before use), with static files stored as they are: compressing
# every one, as whitenoise's storage does at each start, would add some 20 s and nothing to
# what is measured.
SETTINGS = """
from baspa.settings.dev import *  # noqa: F403
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""

# A newsroom of `articles` articles in two editions, and the editor's account. Factories
# rather than `baspa demo`: the demo's photos take a quarter of a minute to make.
SETUP = """
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", verbosity=0)
from baspa.content.tests.factories import editions, make_article, make_author, make_section
homes = editions()
sections = [make_section(homes["kk"], "Саясат", slug="sayasat"),
            make_section(homes["ru"], "Политика", slug="politika")]
author = make_author("Айгерім Серікқызы", slug="aigerim")
articles = [make_article(sections[n % 2], f"Мақала {{n}}", authors=[author], tags=["ақау"],
                         minutes_ago=n) for n in range({articles})]
get_user_model().objects.create_superuser("{user}", "chief@example.kz", "{password}")
print(articles[0].pk, *[article.url for article in articles[:12]])
"""


@dataclass
class Run:
    """What happened: event times and every answer, in seconds from the start of the load."""

    events: dict[str, tuple[float, float]] = field(default_factory=dict)
    reads: list[dict] = field(default_factory=list)
    saves: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def phase(self, at: float) -> str:
        return PHASES[min(5, max(0, int(at / self.seconds * 6)))]

    def summary(self) -> dict:
        """Per phase (by when each request was sent), the readers' answers and the editor's
        saves; the saves lost (answered «saved», not in the database), untrue (answered
        «nothing was saved», in the database) and unclear."""
        reads: dict[str, Counter] = defaultdict(Counter)
        for read in self.reads:
            status = str(read["status"])
            if read["status"] == 503 and not read["clear"]:
                status = "503, unclear"
            reads[self.phase(read["began"])][status] += 1
        saves: dict[str, Counter] = defaultdict(Counter)
        for save in self.saves:
            saves[self.phase(save["began"])][f"{save['status']} {save['answer']}"] += 1
        return {
            "events": {what: [round(t, 2) for t in times] for what, times in self.events.items()},
            "reader_answers": {phase: dict(counts) for phase, counts in reads.items()},
            "editor_saves": {phase: dict(counts) for phase, counts in saves.items()},
            "saves_lost": sum(s["answer"] == "saved" and not s["stored"] for s in self.saves),
            "saves_untrue": sum(s["answer"] == "not saved" and s["stored"] for s in self.saves),
            "unclear_answers": [s for s in self.saves if s["answer"] == "unclear"],
        }


def _reader(base: str, urls: list[str], start: float, stop: threading.Event, run: Run, lock):
    number = 0
    while not stop.is_set():
        number += 1
        url = urls[number % len(urls)]
        junk = number % 4 == 0
        if junk:
            url += f"?junk={number}"  # never cached: needs the database
        began = time.monotonic() - start
        body, retry_after = "", None
        try:
            with urllib.request.urlopen(base + url, timeout=10) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as error:
            status, retry_after = error.code, error.headers.get("Retry-After")
            body = error.read().decode("utf-8", "replace")
        except OSError as error:
            status = f"no answer ({type(error).__name__})"
        language, heading = next(v for k, v in UNAVAILABLE.items() if url.startswith(k))
        read = {
            "url": url,
            "junk": junk,
            "began": began,
            "ended": time.monotonic() - start,
            "status": status,
            # A clear 503: says so in the reader's language, says when to come back, and
            # shows no traceback.
            "clear": status == 503
            and retry_after is not None
            and heading in body
            and f'lang="{language}"' in body
            and "Traceback" not in body,
        }
        with lock:
            run.reads.append(read)


class Editor:
    """An editor in the admin, through its real forms, with cookies and CSRF token."""

    def __init__(self, base: str, page_id: int):
        self.base, self.page_id = base, page_id
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.form: dict | None = None

    def request(self, url: str, data: dict | None = None) -> tuple:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + url, body, {"Referer": self.base + url})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except OSError as error:
            return f"no answer ({type(error).__name__})", ""

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def sign_in(self) -> None:
        self.request("/admin/login/")
        user, password = EDITOR
        data = {"username": user, "password": password, "csrfmiddlewaretoken": self.csrf()}
        status, _ = self.request("/admin/login/", data)
        assert status == 302, f"the editor could not sign in ({status})"

    def read_form(self) -> bool:
        from lxml import html

        status, page = self.request(f"/admin/pages/{self.page_id}/edit/")
        if status != 200:
            return False
        self.form = dict(html.fromstring(page).get_element_by_id("page-edit-form").form_values())
        # The body's StreamField is expanded into fields by the editor's JavaScript; the
        # draft is saved with no blocks (nothing is published).
        self.form["body-count"] = "0"
        return True

    def save(self, title: str) -> tuple:
        data = {**self.form, "title": title, "csrfmiddlewaretoken": self.csrf()}
        return self.request(f"/admin/pages/{self.page_id}/edit/", data)


def _editor(editor: Editor, start: float, stop: threading.Event, run: Run):
    """Saves a draft every 0.2 s, a new headline each time."""
    number = 0
    while not stop.is_set():
        if editor.form is None and not editor.read_form():
            time.sleep(0.2)
            continue
        number += 1
        title = f"Ақау кезінде сақталған {number}"
        began = time.monotonic() - start
        status, page = editor.save(title)
        answer = "unclear"
        if status == 302:
            answer = "saved"
        elif status == 503 and NOTHING_SAVED in page:
            answer = "not saved"
        elif status == 503 and MAYBE_SAVED in page:
            answer = "maybe saved"
        run.saves.append(
            {
                "title": title,
                "status": status,
                "answer": answer,
                "began": began,
                "ended": time.monotonic() - start,
            }
        )
        if status not in (302, 503):
            editor.form = None  # read the form again
        time.sleep(0.2)


def faults_under_load(*, seconds: float, readers: int, articles: int, log: Path | None = None):
    """Runs the timeline above against a site of its own; returns the Run, with each save's
    `stored` (a revision with its headline is in the database afterwards)."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's initdb and pg_ctl are not installed")
    base_dir = Path(tempfile.mkdtemp(prefix="baspa-faults-"))
    postgres, redis = Postgres(base_dir, bin_dir), Redis()
    server, server_log = None, open(log or os.devnull, "w")
    try:
        postgres.init()
        redis.start()
        home = base_dir / "home"
        home.mkdir()
        (base_dir / "faults_settings.py").write_text(SETTINGS)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(base_dir), os.environ.get("PYTHONPATH", "")]),
            "DJANGO_SETTINGS_MODULE": "faults_settings",
            "DEBUG": "false",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "BASPA_HOME": str(home),
            "CONN_MAX_AGE": "60",
        }
        user, password = EDITOR
        setup = SETUP.format(articles=articles, user=user, password=password)
        page_id, *article_urls = baspa(env, "shell", "-c", setup).strip().splitlines()[-1].split()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "baspa", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=server_log,
            start_new_session=True,
        )
        wait_port(port)
        site = f"http://127.0.0.1:{port}"
        urls = ["/", "/ru/", "/latyn/", "/feeds/rss/", "/sitemap.xml", *article_urls]

        def warm() -> None:  # cached, as a running site has them
            for url in urls:
                try:
                    urllib.request.urlopen(site + url, timeout=30).read()
                except OSError:
                    pass

        warm()
        editor = Editor(site, int(page_id))
        editor.sign_in()  # before the clock starts: signing in takes a second or two
        editor.read_form()
        run = Run(seconds=seconds)
        start = time.monotonic()
        stop = threading.Event()
        lock = threading.Lock()
        threads = [
            threading.Thread(target=_reader, args=(site, urls, start, stop, run, lock))
            for _ in range(readers)
        ]
        threads.append(threading.Thread(target=_editor, args=(editor, start, stop, run)))
        for thread in threads:
            thread.start()

        def at(fraction: float, what: str, action, after: str | None = None) -> None:
            when = start + fraction * seconds
            if after:  # a fault lasts a second at least, however long stopping took
                when = max(when, start + run.events[after][1] + 1)
            time.sleep(max(0.0, when - time.monotonic()))
            began = time.monotonic() - start
            action()
            run.events[what] = (began, time.monotonic() - start)

        at(1 / 6, "redis killed", redis.stop)
        at(2 / 6, "redis started", lambda: (redis.start(), warm()), after="redis killed")
        at(3 / 6, "postgres stopped", postgres.stop)
        at(4 / 6, "postgres started", postgres.start, after="postgres stopped")
        # Three seconds at least after the recovery, however late it came.
        end = max(start + seconds, start + run.events["postgres started"][1] + 3)
        time.sleep(max(0.0, end - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        # Which saves are in the database: the headlines of the article's revisions
        # (Wagtail's table), read on a connection of our own.
        import psycopg

        with psycopg.connect(postgres.url) as db:
            rows = db.execute(
                "SELECT content->>'title' FROM wagtailcore_revision WHERE object_id = %s",
                [page_id],
            )
            stored = {title for (title,) in rows}
        for save in run.saves:
            save["stored"] = save["title"] in stored
        return run
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        server_log.close()
        redis.stop()
        postgres.stop_if_running()
        shutil.rmtree(base_dir, ignore_errors=True)
