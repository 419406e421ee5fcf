import pytest

# Imports stay inside fixtures: the plain-Python tests (baspa.kazakh) run without Django.


@pytest.fixture
def homes(db):
    """The Kazakh and Russian editions' home pages, on the default site."""
    from baspa.content.tests.factories import editions

    return editions()


@pytest.fixture
def politics(homes):
    from baspa.content.tests.factories import make_section

    return make_section(homes["kk"], "Саясат", slug="sayasat", description="Ел саясаты.")


@pytest.fixture
def author(db):
    from baspa.content.tests.factories import make_author

    return make_author("Айгерім Серікқызы", slug="aigerim-serikkyzy", bio="Саяси шолушы.")


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: a page cached by one test is not another's."""
    from django.conf import settings

    if settings.configured:
        from django.core.cache import caches

        for alias in settings.CACHES:
            caches[alias].clear()
    yield
