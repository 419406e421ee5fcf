"""Search benchmark: build a generated corpus, index it, time queries; measure quality.

    .venv/bin/python bench/search/run.py speed --engine sqlite --articles 100000
    .venv/bin/python bench/search/run.py speed --engine postgresql --articles 100000
    .venv/bin/python bench/search/run.py quality --engine sqlite

`speed` creates a fresh database (SQLite in /tmp/baspa-bench, or the PostgreSQL database
`baspa_bench` on 127.0.0.1, dropped and created), loads the articles as live pages (bulk
inserts: the page tree is not what is measured), then times `search_reindex` (the service
`baspa reindex` runs), the index's size on disk, and p50/p95 latency of 1-, 2- and 3-word
searches and of autocomplete through the selectors the views call (ranking, the readers'
selector, snippets), 200 queries each after 20 warm-up queries.

`--reindex` keeps the last run's pages (and migrates the database) and times the index build
and the queries; `--queries-only` times the queries alone.

`quality` loads the fixed corpus of bench/search/quality.json, runs its queries and reports
recall@10 and MRR, with the analysis as shipped and with stemming switched off (terms are then
the word's canonical form: same script folding, no stemming).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))

from corpus import ENTITIES, KK_FILLER, PLACES, RU_FILLER, Article, corpus  # noqa: E402

BENCH_HOME = Path("/tmp/baspa-bench")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def setup_django(engine: str, *, fresh: bool = True, name: str = "bench") -> None:
    """Django on the benchmark's database `name` (quality uses its own, so that it does not
    replace the 100,000-article one)."""
    BENCH_HOME.mkdir(exist_ok=True)
    if not fresh:
        os.environ["DATABASE_URL"] = (
            f"postgres://postgres@127.0.0.1:5432/baspa_{name}"
            if engine == "postgresql"
            else f"sqlite:///{BENCH_HOME / f'{name}.sqlite3'}"
        )
    elif engine == "postgresql":
        import psycopg

        with psycopg.connect(
            PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True
        ) as c:
            c.execute(f"DROP DATABASE IF EXISTS baspa_{name}")
            c.execute(f"CREATE DATABASE baspa_{name}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/baspa_{name}"
    else:
        db = BENCH_HOME / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "baspa.settings.test"
    os.environ["BASPA_HOME"] = str(BENCH_HOME)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sections():
    from baspa.content.models import SectionPage
    from baspa.content.services import site_setup

    homes = site_setup()
    result = {}
    for language, home in homes.items():
        section = SectionPage(title=f"Жаңалықтар {language}", slug=f"news-{language}")
        home.add_child(instance=section)
        section.save_revision().publish()
        result[language] = SectionPage.objects.get(pk=section.pk)
    return result


def _b36(n: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out


def load(articles, parents) -> dict[str, int]:
    """Insert the articles as live pages in bulk; returns article key → page id."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from baspa.content.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    child_fields = [f for f in ArticlePage._meta.local_concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in child_fields)
    placeholders = ", ".join(["%s"] * len(child_fields))
    insert = f"INSERT INTO content_articlepage ({columns}) VALUES ({placeholders})"
    counters = {language: 0 for language in parents}
    ids: dict[str, int] = {}
    batch: list[tuple[Article, ArticlePage]] = []

    def flush():
        pages = []
        for _item, article in batch:
            pages.append(
                Page(
                    **{
                        f.attname: getattr(article, f.attname)
                        for f in Page._meta.concrete_fields
                        if f.attname != "id"
                    }
                )
            )
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            rows = []
            for page, (item, article) in zip(pages, batch, strict=True):
                article.page_ptr_id = page.pk
                article.id = page.pk
                ids[item.key] = page.pk
                rows.append(
                    [
                        f.get_db_prep_save(getattr(article, f.attname), connection)
                        for f in child_fields
                    ]
                )
            with connection.cursor() as cursor:
                cursor.executemany(insert, rows)
        batch.clear()

    for item in articles:
        parent = parents[item.language]
        counters[item.language] += 1
        slug = f"a-{item.key}"
        when = now - timedelta(days=item.days_ago)
        article = ArticlePage(
            title=item.title,
            draft_title=item.title,
            slug=slug,
            path=parent.path + _b36(counters[item.language]),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            content_type=content_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            first_published_at=when,
            last_published_at=when,
            lead=item.lead,
            body=[{"type": "paragraph", "value": f"<p>{item.body}</p>"}],
        )
        batch.append((item, article))
        if len(batch) >= 1000:
            flush()
    if batch:
        flush()
    for language, parent in parents.items():
        Page.objects.filter(pk=parent.pk).update(numchild=counters[language])
    return ids


def index_size() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument'),"
                " pg_relation_size('search_document_vector')"
                " + pg_relation_size('search_document_title_vector')"
            )
            total, gin = cursor.fetchone()
            return {"total": total, "full_text_index": gin}
        cursor.execute(
            "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%' GROUP BY name"
        )
        sizes = dict(cursor.fetchall())
    fts = sum(v for k, v in sizes.items() if k.startswith("search_fts"))
    return {"total": sum(sizes.values()), "full_text_index": fts}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return p50 * 1000, p95 * 1000


