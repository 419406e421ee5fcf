"""The demo corpus: shape, coverage, language hygiene and determinism (plain pytest)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from baspa.demo.corpus import (
    AUTHORS,
    OUTLETS,
    REGIONS,
    SECTIONS,
    ArticleData,
    generate_articles,
)
from baspa.demo.images import make_image

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
ALLOWED_TAGS = {"p", "b", "i", "a"}
WORD = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def articles() -> list[ArticleData]:
    return generate_articles()


def by_language(articles: list[ArticleData], language: str) -> list[ArticleData]:
    return [a for a in articles if a.language == language]


def texts(article: ArticleData) -> list[str]:
    """Every reader-visible string of an article, HTML tags removed."""
    found = [article.headline, article.lead, article.image_caption, article.image_alt]
    found += list(article.tags)
    if article.correction:
        found.append(article.correction)
    for kind, value in article.body:
        if kind == "paragraph":
            found.append(TAG.sub(" ", value))
        elif kind == "heading":
            found.append(value)
        elif kind == "quote":
            found += [value["text"], value["attribution"]]
        elif kind == "fact_box":
            found += [value["title"], *value["items"]]
        elif kind == "image":
            found += [value["caption"], value["alt"]]
    return found


# --------------------------------------------------------------------------- reference data


def test_reference_data_counts():
    assert len(SECTIONS) >= 8
    assert sum(1 for s in SECTIONS if s.parent is None) >= 8
    assert 2 <= sum(1 for s in SECTIONS if s.parent is not None) <= 3
    assert len(REGIONS) >= 12
    assert len(AUTHORS) == 20
    assert len(OUTLETS) >= 6


@pytest.mark.parametrize(
    "items", [SECTIONS, REGIONS, AUTHORS], ids=["sections", "regions", "authors"]
)
def test_slugs_are_ascii_and_unique(items):
    slugs = [item.slug for item in items]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_section_parents_are_top_level_sections():
    top = {s.slug for s in SECTIONS if s.parent is None}
    for section in SECTIONS:
        assert section.parent is None or section.parent in top


def test_region_forms():
    for region in REGIONS:
        assert region.locative_kk.startswith(region.name_kk.split()[0][:3])
        assert region.locative_kk.endswith(("да", "де", "та", "те", "нда", "нде"))
        assert region.name_ru_prepositional.startswith("в ")
    astana = next(r for r in REGIONS if r.slug == "astana")
    assert (astana.locative_kk, astana.name_ru_prepositional) == ("Астанада", "в Астане")
    karaganda = next(r for r in REGIONS if r.slug == "karaganda")
    assert karaganda.locative_kk == "Қарағанды облысында"
    assert karaganda.name_ru_prepositional == "в Карагандинской области"


def test_links_point_to_example_domains_only():
    urls = [url for author in AUTHORS for _, url in author.links] + [u for _, u in OUTLETS]
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "https"
        assert parts.hostname == "example.kz" or parts.hostname.endswith(".example.kz"), url


def test_author_names_fit_their_language():
    for author in AUTHORS:
        assert not KAZAKH_LETTERS & set(author.name_ru), author.name_ru
        assert author.bio_kk and author.bio_ru
    assert sum(1 for a in AUTHORS if a.name.endswith(("қызы", "ұлы"))) >= 3


# --------------------------------------------------------------------------- articles


def test_article_counts_and_language_share(articles):
    assert len(articles) == 240
    russian = len(by_language(articles, "ru"))
    assert 0.20 <= russian / len(articles) <= 0.25
    assert len({a.section for a in articles}) >= 8


def test_every_section_author_and_region_in_both_languages(articles):
    for language in ("kk", "ru"):
        subset = by_language(articles, language)
        assert {a.section for a in subset} == {s.slug for s in SECTIONS}, language
        assert {slug for a in subset for slug in a.authors} == {a.slug for a in AUTHORS}
        assert {a.region for a in subset if a.region} == {r.slug for r in REGIONS}, language


def test_top_level_sections_have_two_russian_articles(articles):
    counts = Counter(a.section for a in by_language(articles, "ru"))
    for section in SECTIONS:
        assert counts[section.slug] >= (2 if section.parent is None else 1), section.slug


def test_keys_unique_and_stable(articles):
    keys = [a.key for a in articles]
    assert len(set(keys)) == len(keys)
    for article in articles:
        assert re.fullmatch(rf"{article.language}-\d{{4}}", article.key)
    assert generate_articles() == articles
    assert generate_articles(seed=7) != articles


def test_keys_survive_a_smaller_or_larger_run():
    # Same seed, same count: identical. Different seed: a different but valid corpus.
    small = generate_articles(30, seed=5)
    assert len(small) == 30
    assert generate_articles(30, seed=5) == small


def test_headlines_unique_per_language(articles):
    for language in ("kk", "ru"):
        headlines = [a.headline for a in by_language(articles, language)]
        assert len(set(headlines)) == len(headlines)


def test_ages_cover_minutes_to_two_years(articles):
    ages = [a.age_minutes for a in articles]
    assert max(ages) > 700 * 24 * 60
    assert max(ages) <= 730 * 24 * 60
    assert sum(1 for age in ages if age < 60) >= 3
    assert sum(1 for age in ages if 60 <= age < 24 * 60) >= 3
    assert sum(1 for age in ages if age > 365 * 24 * 60) >= 10
    assert all(age > 0 for age in ages)


def test_updates_and_corrections(articles):
    updated = [a for a in articles if a.updated_minutes is not None]
    assert 0.08 <= len(updated) / len(articles) <= 0.22
    for article in updated:
        assert 0 < article.updated_minutes < article.age_minutes
    corrected = [a for a in articles if a.correction]
    assert 0.02 <= len(corrected) / len(articles) <= 0.09
    assert all(a.updated_minutes is not None for a in corrected)


def test_sources_images_and_bylines(articles):
    outlets = {name: url for name, url in OUTLETS}
    sourced = [a for a in articles if a.source]
    assert 0.15 <= len(sourced) / len(articles) <= 0.35
    for article in sourced:
        name, url = article.source
        assert url.startswith(outlets[name])
    without_image = [a for a in articles if a.image_seed is None]
    assert 0.04 <= len(without_image) / len(articles) <= 0.16
    for article in articles:
        assert 1 <= len(article.authors) <= 2
        assert len(set(article.authors)) == len(article.authors)
        assert 2 <= len(article.tags) <= 4
        if article.image_seed is not None:
            assert article.image_caption and article.image_credit and article.image_alt


def test_referenced_slugs_exist(articles):
    sections = {s.slug for s in SECTIONS}
    regions = {r.slug for r in REGIONS}
    authors = {a.slug for a in AUTHORS}
    for article in articles:
        assert article.section in sections
        assert article.region is None or article.region in regions
        assert set(article.authors) <= authors


def test_leads_and_bodies_have_news_shape(articles):
    kinds = Counter()
    for article in articles:
        assert 120 <= len(article.lead) <= 250, article.lead
        names = [kind for kind, _ in article.body]
        assert 4 <= names.count("paragraph") <= 8, article.key
        kinds.update(set(names))
    assert kinds["heading"] >= 20
    assert kinds["quote"] >= 40
    assert kinds["fact_box"] >= 20
    assert 0.12 <= kinds["image"] / len(articles) <= 0.3


def test_no_template_slots_left(articles):
    for article in articles:
        for text in texts(article):
            assert "{" not in text and "}" not in text and "|" not in text, text


def test_kazakh_text_is_kazakh(articles):
    for article in by_language(articles, "kk"):
        body = " ".join(texts(article))
        assert KAZAKH_LETTERS & set(body), article.key
        assert KAZAKH_LETTERS & set(article.headline + article.lead), article.key


def test_russian_text_has_no_kazakh_letters(articles):
    for article in by_language(articles, "ru"):
        for text in texts(article):
            assert not KAZAKH_LETTERS & set(text), text


def test_no_latin_look_alikes_inside_cyrillic_words(articles):
    for article in articles:
        for text in texts(article):
            for word in WORD.findall(text):
                assert not (CYRILLIC.search(word) and LATIN.search(word)), (article.key, word)


def test_tags_are_in_the_article_language(articles):
    for article in articles:
        for tag in article.tags:
            assert tag == tag.lower()
            assert CYRILLIC.search(tag)


class _StrictParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag {tag}")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if not href.startswith("https://example.kz/"):
                self.errors.append(f"href {href}")
        elif attrs:
            self.errors.append(f"attributes on {tag}")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced {tag}")

    def handle_data(self, data):
        if not self.stack:
            self.errors.append("text outside <p>")


def test_paragraph_html_is_well_formed(articles):
    for article in articles:
        for kind, value in article.body:
            if kind != "paragraph":
                continue
            assert value.startswith("<p>") and value.endswith("</p>")
            parser = _StrictParser()
            parser.feed(value)
            parser.close()
            assert not parser.errors and not parser.stack, (article.key, value, parser.errors)


def test_block_shapes(articles):
    for article in articles:
        for kind, value in article.body:
            if kind == "heading":
                assert isinstance(value, str) and value
            elif kind == "quote":
                assert set(value) == {"text", "attribution"}
            elif kind == "fact_box":
                assert set(value) == {"title", "items"} and isinstance(value["items"], tuple)
            elif kind == "image":
                assert set(value) == {"seed", "caption", "credit", "alt"}
                assert isinstance(value["seed"], int)
            else:
                assert kind == "paragraph"


def test_kazakh_text_inflects_place_names(articles):
    words = Counter(
        word for a in by_language(articles, "kk") for t in texts(a) for word in WORD.findall(t)
    )
    assert words["Астана"] and words["Астанада"] and words["Астанаға"]


def test_text_has_abbreviations_latin_names_and_guillemets(articles):
    kk = " ".join(t for a in by_language(articles, "kk") for t in texts(a))
    for abbreviation in ("ҚР", "ЕАЭО"):
        assert abbreviation in kk
    assert "«" in kk and "»" in kk
    assert re.search(r"«[A-Z][a-z]+ [A-Z][a-z]+»", kk)


# --------------------------------------------------------------------------- images


def test_image_is_a_small_deterministic_jpeg():
    first = make_image(42)
    assert first[:3] == b"\xff\xd8\xff"
    assert len(first) < 150_000
    assert make_image(42) == first
    assert make_image(43) != first


def test_image_size_and_label():
    from io import BytesIO

    from PIL import Image

    data = make_image(7, width=640, height=360, label="Baspa демо")
    with Image.open(BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == (640, 360)
    assert make_image(7, width=640, height=360, label="Baspa демо") == data
