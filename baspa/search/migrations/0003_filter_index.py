"""Search reads the filter and ranking fields without the wide rows (docs/benchmarks.md#search).

SQLite: a covering index of the fields a search filters and ranks on, which the queries name
(INDEXED BY): a primary-key lookup per match reads the row's page, and the rows are wide
(terms and text, several kilobytes). PostgreSQL keeps its rows narrow (the wide values out of
line) for the rows the GIN bitmap fetches, and gets a vector and GIN index of the headline
alone for autocomplete.
The (language, published_at) index is dropped on both: no search uses it, and on PostgreSQL
the planner ANDed its 70,000-row bitmap with the GIN one at a cost of 7 ms per search.
"""

from django.db import migrations

SQLITE = [
    "CREATE INDEX search_document_filters ON search_searchdocument"
    " (article_id, language, published_at, path, region_id)",
]
SQLITE_REVERSE = ["DROP INDEX IF EXISTS search_document_filters"]
POSTGRESQL = [
    # A search visits the row of every GIN match; with the terms, text and vector stored in
    # the row (compressed, up to 2 kB) 6,000 matches were 6,000 pages. Moved out of line
    # (TOAST) whenever the row passes 128 bytes, the table is a sixth of the size and a
    # 1-word search at 100,000 articles takes half the time. Rows written before this
    # keep their layout until `baspa reindex` rewrites them.
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    # Autocomplete matches headlines only: their own vector and GIN index, kept in the row
    # (STORAGE MAIN) since it is small and every candidate's is read for ts_rank.
    """ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    ) STORED""",
    "ALTER TABLE search_searchdocument ALTER COLUMN title_vector SET STORAGE MAIN",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING gin (title_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [
        migrations.RemoveIndex(
            model_name="searchdocument",
            name="search_sear_languag_0d4d82_idx",
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
