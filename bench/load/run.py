"""Load benchmark: Baspa's production stack on loopback, measured with wrk.

    .venv/bin/python bench/load/run.py [--rebuild] [--servers granian,gunicorn,uvicorn]

Builds (or reuses) the 100,000-article site of bench/load/build.py in PostgreSQL with the
page cache in Redis (db 14), starts nginx with the configuration in deploy/nginx/ (paths
moved under /tmp/baspa-load) in front of the application server, and prints one table:

  (a) nginx serving a saved copy of an article's HTML as a static file (the physical limit)
  (b) the same article through nginx's page cache (deploy/nginx/)
  (c) the same article from the application alone, a hit in its own page cache
  (d) uncached article renders rotating over 1,000 articles, at 1 and at 32 connections
  (e) home, section and search pages uncached
  (f) resident memory per worker and of the whole stack (app, nginx, Redis, PostgreSQL)

"Uncached" requests carry a tracking parameter (?utm_source=load): the page cache serves such
addresses fresh and never stores them, so every request renders the page. Rows (c)-(f) are
measured for each application server in --servers; (a) and (b) with the first one behind
nginx. Every wrk run is bounded (--duration seconds, 5 s request timeout, and a hard
timeout), and every server started here is stopped before the script ends.

wrk runs on the same two cores as the servers it measures: it takes a share of the CPU from
them, as it does in the WordPress figures the goals are set against.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import build  # noqa: E402

NGINX_DIR = build.HOME / "nginx"
APP_PORT = 8000  # the port deploy/nginx/baspa-http.conf proxies to
NGINX_PORT = 8080
STATIC_PORT = 8082
PURGE_PORT = 8081
UNCACHED = "?utm_source=load"
SEARCHES = ["Астана", "сайлау", "Алматы", "мектеп", "выборы", "Токаев"]
WRK_TIMEOUT = "5s"
WORKERS = 2
THREADS = 4

SERVERS = {
    # `baspa serve` itself: granian, WSGI (baspa/newsroom/management/commands/serve.py).
    "granian": [
        "{python}", "-m", "baspa", "serve", "--no-scheduler", "--host", "127.0.0.1",
        "--port", "{port}", "--workers", "{workers}", "--threads", "{threads}",
    ],
    # The alternatives measured against it (installed for the benchmark only).
    "gunicorn": [
        "{bin}/gunicorn", "--worker-class", "gthread", "--workers", "{workers}",
        "--threads", "{threads}", "--bind", "127.0.0.1:{port}", "--log-level", "warning",
        "baspa.wsgi:application",
    ],
    "uvicorn": [
        "{bin}/uvicorn", "--host", "127.0.0.1", "--port", "{port}", "--workers", "{workers}",
        "--no-access-log", "--log-level", "warning", "--app-dir", str(HERE), "asgi:application",
    ],
}  # fmt: skip

ROTATE_LUA = """
local paths = {}
for line in io.lines(os.getenv("BASPA_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass
class Row:
    label: str
    server: str
    connections: int
    rps: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    errors: str = ""
    extra: dict = field(default_factory=dict)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes


def start(command: list[str], *, env=None, name: str) -> subprocess.Popen:
    out = open(build.HOME / f"{name}.log", "wb")
    return subprocess.Popen(
        command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group, SIGKILL if it is still there after 15 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def fetch(url: str, *, method: str = "GET", headers=None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def children(pid: int) -> list[int]:
    """Every descendant of pid."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_kib(pid: int, field_name: str) -> int:
    """Rss or Pss of one process, in KiB (0 when it is gone)."""
    source = "smaps_rollup" if field_name == "Pss" else "status"
    prefix = field_name + ":" if field_name == "Pss" else "VmRSS:"
    try:
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(prefix):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def pids_named(*names: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                comm = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if comm.startswith(names):
                found.append(int(entry.name))
    return found


# --------------------------------------------------------------------------- wrk


def wrk(url: str, *, connections: int, duration: int, paths: Path | None = None) -> Row:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", WRK_TIMEOUT]
    env = dict(os.environ)
    if paths is not None:
        command += ["-s", str(build.HOME / "rotate.lua")]
        env["BASPA_PATHS"] = str(paths)
    result = subprocess.run(
        command + [url], capture_output=True, text=True, timeout=duration + 30, env=env
    )
    out = result.stdout
    row = Row(label="", server="", connections=connections)
    if match := re.search(r"Requests/sec:\s+([\d.]+)", out):
        row.rps = float(match.group(1))
    for percent, name in (("50", "p50"), ("99", "p99")):
        if match := re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\b", out, re.M):
            value = float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(2)]
            setattr(row, name, value)
    errors = []
    if match := re.search(r"Socket errors: (.*)", out):
        errors.append(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors.append(f"{match.group(1)} non-2xx")
    row.errors = "; ".join(errors)
    return row


# --------------------------------------------------------------------------- the site


def article_paths(count: int) -> list[str]:
    """`count` article addresses spread over the whole site, as readers request them."""
    import psycopg

    url = build.PG_ADMIN.rsplit("/", 1)[0] + "/" + build.DATABASE
    with psycopg.connect(url) as connection:
        homes = dict(
            connection.execute(
                "SELECT p.locale_id, p.url_path FROM wagtailcore_page p WHERE p.depth = 2"
            ).fetchall()
        )
        languages = dict(connection.execute("SELECT id, language_code FROM wagtailcore_locale"))
        rows = connection.execute(
            "SELECT p.locale_id, p.url_path FROM content_articlepage a"
            " JOIN wagtailcore_page p ON p.id = a.page_ptr_id"
            " ORDER BY md5(p.id::text) LIMIT %s",
            [count],
        ).fetchall()
    paths = []
    for locale_id, url_path in rows:
        prefix = "" if languages[locale_id] == "kk" else "/" + languages[locale_id]
        paths.append(prefix + "/" + url_path[len(homes[locale_id]) :])
    return paths


def section_path() -> str:
    import psycopg

    url = build.PG_ADMIN.rsplit("/", 1)[0] + "/" + build.DATABASE
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT p.url_path, h.url_path FROM wagtailcore_page p"
            " JOIN wagtailcore_page h ON h.depth = 2 AND p.path LIKE h.path || '%%'"
            " JOIN wagtailcore_locale l ON l.id = p.locale_id"
            " WHERE p.depth = 3 AND l.language_code = 'kk' ORDER BY p.numchild DESC LIMIT 1"
        ).fetchone()
    return "/" + row[0][len(row[1]) :]


def nginx_config(article_html: bytes, article_path: str) -> Path:
    """deploy/nginx/ with its paths moved under /tmp/baspa-load, plus a static-file server."""
    cache = NGINX_DIR / "cache"
    static = NGINX_DIR / "static"
    for folder in (cache, static, NGINX_DIR / "temp"):
        folder.mkdir(parents=True, exist_ok=True)
    copy = static / article_path.strip("/") / "index.html"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(article_html)
    moves = {
        "/var/cache/nginx/baspa": str(cache),
        "/srv/baspa/var/": str(build.HOME) + "/",
        "127.0.0.1:8000": f"127.0.0.1:{APP_PORT}",
        "127.0.0.1:8081": f"127.0.0.1:{PURGE_PORT}",
    }
    for name in ("baspa-http.conf", "baspa-site.conf", "baspa-purge.conf"):
        text = (ROOT / "deploy" / "nginx" / name).read_text()
        for old, new in moves.items():
            text = text.replace(old, new)
        (NGINX_DIR / name).write_text(text)
    temp = NGINX_DIR / "temp"
    conf = NGINX_DIR / "nginx.conf"
    conf.write_text(f"""
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
worker_processes auto;
pid {NGINX_DIR}/nginx.pid;
error_log {NGINX_DIR}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {NGINX_DIR}/baspa-http.conf;
    include {NGINX_DIR}/baspa-purge.conf;
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        server_name localhost;
        include {NGINX_DIR}/baspa-site.conf;
    }}
    # Row (a): the saved article page as a plain file.
    server {{
        listen 127.0.0.1:{STATIC_PORT};
        root {static};
        index index.html;
        default_type text/html;
    }}
}}
""")
    return conf


def purge_check(base: str, path: str) -> str:
    """Cache a page in all three encodings, PURGE it as deploy/nginx/ says, see all go."""
    encodings = ["br", "gzip", ""]
    for encoding in encodings:
        headers = {"Accept-Encoding": encoding} if encoding else {}
        fetch(base + path, headers=headers)

    def states() -> list[str]:
        answers = [fetch(base + path, headers={"Accept-Encoding": e}) for e in encodings]
        return [headers.get("X-Cache", "") for _, headers, _ in answers]

    before = states()
    statuses = []
    for encoding in encodings:
        headers = {"Host": "127.0.0.1", "Accept-Encoding": encoding}
        purge = f"http://127.0.0.1:{PURGE_PORT}{path}"
        statuses.append(fetch(purge, method="PURGE", headers=headers)[0])
    after = states()
    return f"before {before}, PURGE → {statuses}, after {after}"


# --------------------------------------------------------------------------- the run


def measure_server(server: str, args, paths_file: Path, article: str, section: str, rows: list):
    """Rows (c)-(f) for one application server; returns it still running."""
    command = [
        part.format(
            python=sys.executable,
            bin=Path(sys.executable).parent,
            port=APP_PORT,
            workers=WORKERS,
            threads=THREADS,
        )
        for part in SERVERS[server]
    ]
    process = start(command, env=build.environment(), name=server)
    base = f"http://127.0.0.1:{APP_PORT}"
    wait_ready(base + article)
    d = args.duration

    def add(label: str, row: Row) -> Row:
        row.label, row.server = label, server
        rows.append(row)
        log(f"  {label:<32} {row.rps:>9.1f}/s  p50 {row.p50:7.2f} ms  p99 {row.p99:8.2f} ms")
        return row

    log(f"{server}:")
    wrk(base + article, connections=32, duration=1)  # warm-up
    add("(c) article, app cache hit", wrk(base + article, connections=32, duration=d))
    # Cold: nothing cached at all, not even the fragments pages share (baspa.content.rendering),
    # as after a publish purged them. Every request here is an article's first render.
    import redis

    redis.Redis.from_url(build.REDIS_URL).flushdb()
    cold = wrk(base + "/", connections=1, duration=d, paths=paths_file)
    add("(d) article uncached, cold", cold)
    # Then every article once, so its own HTML is kept: the state of a page-cache miss that no
    # change caused (the page expired), the usual miss of a busy site.
    for path in paths_file.read_text().split():
        fetch(base + path)
    add("(d) article uncached", wrk(base + "/", connections=1, duration=d, paths=paths_file))
    add("(d) article uncached", wrk(base + "/", connections=32, duration=d, paths=paths_file))
    add("(e) home uncached", wrk(base + "/" + UNCACHED, connections=8, duration=d))
    add("(e) section uncached", wrk(base + section + UNCACHED, connections=8, duration=d))
    workers = [pid for pid in children(process.pid) if memory_kib(pid, "VmRSS") > 20_000]
    rss = [memory_kib(pid, "VmRSS") / 1024 for pid in workers]
    stack = [process.pid, *children(process.pid), *pids_named("nginx", "redis-server", "postgres")]
    total = sum(memory_kib(pid, "Pss") for pid in stack) / 1024
    row = Row(label="(f) memory", server=server, connections=0)
    row.extra = {"worker_rss_mb": [round(r) for r in rss], "stack_pss_mb": round(total)}
    rows.append(row)
    log(f"  (f) memory: workers RSS {row.extra['worker_rss_mb']} MB, stack PSS {round(total)} MB")
    return process, base


def search_rows(server: str, base: str, args, rows: list) -> None:
    from urllib.parse import quote

    searches = build.HOME / "searches.txt"
    searches.write_text("".join(f"/search/?q={quote(q)}\n" for q in SEARCHES))
    row = wrk(base + "/", connections=4, duration=args.duration, paths=searches)
    row.label, row.server = "(e) search uncached", server
    rows.append(row)
    log(f"  {row.label:<32} {row.rps:>9.1f}/s  p50 {row.p50:7.2f} ms  {row.errors}")


def table(rows: list[Row]) -> str:
    limit = next((r.rps for r in rows if r.label.startswith("(a)")), 0) or 1
    lines = [
        "| row | server | conns | requests/s | × (a) | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        if r.label.startswith("(f)"):
            rss = ", ".join(str(v) for v in r.extra["worker_rss_mb"])
            lines.append(
                f"| (f) memory | {r.server} | | RSS per worker: {rss} MB | | | "
                f"stack PSS {r.extra['stack_pss_mb']} MB | |"
            )
            continue
        lines.append(
            f"| {r.label} | {r.server} | {r.connections} | {r.rps:,.0f} | {r.rps / limit:.3f} "
            f"| {r.p50:.2f} | {r.p99:.2f} | {r.errors} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true", help="build the site again")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--servers", default="granian")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--no-search", action="store_true", help="skip the search row")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()

    build_command = [sys.executable, str(HERE / "build.py"), "--articles", str(args.articles)]
    subprocess.run(build_command + (["--rebuild"] if args.rebuild else []), check=True)
    subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=True, capture_output=True)
    (build.HOME / "rotate.lua").write_text(ROTATE_LUA)
    paths = article_paths(1000)
    paths_file = build.HOME / "articles.txt"
    paths_file.write_text("".join(p + UNCACHED + "\n" for p in paths))
    article, section = paths[0], section_path()
    rows: list[Row] = []
    servers = args.servers.split(",")
    nginx = None
    try:
        for number, server in enumerate(servers):
            process, base = measure_server(server, args, paths_file, article, section, rows)
            try:
                if number == 0:
                    _, _, html = fetch(base + article)
                    conf = nginx_config(html, article)
                    subprocess.run(["nginx", "-c", str(conf)], check=True, timeout=10)
                    nginx = conf
                    front = f"http://127.0.0.1:{NGINX_PORT}"
                    static = f"http://127.0.0.1:{STATIC_PORT}"
                    wait_ready(static + article)
                    # On a page no one asked for yet: its copies are fresh (the app's Age 0),
                    # so no background update of a stale copy can race with the purge.
                    log(f"purge: {purge_check(front, paths[1].split('?')[0])}")
                    wrk(static + article, connections=32, duration=1)
                    row = wrk(static + article, connections=32, duration=args.duration)
                    row.label, row.server = "(a) static file", "nginx"
                    rows.insert(0, row)
                    wrk(front + article, connections=32, duration=1)
                    row = wrk(front + article, connections=32, duration=args.duration)
                    row.label, row.server = "(b) article, nginx cache", f"nginx + {server}"
                    rows.insert(1, row)
                    log(f"(a) {rows[0].rps:,.0f}/s  (b) {rows[1].rps:,.0f}/s")
                if not args.no_search:
                    search_rows(server, base, args, rows)
            finally:
                stop(process)
    finally:
        if nginx is not None:
            subprocess.run(["nginx", "-c", str(nginx), "-s", "quit"], timeout=10)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=2) + "\n")


if __name__ == "__main__":
    main()
