"""Writing functions for the search index: analysis happens here, at publish time, once.

The index holds only what an anonymous reader may see (live, public); the search selector
still lists hits through `articles_for_readers`, so a row that outlived its article's
visibility is never shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from baspa.content.models import ArticlePage, ArticleTag
from baspa.search.analysis import analyze
from baspa.search.models import ReindexRun, SearchDocument

logger = logging.getLogger(__name__)


def _readable_articles():
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(
            Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag"))
        )
    )


def article_plain_text(article: ArticlePage) -> str:
    """Lead and body as plain text (rich text stripped by the blocks' own searchable content)."""
    parts = [article.lead, *article.body_searchable()]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def document_build(article: ArticlePage) -> SearchDocument:
    """The analysed index row of a live article (not saved)."""
    language = article.locale.language_code
    text = article_plain_text(article)
    tags = " ".join(item.tag.name for item in article.tagged_items.all())
    now = timezone.now()
    return SearchDocument(
        article_id=article.pk,
        language=language,
        path=article.path,
        region_id=article.region_id,
        published_at=article.first_published_at or now,
        title_terms=" ".join(analyze(article.title, language)),
        body_terms=" ".join(analyze(f"{text}\n{tags}", language)),
        text=text,
        indexed_at=now,
    )


@transaction.atomic
def article_index(*, article_id: int) -> bool:
    """Bring one article's index row up to date; True when it is now searchable."""
    article = _readable_articles().filter(pk=article_id).first()
    if article is None:
        SearchDocument.objects.filter(article_id=article_id).delete()
        return False
    document = document_build(article)
    SearchDocument.objects.filter(article_id=article_id).delete()
    document.save(force_insert=True)
    return True


def article_unindex(*, article_id: int) -> None:
    SearchDocument.objects.filter(article_id=article_id).delete()


def subtree_index(*, page_path: str) -> int:
    """Re-check every article under a page whose visibility or place changed."""
    ids = list(ArticlePage.objects.filter(path__startswith=page_path).values_list("pk", flat=True))
    for article_id in ids:
        article_index(article_id=article_id)
    return len(ids)


def _write_batch(articles: Iterable[ArticlePage]) -> int:
    documents = [document_build(article) for article in articles]
    with transaction.atomic():
        SearchDocument.objects.filter(article_id__in=[d.article_id for d in documents]).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=500)
    return len(documents)


def search_reindex(
    *,
    batch_size: int = 500,
    restart: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Rebuild the index from the live, public articles, `batch_size` at a time.

    Each batch is committed with the run's checkpoint, so an interrupted run (Ctrl-C, a
    deploy) resumes where it stopped. Rows not rewritten by the end of the run belong to
    articles no longer visible and are removed.
    """
    run = None if restart else ReindexRun.objects.filter(finished_at=None).order_by("-pk").first()
    if restart:
        ReindexRun.objects.filter(finished_at=None).delete()
    if run is None:
        run = ReindexRun.objects.create(started_at=timezone.now())
    articles = _readable_articles().order_by("pk")
    total = articles.count()
    done = articles.filter(pk__lte=run.last_article_id).count()
    if progress:
        progress(done, total)
    while True:
        batch = list(articles.filter(pk__gt=run.last_article_id)[:batch_size])
        if not batch:
            break
        with transaction.atomic():
            done += _write_batch(batch)
            run.last_article_id = batch[-1].pk
            run.save(update_fields=["last_article_id"])
        if progress:
            progress(done, total)
    with transaction.atomic():
        stale = SearchDocument.objects.filter(indexed_at__lt=run.started_at)
        removed, _ = stale.delete()
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
    if removed:
        logger.info("search reindex: removed %d rows of articles no longer visible", removed)
    return done
