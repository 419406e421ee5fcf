"""URL slugs: ASCII, through the Kazakh Latin alphabet (baspa.kazakh)."""

from collections.abc import Callable

from baspa.kazakh import unique_slug


def ascii_slug(
    text: str, *, exists: Callable[[str], bool] = lambda slug: False, max_length: int = 80
) -> str:
    """The slug of a headline or name; "n" when it has no letter or digit to keep."""
    try:
        return unique_slug(text, exists, max_length=max_length)
    except ValueError:  # empty text: nothing to make a slug of
        return "n"
