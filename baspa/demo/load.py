"""Fill a site with the demo newsroom: sections, regions, authors, photos and articles.

Every step finds what an earlier run made (by slug, or by title for photos), so running
`baspa demo` again adds nothing twice.
"""

import logging
from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from baspa.content.models import (
    ArticleAuthorRelationship,
    ArticlePage,
    AuthorLink,
    AuthorSnippet,
    RegionSnippet,
    SectionPage,
)
from baspa.content.services import site_setup
from baspa.content.slugs import ascii_slug
from baspa.demo import corpus
from baspa.demo.images import make_image
from baspa.images.models import Photo
from baspa.search.services import search_reindex

logger = logging.getLogger(__name__)


def demo_photo(*, seed: int, caption: str = "", credit: str = "", alt: str = "") -> Photo:
    photo = Photo.objects.filter(title=f"demo-{seed}").first()
    if photo is None:
        photo = Photo(
            title=f"demo-{seed}",
            caption=caption,
            credit=credit,
            description=alt,
            file=ImageFile(BytesIO(make_image(seed)), name=f"demo-{seed}.jpg"),
        )
        photo.save()
    return photo


def _sections(homes: dict) -> dict[tuple[str, str], SectionPage]:
    kk, ru = homes["kk"].locale, homes["ru"].locale
    made: dict[tuple[str, str], SectionPage] = {}
    # Parents before children: the corpus lists top-level sections first.
    for data in sorted(corpus.SECTIONS, key=lambda s: s.parent is not None):
        parent_kk = made[("kk", data.parent)] if data.parent else homes["kk"]
        section = SectionPage.objects.child_of(parent_kk).filter(slug=data.slug).first()
        if section is None:
            section = SectionPage(
                title=data.name_kk, slug=data.slug, description=data.description_kk, locale=kk
            )
            parent_kk.add_child(instance=section)
            section.save_revision().publish()
        made[("kk", data.slug)] = section.specific
        translated = section.get_translation_or_none(ru)
        if translated is None:
            translated = section.copy_for_translation(ru)
            translated.title, translated.description = data.name_ru, data.description_ru
            translated.save_revision().publish()
        made[("ru", data.slug)] = translated.specific
    return made


def _regions(kk: Locale, ru: Locale) -> dict[tuple[str, str], RegionSnippet]:
    made = {}
    for data in corpus.REGIONS:
        region, _ = RegionSnippet.objects.get_or_create(
            slug=data.slug, locale=kk, defaults={"name": data.name_kk}
        )
        made[("kk", data.slug)] = region
        translated = region.get_translation_or_none(ru)
        if translated is None:
            translated = region.copy_for_translation(ru)
            translated.name = data.name_ru
            translated.save()
        made[("ru", data.slug)] = translated
    return made


def _authors() -> dict[str, AuthorSnippet]:
    made = {}
    for number, data in enumerate(corpus.AUTHORS):
        author = AuthorSnippet.objects.filter(slug=data.slug).first()
        if author is None:
            author = AuthorSnippet(
                name=data.name,
                slug=data.slug,
                bio=data.bio_kk,
                photo=demo_photo(seed=900_000 + number, alt=data.name),
            )
            author.links = [AuthorLink(label=label, url=url) for label, url in data.links]
            author.save()
        made[data.slug] = author
    return made


def _body(blocks) -> list[dict]:
    body = []
    for kind, value in blocks:
        if kind == "image":
            photo = demo_photo(
                seed=value["seed"],
                caption=value["caption"],
                credit=value["credit"],
                alt=value["alt"],
            )
            value = {"image": photo.pk, "caption": "", "credit": ""}
        elif kind == "fact_box":
            value = {"title": value["title"], "items": list(value["items"])}
        body.append({"type": kind, "value": value})
    return body


def _article(data, *, section, region, authors, now, original=None) -> ArticlePage | None:
    slug = ascii_slug(data.headline)
    if ArticlePage.objects.filter(locale=section.locale, slug=slug).exists():
        return None
    published = now - timedelta(minutes=data.age_minutes)
    updated = now - timedelta(minutes=data.updated_minutes) if data.updated_minutes else published
    article = ArticlePage(
        title=data.headline,
        slug=slug,
        locale=section.locale,
        lead=data.lead,
        body=_body(data.body),
        region=region,
        source_name=data.source[0] if data.source else "",
        source_url=data.source[1] if data.source else "",
        correction=data.correction or "",
        correction_at=updated if data.correction else None,
    )
    if data.image_seed is not None:
        article.hero_image = demo_photo(
            seed=data.image_seed,
            caption=data.image_caption,
            credit=data.image_credit,
            alt=data.image_alt,
        )
    if original is not None:
        # Wagtail i18n: one translation key links the Kazakh and Russian editions.
        article.translation_key = original.translation_key
    article.byline = [ArticleAuthorRelationship(author=authors[slug]) for slug in data.authors]
    article.tags.add(*data.tags)
    section.add_child(instance=article)
    article.save_revision().publish()
    # The archive's own dates, not the moment the demo was loaded.
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=updated, latest_revision_created_at=updated
    )
    return article


def demo_load(*, articles: int = 240, seed: int = 2026, progress=None) -> dict[str, int]:
    """Load the demo newsroom; returns how many articles were added and how many existed, and
    how many Kazakh–Russian translated pairs were added (8 on a first run, 0 after)."""
    homes = site_setup()
    with transaction.atomic():
        sections = _sections(homes)
        regions = _regions(homes["kk"].locale, homes["ru"].locale)
        authors = _authors()
    added = existing = 0
    now = timezone.now()
    items = corpus.generate_articles(articles, seed=seed)
    for number, data in enumerate(items, start=1):
        with transaction.atomic():
            made = _article(
                data,
                section=sections[(data.language, data.section)],
                region=regions[(data.language, data.region)] if data.region else None,
                authors=authors,
                now=now,
            )
        added, existing = (added + 1, existing) if made else (added, existing + 1)
        if progress:
            progress(number, len(items))
    translated = 0
    # Stories told in both languages, linked as translations, so a reader can move between them.
    for kk_data, ru_data in corpus.generate_translated_pairs(seed=seed):
        with transaction.atomic():
            original = None
            for data in (kk_data, ru_data):
                made = _article(
                    data,
                    section=sections[(data.language, data.section)],
                    region=regions[(data.language, data.region)] if data.region else None,
                    authors=authors,
                    now=now,
                    original=original,
                )
                if made is None:
                    break  # loaded by an earlier run, together with its translation
                original = made
            else:
                translated += 1
    # Publishing indexed each article at load time; the archive dates were set afterwards.
    search_reindex(restart=True)
    return {"added": added, "existing": existing, "translated": translated}
