"""Where an uncached render spends its time: in-process, on the load site of build.py.

    .venv/bin/python bench/load/profile_render.py [--count 200] [--kind article|home|section]
        [--profile out.prof]

Renders pages through Django's whole request handler (middleware included), as the servers
of run.py do, with `?utm_source=load` so the page cache serves them fresh. Prints the mean
time and the SQL queries per page; with --profile, writes a cProfile file as well.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402
import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--kind", default="article", choices=["article", "home", "section"])
    parser.add_argument("--profile")
    args = parser.parse_args()
    os.environ.update(build.ENVIRONMENT)
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    if args.kind == "article":
        paths = run.article_paths(args.count)
    elif args.kind == "home":
        paths = ["/"] * args.count
    else:
        paths = [run.section_path()] * args.count
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:20]:  # warm: imports, template loading, connections
        client.get(path + run.UNCACHED)
    with override_settings(DEBUG=True):
        reset_queries()
        client.get(paths[0] + run.UNCACHED)
        queries = len(connection.queries)
    profiler = cProfile.Profile() if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    for path in paths:
        response = client.get(path + run.UNCACHED)
        assert response.status_code == 200, (path, response.status_code)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{args.kind}: {elapsed / len(paths) * 1000:.1f} ms per page"
        f" ({cpu / len(paths) * 1000:.1f} ms of this process's CPU), {queries} queries"
    )


if __name__ == "__main__":
    main()
