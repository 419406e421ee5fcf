"""The reader's search: the page, the same results as JSON, and autocomplete.

Views parse and bound the request, call the selectors and render; every problem with the
input is answered in the reader's language with a notice, never a server error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from baspa.content.models import AuthorSnippet, RegionSnippet, SectionPage
from baspa.content.selectors import section_menu
from baspa.core.jsontext import json_text
from baspa.core.timefmt import publication_time
from baspa.search.analysis import LANGUAGES
from baspa.search.forms import SearchForm
from baspa.search.selectors import (
    Filters,
    SearchResults,
    SearchTimeout,
    articles_autocomplete,
    articles_search,
    query_parse,
)

PER_PAGE = 10
MAX_PAGE = 100  # deeper pages are not for readers; OFFSET grows with the page


@dataclass
class Outcome:
    form: SearchForm
    query_text: str = ""
    results: SearchResults = field(default_factory=SearchResults)
    page: int = 1
    pages: int = 0
    notices: list[str] = field(default_factory=list)
    status: int = 200


def _edition_language() -> str:
    language = (get_language() or "kk").split("-")[0]
    return language if language in LANGUAGES else "kk"


def _page_number(raw: str | None) -> int | None:
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= MAX_PAGE else None


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _run_search(request: HttpRequest) -> Outcome:
    form = SearchForm(request.GET)
    outcome = Outcome(form=form)
    if not form.is_valid():
        outcome.notices.extend(str(e) for errors in form.errors.values() for e in errors)
        outcome.status = 400
        return outcome
    data = form.cleaned_data
    query = query_parse(data["q"] or "")
    outcome.query_text = query.text
    if query.truncated:
        outcome.notices.append(_("Your query was too long: only its beginning was searched."))
    page = _page_number(request.GET.get("page"))
    if page is None:
        outcome.notices.append(_("There is no such page of results."))
        outcome.status = 404
        return outcome
    outcome.page = page
    if not query:
        if query.text:
            outcome.notices.append(_("Type a word to search for."))
        return outcome

    language = data["language"] or _edition_language()
    filters = Filters(languages=list(LANGUAGES) if language == "all" else [language])
    if data["section"]:
        section = SectionPage.objects.live().public().filter(pk=data["section"]).first()
        filters.section_path = section.path if section else "-"  # "-": matches nothing
    filters.author_id = data["author"]
    filters.region_id = data["region"]
    if data["date_from"]:
        filters.date_from = _day_start(data["date_from"])
    if data["date_to"]:
        filters.date_to = _day_start(data["date_to"] + timedelta(days=1))
    try:
        outcome.results = articles_search(
            query=query, filters=filters, offset=(page - 1) * PER_PAGE, limit=PER_PAGE
        )
    except SearchTimeout:
        outcome.notices.append(_("The search took too long. Try fewer or more specific words."))
        return outcome
    outcome.pages = math.ceil(outcome.results.count / PER_PAGE)
    if page > 1 and page > outcome.pages:
        outcome.notices.append(_("There is no such page of results."))
        outcome.status = 404
    return outcome


def _results_page(outcome):
    if outcome.status != 200 or outcome.page > max(outcome.pages, 1):
        return None
    return Paginator(range(outcome.results.count), PER_PAGE).page(outcome.page)


@require_GET
def search_page(request: HttpRequest):
    outcome = _run_search(request)
    language = _edition_language()
    context = {
        "form": outcome.form,
        "query": outcome.query_text,
        "hits": outcome.results.hits,
        "count": outcome.results.count,
        # The site's pagination component reads a Django page; counting is already done.
        "page_obj": _results_page(outcome),
        "notices": outcome.notices,
        "searched": bool(outcome.query_text),
        "sections": _sections(language),
        "regions": RegionSnippet.objects.filter(locale__language_code=language),
        "authors": AuthorSnippet.objects.order_by("name")[:200],
        "selected": outcome.form.cleaned_data if outcome.form.is_valid() else {},
    }
    return render(request, "search/search_page.html", context, status=outcome.status)


def _sections(language: str):
    locale = Locale.objects.filter(language_code=language).first()
    return section_menu(locale=locale) if locale else []


def _hit_json(hit) -> dict:
    article = hit.article
    section = article.section
    return {
        "id": article.pk,
        # Each hit's own language: "all languages" mixes them (baspa.editions spells only
        # the Kazakh ones, and says which script they are in).
        "language": article.locale.language_code,
        "headline": article.title,
        "headline_html": str(hit.headline),
        "url": article.get_url(),
        "section": section.title if section else None,
        "published_at": article.first_published_at.isoformat()
        if article.first_published_at
        else None,
        "published": publication_time(article.first_published_at)
        if article.first_published_at
        else None,
        "authors": [rel.author.name for rel in article.byline.all()],
        "snippet_html": str(hit.snippet),
    }


def _json_answer(data: dict, *, status: int = 200) -> HttpResponse:
    return HttpResponse(json_text(data), status=status, content_type="application/json")


@require_GET
def search_json(request: HttpRequest):
    outcome = _run_search(request)
    return _json_answer(
        {
            "query": outcome.query_text,
            "language": _edition_language(),
            "count": outcome.results.count,
            "page": outcome.page,
            "pages": outcome.pages,
            "notices": outcome.notices,
            "results": [_hit_json(hit) for hit in outcome.results.hits],
        },
        status=outcome.status,
    )


@require_GET
def search_autocomplete(request: HttpRequest):
    query = query_parse(request.GET.get("q", ""))
    language = request.GET.get("language") or _edition_language()
    languages = list(LANGUAGES) if language == "all" else [language]
    if not set(languages) <= set(LANGUAGES):
        languages = [_edition_language()]
    try:
        articles = articles_autocomplete(query=query, languages=languages, limit=8)
    except SearchTimeout:
        articles = []
    return _json_answer(
        {
            "query": query.text,
            "language": _edition_language(),
            "results": [
                {"language": a.locale.language_code, "headline": a.title, "url": a.get_url()}
                for a in articles
            ],
        },
    )
