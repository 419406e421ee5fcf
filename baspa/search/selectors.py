"""Reading functions for reader search: hits, counts, snippets and autocomplete.

The engine only ranks ids; the articles themselves come from `articles_for_readers`, the one
selector that applies `.live().public()`, so search cannot show what listings would not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Locale, Page

from baspa.content.models import ArticlePage, SectionPage
from baspa.content.selectors import articles_for_readers
from baspa.kazakh import Token, tokenize
from baspa.search import backends
from baspa.search.analysis import Query, parse_query, prefix_key, term
from baspa.search.backends import Filters, SearchTimeout
from baspa.search.models import SearchDocument

SNIPPET_CHARS = 240

__all__ = [
    "Filters",
    "Hit",
    "SearchResults",
    "SearchTimeout",
    "articles_autocomplete",
    "articles_search",
    "highlight",
    "query_parse",
]


def query_parse(text: str) -> Query:
    return parse_query(
        text,
        max_length=settings.BASPA_SEARCH_MAX_QUERY_LENGTH,
        max_terms=settings.BASPA_SEARCH_MAX_TERMS,
    )


@dataclass
class Hit:
    article: ArticlePage
    headline: SafeString
    snippet: SafeString


@dataclass
class SearchResults:
    hits: list[Hit] = field(default_factory=list)
    count: int = 0


def _matches(word: str, query: Query, language: str) -> bool:
    if term(word, language) in query.terms(language):
        return True
    prefixes = query.prefixes(language)
    return bool(prefixes) and any(prefix_key(word, language).startswith(p) for p in prefixes)


_BREAK = re.compile(r"[ \t\r\n]")  # no token spans these (a no-break space can be in one)


def _cut(text: str, at: int) -> int:
    """The first plain space or line break at or after `at` (or the end of `text`)."""
    found = _BREAK.search(text, at)
    return found.start() if found else len(text)


def _tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end] (cut at breaks) with offsets into `text`."""
    return [t._replace(start=t.start + start, end=t.end + start) for t in tokenize(text[start:end])]


def highlight(text: str, query: Query, language: str, *, window: int | None = None) -> SafeString:
    """`text` escaped, with `<mark>` around each word form the query matched.

    Offsets come from `baspa.kazakh.tokenize` on the original text, so the reader sees the
    form that is in the article («Қазақстанға»), not the term. With `window`, only about that
    many characters around the first match are kept, cut at token boundaries; the text is
    then tokenised piece by piece only as far as that, since an article can be long.
    """
    # A text repeats its words; each distinct form is analysed once per call.
    seen: dict[str, bool] = {}

    def marks(token: Token) -> bool:
        if token.kind == "url":
            return False
        hit = seen.get(token.text)
        if hit is None:
            hit = seen[token.text] = _matches(token.text, query, language)
        return hit

    start, end = 0, len(text)
    if window is not None and len(text) > window:
        first, pos = 0, 0
        while pos < len(text):
            cut = _cut(text, pos + 2 * window)
            found = next((t for t in _tokens(text, pos, cut) if marks(t)), None)
            if found:
                first = found.start
                break
            pos = cut
        start = max(0, first - window // 3)
        if start:
            # Whole tokens only: begin after a break, never after the match.
            start = min(_cut(text, start), first)
        tokens = _tokens(text, start, _cut(text, start + window))
        if start and tokens:
            start = tokens[0].start
        end = min(len(text), start + window)
        end = max((t.end for t in tokens if t.end <= end), default=end)
        marked = [t for t in tokens if t.end <= end and marks(t)]
    else:
        marked = [t for t in tokenize(text) if marks(t)]
    out = ["…" if start > 0 else ""]
    pos = start
    for token in marked:
        out.append(escape(text[pos : token.start]))
        out.append(f"<mark>{escape(token.text)}</mark>")
        pos = token.end
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    # Every piece of article text above went through escape(); the only markup is our <mark>.
    return mark_safe("".join(out))


def _readable(
    ids: list[int], languages: list[str], *, headlines: bool = False
) -> dict[int, tuple[ArticlePage, str]]:
    """The hits readers may see, through the one listing selector, with their language.

    A hit shows neither lead nor body (the snippet comes from the index), so they are not
    read; `headlines` (autocomplete) also skips the byline and the image.
    """
    found: dict[int, tuple[ArticlePage, str]] = {}
    if not ids:
        return found
    for locale in Locale.objects.filter(language_code__in=languages):
        articles = articles_for_readers(locale=locale).filter(pk__in=ids).defer("lead", "body")
        if headlines:
            articles = articles.prefetch_related(None).select_related(None)
        for article in articles:
            article.locale = locale  # the hit card's lang="…" reads it: no query per hit
            found[article.pk] = (article, locale.language_code)
    if not headlines:
        _sections_attach([article for article, _language in found.values()])
    return found


def _sections_attach(articles: list[ArticlePage]) -> None:
    """Each hit's section (the card names it), for all hits in one query rather than one
    per hit (found when publishing began to index in tests: baspa/content/tests/
    test_query_counts.py)."""
    step = Page.steplen
    paths = {
        article.path[:end] for article in articles for end in range(step, len(article.path), step)
    }
    sections = {
        section.path: section for section in SectionPage.objects.live().filter(path__in=paths)
    }
    for article in articles:
        ancestors = [
            sections[article.path[:end]]
            for end in range(len(article.path) - step, 0, -step)
            if article.path[:end] in sections
        ]
        article.__dict__["section"] = ancestors[0] if ancestors else None


def articles_search(
    *, query: Query, filters: Filters, offset: int = 0, limit: int = 10
) -> SearchResults:
    """One page of ranked hits for `query`, with their snippets, and the number of hits.

    Raises SearchTimeout when the engine is stopped by BASPA_SEARCH_TIMEOUT_MS.
    """
    if not query:
        return SearchResults()
    ids, count = backends.ranked_ids(
        query,
        filters,
        now=timezone.now(),
        offset=offset,
        limit=limit,
        timeout_ms=settings.BASPA_SEARCH_TIMEOUT_MS,
    )
    articles = _readable(ids, filters.languages)
    texts = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "text"))
    hits = []
    for article_id in ids:
        if article_id not in articles:
            count -= 1
            continue
        article, language = articles[article_id]
        hits.append(
            Hit(
                article=article,
                headline=highlight(article.title, query, language),
                snippet=highlight(texts.get(article_id, ""), query, language, window=SNIPPET_CHARS),
            )
        )
    return SearchResults(hits=hits, count=max(count, len(hits)))


def articles_autocomplete(
    *, query: Query, languages: list[str], limit: int = 8
) -> list[ArticlePage]:
    """The best `limit` headlines for a half-typed query (the last word is a prefix)."""
    if not query:
        return []
    ids, _count = backends.ranked_ids(
        query,
        Filters(languages=languages),
        now=timezone.now(),
        offset=0,
        limit=limit,
        timeout_ms=settings.BASPA_SEARCH_TIMEOUT_MS,
        headline_only=True,
        count=False,
    )
    articles = _readable(ids, languages, headlines=True)
    return [articles[i][0] for i in ids if i in articles]
