import pytest

from baspa.content.tests.factories import editions, make_author, make_section


@pytest.fixture
def homes(db):
    """The Kazakh and Russian editions' home pages, on the default site."""
    return editions()


@pytest.fixture
def politics(homes):
    return make_section(homes["kk"], "Саясат", slug="sayasat", description="Ел саясаты.")


@pytest.fixture
def author(db):
    return make_author("Айгерім Серікқызы", slug="aigerim-serikkyzy", bio="Саяси шолушы.")
