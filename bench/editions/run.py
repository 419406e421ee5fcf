"""What the Latin and Arabic-script editions cost an uncached page render.

    .venv/bin/python bench/editions/run.py [--articles 240] [--runs 40]

Builds the demo newsroom in /tmp/baspa-bench-editions (SQLite, the embedded default), then
renders the front page, a section and an article in each script with the page cache
cleared before every request, and reports the median time per render. It also times the
HTML pass alone (baspa.editions.html.html_transliterate) on the article's Cyrillic HTML:
cold (its per-text memo emptied before each run) and warm (the memo as a running server has
it: navigation, dates and catalog strings repeat on every page).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = Path("/tmp/baspa-bench-editions")


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("BASPA_HOME", str(HOME))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baspa.settings.dev")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client

    from baspa.content.models import ArticlePage
    from baspa.demo.load import demo_load
    from baspa.editions import html as edition_html
    from baspa.editions.scripts import ARABIC, CYRILLIC, LATIN

    HOME.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if ArticlePage.objects.count() < args.articles:
        demo_load(articles=args.articles)
    article = ArticlePage.objects.live().filter(locale__language_code="kk").order_by("-pk")[0]
    section = article.get_parent()
    client = Client()
    pages = {"front page": "/", "section": section.url, "article": article.url}

    def render(url):
        caches["pages"].clear()
        assert client.get(url).status_code == 200

    print(f"{ArticlePage.objects.count()} articles; median of {args.runs} uncached renders, ms")
    print("| page | Cyrillic | Latin | Arabic |")
    print("| --- | ---: | ---: | ---: |")
    for name, url in pages.items():
        for prefix in ("", "/latyn", "/tote"):
            render(prefix + url)  # warm imports, templates and memo
        row = [
            median_ms(lambda u=prefix + url: render(u), args.runs)
            for prefix in ("", "/latyn", "/tote")
        ]
        print(f"| {name} | " + " | ".join(f"{ms:.1f}" for ms in row) + " |")

    caches["pages"].clear()
    html = client.get(article.url).content.decode()
    memos = (edition_html._latin, edition_html._arabic, edition_html._cyrillic)

    def cold(script):
        for memo in memos:
            memo.cache_clear()
        edition_html.html_transliterate(html, script)

    print(f"\nHTML pass alone on the article ({len(html):,} characters), ms")
    print("| script | cold memo | warm memo |")
    print("| --- | ---: | ---: |")
    for label, script in (("Cyrillic", CYRILLIC), ("Latin", LATIN), ("Arabic", ARABIC)):
        cold_ms = median_ms(lambda s=script: cold(s), args.runs)
        warm_ms = median_ms(lambda s=script: edition_html.html_transliterate(html, s), args.runs)
        print(f"| {label} | {cold_ms:.2f} | {warm_ms:.2f} |")


if __name__ == "__main__":
    main()
