"""Small text helpers shared by every app."""

ELLIPSIS = "…"


def excerpt(text: str, max_chars: int = 160) -> str:
    """Cut `text` at the last word boundary within `max_chars`, ending with «…» when cut."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars + 1]
    boundary = cut.rfind(" ")
    # A single word longer than the limit is cut inside it rather than dropped.
    cut = cut[:boundary] if boundary > 0 else text[:max_chars]
    return cut.rstrip(" ,;:–—-.") + ELLIPSIS
