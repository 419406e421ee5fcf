"""Image sizes the public templates show, made when an article is published rather than by
the first reader who asks for them (a page view should only read).

Keep in step with the `{% image %}` tags in templates/: `test_renditions.py` renders every
page type after publishing and fails if a page had to make a rendition itself.
"""

from django_tasks import task

# Article page, lead card, cards; and 1200×630, the size of link previews (Open Graph,
# Twitter cards) and feed enclosures (baspa.distribution).
HERO = ("fill-1200x675", "fill-960x540", "fill-480x270", "fill-1200x630")
BODY = ("width-960",)
AUTHOR_PHOTO = ("fill-160x160",)


def article_renditions_prepare(article) -> int:
    """Make every rendition the article's pages need; returns how many images it covered."""
    images = 0
    if article.hero_image_id:
        article.hero_image.get_renditions(*HERO)
        images += 1
    for block in article.body:
        if block.block_type == "image" and block.value.get("image"):
            block.value["image"].get_renditions(*BODY)
            images += 1
    from baspa.content.models import ArticleAuthorRelationship

    bylines = ArticleAuthorRelationship.objects.filter(article=article)
    for relationship in bylines.select_related("author__photo"):
        if relationship.author.photo:
            relationship.author.photo.get_renditions(*AUTHOR_PHOTO)
            images += 1
    return images


@task()
def article_renditions_task(article_id: int) -> int:
    from baspa.content.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    return article_renditions_prepare(article) if article else 0
