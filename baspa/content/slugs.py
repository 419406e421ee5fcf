"""URL slugs for articles: ASCII, through the Kazakh Latin alphabet (baspa.kazakh)."""

from baspa.kazakh import slugify


def article_slug(headline: str) -> str:
    return slugify(headline, max_length=80) or "article"
