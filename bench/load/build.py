"""Build the load benchmark's site: the demo newsroom plus generated articles up to 100,000.

    .venv/bin/python bench/load/build.py [--articles 100000] [--rebuild]

The PostgreSQL database `baspa_load` (127.0.0.1, user postgres) is created and migrated; the
demo newsroom (sections, regions, authors, photos and 240 generated Kazakh and Russian
articles, published through Wagtail) is loaded as `baspa demo` loads it; then the rest of the
articles are cloned from those in a handful of set-based SQL statements: each new page copies
a demo article of its language (body, lead, hero image, byline, tags, region, search
document) under the same section, with its own slug, treebeard path, translation key and
publication time spread over three years. Going through Wagtail's `add_child` and `publish`
would take hours for 100,000 pages; the page tree is not what is measured.

A built site is reused: the build only runs when the database is missing or has fewer
articles than asked, or with --rebuild.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = Path("/tmp/baspa-load")
DATABASE = "baspa_load"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/14"
DEMO_ARTICLES = 240
SPREAD_DAYS = 3 * 365

# The production settings, as deploy/baspa.env sets them, on loopback without TLS.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "baspa.settings.production",
    "SECRET_KEY": "load-bench-9f3c2a7e41d84b0c8e6f5a1b2c3d4e5f60718293",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",
    "SECURE_HSTS_SECONDS": "0",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": "baspa-load",
    "BASPA_HOME": str(HOME),
    "LOG_LEVEL": "WARNING",
}


def environment() -> dict[str, str]:
    return {**os.environ, **ENVIRONMENT}


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


def _database_exists() -> bool:
    import psycopg

    with psycopg.connect(PG_ADMIN) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        return row.fetchone() is not None


def article_count() -> int:
    """Live articles in the built site; 0 when there is no site."""
    import psycopg

    if not _database_exists():
        return 0
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + DATABASE
    with psycopg.connect(url) as connection:
        try:
            row = connection.execute("SELECT count(*) FROM content_articlepage").fetchone()
        except psycopg.errors.UndefinedTable:
            return 0
    return row[0]


def _b36(number: int) -> str:
    """A treebeard path step: four base-36 digits (Wagtail's steplen and alphabet)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
        " AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _copy_rows(cursor, table: str, overrides: dict[str, str], source: str, join: str) -> None:
    """INSERT INTO table SELECT every column of the template row, some replaced by SQL."""
    columns = [c for c in _columns(cursor, table) if c != "id" or "id" in overrides]
    select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
    names = ", ".join(columns)
    cursor.execute(f"INSERT INTO {table} ({names}) SELECT {select} FROM {source} {join}")


def clone_articles(total: int) -> int:
    """Add articles cloned from the demo ones until there are `total`; returns how many."""
    import random
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from baspa.content.models import ArticlePage

    templates = list(
        ArticlePage.objects.live().values_list("pk", "locale_id", "path", "url_path", "slug")
    )
    missing = total - len(templates)
    if missing <= 0:
        return 0
    rng = random.Random(2026)
    now = timezone.now()
    # Next free child number under each section.
    children: dict[str, int] = {}
    for _pk, _locale, path, _url, _slug in templates:
        parent = path[:-4]
        children[parent] = max(children.get(parent, 0), int(path[-4:], 36))
    rows = []
    for number in range(missing):
        pk, _locale, path, url_path, slug = rng.choice(templates)
        parent = path[:-4]
        children[parent] += 1
        new_slug = f"{slug[:200]}-{number + 1}"
        published = now - timedelta(minutes=rng.uniform(5, SPREAD_DAYS * 24 * 60))
        rows.append(
            (
                pk,
                parent + _b36(children[parent]),
                new_slug,
                url_path.rstrip("/").rsplit("/", 1)[0] + f"/{new_slug}/",
                published,
            )
        )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE load_map (template_id bigint, path text, slug text,"
            " url_path text, published timestamptz, new_id bigint) ON COMMIT DROP"
        )
        with cursor.copy(
            "COPY load_map (template_id, path, slug, url_path, published) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        _copy_rows(
            cursor,
            "wagtailcore_page",
            {
                "path": "m.path",
                "numchild": "0",
                "slug": "m.slug",
                "url_path": "m.url_path",
                "translation_key": "gen_random_uuid()",
                "first_published_at": "m.published",
                "last_published_at": "m.published",
                "latest_revision_created_at": "m.published",
                "latest_revision_id": "NULL",
                "live_revision_id": "NULL",
                "has_unpublished_changes": "false",
                "alias_of_id": "NULL",
            },
            "load_map m",
            "JOIN wagtailcore_page t ON t.id = m.template_id",
        )
        cursor.execute(
            "UPDATE load_map m SET new_id = p.id FROM wagtailcore_page p WHERE p.path = m.path"
        )
        join = "JOIN {table} t ON t.{key} = m.template_id"
        _copy_rows(
            cursor,
            "content_articlepage",
            {"page_ptr_id": "m.new_id"},
            "load_map m",
            join.format(table="content_articlepage", key="page_ptr_id"),
        )
        _copy_rows(
            cursor,
            "content_articleauthorrelationship",
            {"article_id": "m.new_id"},
            "load_map m",
            join.format(table="content_articleauthorrelationship", key="article_id"),
        )
        _copy_rows(
            cursor,
            "content_articletag",
            {"content_object_id": "m.new_id"},
            "load_map m",
            join.format(table="content_articletag", key="content_object_id"),
        )
        _copy_rows(
            cursor,
            "search_searchdocument",
            {
                "article_id": "m.new_id",
                "path": "m.path",
                "published_at": "m.published",
                "indexed_at": "now()",
            },
            "load_map m",
            join.format(table="search_searchdocument", key="article_id"),
        )
        # The cache tags a publish records (baspa.pagecache): the template's, but its own page.
        cursor.execute(
            "INSERT INTO pagecache_publishedtags (page_id, tags)"
            " SELECT m.new_id, (SELECT jsonb_agg(CASE WHEN e = 'article:' || m.template_id"
            " THEN 'article:' || m.new_id ELSE e END) FROM jsonb_array_elements_text(t.tags) e)"
            " FROM load_map m JOIN pagecache_publishedtags t ON t.page_id = m.template_id"
        )
        cursor.execute(
            "UPDATE wagtailcore_page s SET numchild = c.n FROM (SELECT substr(path, 1,"
            " length(path) - 4) AS parent, count(*) AS n FROM wagtailcore_page GROUP BY 1) c"
            " WHERE s.path = c.parent"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return missing


def build(*, articles: int, rebuild: bool) -> None:
    """Create, migrate and fill the database unless a big enough site is already there."""
    if not rebuild and article_count() >= articles:
        print(f"reusing the built site ({article_count():,} articles in {DATABASE})", flush=True)
        # Brought up to this checkout's migrations (new apps' tables; nothing is rebuilt).
        subprocess.run(
            [sys.executable, "-m", "baspa", "migrate", "--no-input", "-v", "0"],
            env=environment(),
            cwd=ROOT,
            check=True,
        )
        return
    started = time.perf_counter()
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DATABASE}")
    os.environ.update(ENVIRONMENT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command

    from baspa.demo.load import demo_load

    for alias in ("default", "pages"):
        caches[alias].clear()
    call_command("migrate", verbosity=0)
    print("loading the demo newsroom through Wagtail …", flush=True)
    demo_load(articles=DEMO_ARTICLES)
    print(f"cloning articles up to {articles:,} …", flush=True)
    added = clone_articles(articles)
    call_command("collectstatic", interactive=False, verbosity=0)
    for alias in ("default", "pages"):
        caches[alias].clear()
    seconds = time.perf_counter() - started
    print(f"built: {added:,} articles cloned, {article_count():,} in all, {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="drop and build the site again")
    args = parser.parse_args()
    build(articles=args.articles, rebuild=args.rebuild)


if __name__ == "__main__":
    main()