def query_words(rng: random.Random, language: str, n: int) -> str:
    index = 0 if language == "kk" else 1
    filler = KK_FILLER if language == "kk" else RU_FILLER
    words = [rng.choice(ENTITIES[rng.choice(list(ENTITIES))][index]).split()[0]]
    if n >= 2:
        words.append(rng.choice(ENTITIES[rng.choice(PLACES)][index]))
    if n >= 3:
        words.append(rng.choice(filler))
    return " ".join(words[:n])


def speed(args) -> None:
    setup_django(args.engine, fresh=not (args.queries_only or args.reindex))

    report = {"engine": args.engine}
    if args.reindex:
        index(args, report)
    elif not args.queries_only:
        build(args, report)
    query_latency(args, report)


def build(args, report) -> None:
    parents = sections()
    started = time.perf_counter()
    load(corpus(args.articles), parents)
    load_seconds = time.perf_counter() - started
    print(f"loaded {args.articles} pages in {load_seconds:.0f} s (not measured)", flush=True)

    index(args, report)


def index(args, report) -> None:
    from django.db import connection

    from baspa.search.services import search_reindex

    started = time.perf_counter()
    done = search_reindex(restart=True, batch_size=1000)
    build = time.perf_counter() - started
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    sizes = index_size()
    report.update(
        {
            "articles": done,
            "build_seconds": round(build, 1),
            "build_rate": round(done / build),
            "index_mb": round(sizes["total"] / 2**20, 1),
            "full_text_index_mb": round(sizes["full_text_index"] / 2**20, 1),
        }
    )
    print(json.dumps(report), flush=True)


def query_latency(args, report) -> None:
    from baspa.search.selectors import Filters, articles_autocomplete, articles_search, query_parse

    rng = random.Random(7)
    cases = {f"{n}-word": n for n in (1, 2, 3)}
    for name, n in cases.items():
        samples, hits = [], []
        for i in range(220):
            language = "kk" if rng.random() < 0.7 else "ru"
            q = query_words(rng, language, n)
            started = time.perf_counter()
            result = articles_search(
                query=query_parse(q), filters=Filters(languages=[language]), limit=10
            )
            if i >= 20:
                samples.append(time.perf_counter() - started)
                hits.append(result.count)
        p50, p95 = percentiles(samples)
        report[name] = {
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "median_hits": statistics.median(hits),
        }
        print(name, report[name], flush=True)
    samples = []
    for i in range(220):
        language = "kk" if rng.random() < 0.7 else "ru"
        word = query_words(rng, language, 1)
        typed = word[: rng.randint(3, max(3, len(word)))]
        started = time.perf_counter()
        articles_autocomplete(query=query_parse(typed), languages=[language], limit=8)
        if i >= 20:
            samples.append(time.perf_counter() - started)
    p50, p95 = percentiles(samples)
    report["autocomplete"] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
    print("autocomplete", report["autocomplete"], flush=True)
    out = HERE / "results" / f"speed-{args.engine}-{args.articles}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def quality(args) -> None:
    setup_django(args.engine, name="quality")
    from baspa.kazakh import canonical, normalize
    from baspa.search import analysis
    from baspa.search.selectors import Filters, articles_search, query_parse
    from baspa.search.services import search_reindex

    data = json.loads((HERE / "quality.json").read_text())
    items = [Article(**a) for a in data["articles"]]
    ids = load(items, sections())
    by_id = {v: k for k, v in ids.items()}

    def evaluate(label: str) -> dict:
        search_reindex(restart=True)
        recalls, rrs = [], []
        for case in data["queries"]:
            relevant = set(case["relevant"])
            result = articles_search(
                query=query_parse(case["q"]),
                filters=Filters(languages=[case["language"]]),
                limit=10,
            )
            found = [by_id[hit.article.pk] for hit in result.hits]
            recalls.append(len(relevant & set(found)) / min(10, len(relevant)))
            rank = next((i for i, key in enumerate(found, 1) if key in relevant), None)
            rrs.append(1 / rank if rank else 0.0)
        figures = {
            "queries": len(recalls),
            "recall@10": round(statistics.mean(recalls), 3),
            "MRR": round(statistics.mean(rrs), 3),
        }
        print(label, figures, flush=True)
        return figures

    stemmed = evaluate("stemming")
    original = analysis.term

    def unstemmed(word: str, language: str) -> str:
        if language == "kk":
            return "" if analysis.is_stopword(word) else analysis._term_safe(canonical(word))
        return analysis._term_safe(normalize(word))

    analysis.term = unstemmed
    try:
        baseline = evaluate("no stemming")
    finally:
        analysis.term = original
    out = HERE / "results" / f"quality-{args.engine}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"stemming": stemmed, "no_stemming": baseline}, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["speed", "quality"])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries-only", action="store_true", help="reuse the last database")
    parser.add_argument(
        "--reindex", action="store_true", help="reuse the last database's pages; time the index"
    )
    args = parser.parse_args()
    speed(args) if args.what == "speed" else quality(args)


if __name__ == "__main__":
    main()
