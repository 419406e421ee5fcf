"""Purge what a change to content touches, after the transaction commits (never before: a
reader arriving in between would get the old page cached again), through the outbox of
baspa.pagecache.purges."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from baspa.content.models import (
    ArticlePage,
    AuthorSnippet,
    HomePage,
    RegionSnippet,
    SectionPage,
    Tag,
)
from baspa.core.models import NewsroomSettings
from baspa.pagecache.models import PublishedTags
from baspa.pagecache.purges import purge_on_commit
from baspa.pagecache.tags import ancestor_sections, article_tags


def page_change_tags(page: Page) -> set[str]:
    """The tags a change to `page` touches, now and as it was last published."""
    specific = page.specific
    if isinstance(specific, ArticlePage):
        old = PublishedTags.objects.filter(page=page).values_list("tags", flat=True).first()
        # Its translations link to it (the translation link, hreflang alternates).
        translations = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
        linked = {f"article:{pk}" for pk in translations.values_list("pk", flat=True)}
        return article_tags(specific) | set(old or []) | linked
    if isinstance(specific, SectionPage):
        # Its title is in every page's navigation; its articles in its ancestors' listings.
        return {f"edition:{page.locale_id}", f"recent:{page.locale_id}", f"section:{page.pk}"} | {
            f"section:{pk}" for pk in ancestor_sections(page)
        }
    if isinstance(specific, HomePage):
        return {f"edition:{page.locale_id}", f"recent:{page.locale_id}"}
    return set()


def remember_published_tags(page: Page, *, live: bool) -> None:
    specific = page.specific
    if not isinstance(specific, ArticlePage):
        return
    if live:
        PublishedTags.objects.update_or_create(
            page=page, defaults={"tags": sorted(article_tags(specific))}
        )
    else:
        PublishedTags.objects.filter(page=page).delete()


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    purge_on_commit(page_change_tags(instance))
    remember_published_tags(instance, live=True)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    purge_on_commit(page_change_tags(instance))
    remember_published_tags(instance, live=False)


@receiver(pre_delete, sender=ArticlePage)
@receiver(pre_delete, sender=SectionPage)
@receiver(pre_delete, sender=HomePage)
def on_delete(sender, instance, **kwargs):
    # Sent for the specific row whether Wagtail deletes the page or its parent's subtree.
    if instance.live:
        purge_on_commit(page_change_tags(instance))


@receiver(pre_page_move)
def before_move(sender, instance, **kwargs):
    if instance.live:
        purge_on_commit(page_change_tags(instance))


@receiver(post_page_move)
def after_move(sender, instance, **kwargs):
    if instance.live:
        purge_on_commit(page_change_tags(instance))
        remember_published_tags(instance, live=True)


def _old_slug(sender, instance) -> str | None:
    if not instance.pk:
        return None
    return sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


@receiver(pre_save, sender=AuthorSnippet)
def on_author_change(sender, instance, **kwargs):
    slugs = {instance.slug, _old_slug(sender, instance)} - {None}
    purge_on_commit({f"author:{slug}" for slug in slugs})


@receiver(pre_save, sender=Tag)
def on_tag_change(sender, instance, **kwargs):
    slugs = {instance.slug, _old_slug(sender, instance)} - {None, ""}
    purge_on_commit({f"tag:{slug}" for slug in slugs})


@receiver(pre_save, sender=RegionSnippet)
def on_region_change(sender, instance, **kwargs):
    slugs = {instance.slug, _old_slug(sender, instance)} - {None}
    purge_on_commit({f"region:{instance.locale_id}:{slug}" for slug in slugs})


@receiver(post_save, sender=NewsroomSettings)
def on_settings_change(sender, instance, created, **kwargs):
    if created:
        return  # Wagtail creates the row with its defaults when a page first reads it.
    purge_on_commit({f"edition:{pk}" for pk in Locale.objects.values_list("pk", flat=True)})


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def on_site_change(sender, instance, **kwargs):
    # Which site answers which host is kept with each edition (baspa.content.serving).
    purge_on_commit(
        {"sites"} | {f"edition:{pk}" for pk in Locale.objects.values_list("pk", flat=True)}
    )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    # A page made private (or public again) takes its whole subtree with it: every page,
    # listing, feed and sitemap of its edition may show one of them. Rare, so all of it.
    locale_id = Page.objects.filter(pk=instance.page_id).values_list("locale_id", flat=True)
    purge_on_commit({f"edition:{pk}" for pk in locale_id})
