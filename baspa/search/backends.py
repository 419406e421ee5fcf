"""The two engines' query languages, written from one analysed `Query`.

Both are given the same clauses: every clause must match; a clause is a term (OR its
alternatives: a Russian word's other stem), a phrase (terms in order, adjacent after stopwords
are dropped on both sides), and for the last word also OR a prefix; the languages' clause
sets are ORed. Terms are letters and digits only (analysis._term_safe) and are quoted anyway,
so no reader input is engine syntax.

Ranking, the same formula on both (docs/search.md):

    score = relevance × (1 + 1 / (1 + age_days / FRESHNESS_DAYS))

relevance is FTS5's bm25 (headline ×4) on SQLite and ts_rank (headline weight A = 1.0,
the rest B = 0.4) on PostgreSQL; the boost runs from ×2 for an article published now to ×1.5
after FRESHNESS_DAYS and towards ×1 for old ones, so relevance still decides between a
strong old match and a weak new one.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import DatabaseError, connection, transaction

from baspa.search.analysis import Clause, Query

FRESHNESS_DAYS = 14.0
# The newest this many matches are ranked; counts stop at MAX_COUNT (shown as "10000").
# 1,000 rather than 2,000 since ts_rank reads each candidate's vector (5 ms per 1,000 on
# PostgreSQL at 100,000 articles); with the boost, the thousand newest of a name's matches
# reach back months.
RANK_CANDIDATES = 1000
MAX_COUNT = 10_000


class SearchTimeout(Exception):
    """The engine was stopped because the search ran past BASPA_SEARCH_TIMEOUT_MS."""


@dataclass
class Filters:
    languages: list[str]
    section_path: str = ""
    author_id: int | None = None
    region_id: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None


def _fts5_clause(clause: Clause) -> str:
    if clause.is_phrase:
        return '"' + " ".join(clause.terms) + '"'
    options = [f'"{t}"' for t in (clause.terms[0], *clause.alternatives)]
    if clause.prefix:
        options.append(f'"{clause.prefix}"*')
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def fts5_expression(query: Query, languages: list[str], *, headline_only: bool = False) -> str:
    groups = []
    for language in languages:
        clauses = query.clauses.get(language) or []
        if clauses:
            groups.append("(" + " AND ".join(_fts5_clause(c) for c in clauses) + ")")
    expression = " OR ".join(groups)
    if headline_only and expression:
        expression = "{title_terms} : (" + expression + ")"
    return expression


def _tsquery_clause(clause: Clause) -> str:
    if clause.is_phrase:
        return "(" + " <-> ".join(f"'{t}'" for t in clause.terms) + ")"
    options = [f"'{t}'" for t in (clause.terms[0], *clause.alternatives)]
    if clause.prefix:
        options.append(f"'{clause.prefix}':*")
    return options[0] if len(options) == 1 else "(" + " | ".join(options) + ")"


def tsquery_expression(query: Query, languages: list[str]) -> str:
    groups = []
    for language in languages:
        clauses = query.clauses.get(language) or []
        if clauses:
            groups.append("(" + " & ".join(_tsquery_clause(c) for c in clauses) + ")")
    return " | ".join(groups)


def _filters_sql(filters: Filters) -> tuple[str, list]:
    sql = [f"d.language IN ({', '.join(['%s'] * len(filters.languages))})"]
    params: list = list(filters.languages)
    if filters.section_path:
        sql.append("d.path LIKE %s")
        params.append(filters.section_path + "%")
    if filters.region_id is not None:
        sql.append("d.region_id = %s")
        params.append(filters.region_id)
    if filters.author_id is not None:
        sql.append(
            "d.article_id IN (SELECT article_id FROM content_articleauthorrelationship"
            " WHERE author_id = %s)"
        )
        params.append(filters.author_id)
    if filters.date_from is not None:
        sql.append("d.published_at >= %s")
        params.append(connection.ops.adapt_datetimefield_value(filters.date_from))
    if filters.date_to is not None:
        sql.append("d.published_at < %s")
        params.append(connection.ops.adapt_datetimefield_value(filters.date_to))
    return " AND ".join(sql), params


@contextlib.contextmanager
def _bounded(timeout_ms: int):
    """Stop the engine after `timeout_ms`: statement_timeout on PostgreSQL, a progress handler
    (called every 10,000 SQLite VM instructions) that aborts the statement on SQLite."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # enable_seqscan: the planner costs `@@` like a cheap operator, not the
                # reading of a stored vector, so it prefers reading the whole table to the
                # GIN index: 290 ms against 15 ms for a word in 5 % of the articles. The
                # bitmap is never the slower here (its terms need no recheck); this
                # transaction only searches.
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true),"
                    " set_config('enable_seqscan', 'off', true)",
                    [str(timeout_ms)],
                )
            try:
                yield
            except DatabaseError as exc:
                if "statement timeout" in str(exc):
                    raise SearchTimeout from exc
                raise
            return
        connection.ensure_connection()
        raw = connection.connection
        deadline = time.monotonic() + timeout_ms / 1000
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            yield
        except DatabaseError as exc:
            if "interrupted" in str(exc):
                raise SearchTimeout from exc
            raise
        finally:
            raw.set_progress_handler(None, 10_000)


def _match(query: Query, filters: Filters, *, headline_only: bool) -> tuple[str, list] | None:
    """A subquery of the newest RANK_CANDIDATES matches with their relevance and the number
    of matches (`total`), for the engine.

    Ranking costs time per matching row: a common word matches most of the archive. Only the
    newest matches (by article id, which follows publication) are ranked; the freshness
    boost would rank older ones lower anyway. docs/search.md says so.
    """
    where, params = _filters_sql(filters)
    if connection.vendor == "postgresql":
        # Headlines have their own vector and GIN index (migration 0003): the weight-A
        # restriction on the full vector made the index return every body match of a
        # half-typed prefix, for the heap to discard.
        vector = "title_vector" if headline_only else "vector"
        expression = tsquery_expression(query, filters.languages)
        if not expression:
            return None
        # The matches are materialised first: left to itself, the planner walks the primary
        # key backwards testing `@@` on every row (it does not cost detoasting the vectors),
        # 140 ms for a name in 5 % of the articles against 10 ms through the GIN bitmap.
        # The count comes from the same pass (a window over the matches). The vectors, stored
        # out of line (TOAST), are read for the candidates only, for ts_rank: carrying them
        # through the CTE doubled its time.
        return (
            "SELECT c.article_id, c.published_at, c.total,"
            f" ts_rank(v.{vector}, to_tsquery('simple', %s)) AS relevance"
            " FROM (SELECT m.article_id, m.published_at, COUNT(*) OVER () AS total"
            f" FROM matches m ORDER BY m.article_id DESC LIMIT {RANK_CANDIDATES}) c"
            " JOIN search_searchdocument v ON v.article_id = c.article_id",
            [expression],
            "WITH matches AS MATERIALIZED (SELECT d.article_id, d.published_at"
            f" FROM search_searchdocument d WHERE d.{vector} @@ to_tsquery('simple', %s)"
            f" AND {where}) ",
            [expression, *params],
        )
    expression = fts5_expression(query, filters.languages, headline_only=headline_only)
    if not expression:
        return None
    # CROSS JOIN makes SQLite drive the join from the FTS5 matches, not the documents; the
    # covering index (migration 0003) answers the filters without reading the wide rows
    # (terms and text), a third of the time of a primary-key lookup per match.
    return (
        "SELECT d.article_id, d.published_at, NULL AS total,"
        " -bm25(search_fts, 4.0, 1.0) AS relevance"
        " FROM search_fts f CROSS JOIN search_searchdocument d INDEXED BY search_document_filters"
        f" ON d.article_id = f.rowid WHERE search_fts MATCH %s AND {where}"
        f" ORDER BY f.rowid DESC LIMIT {RANK_CANDIDATES}",
        [expression, *params],
        "",
        [],
    )


def _count_sql(query: Query, filters: Filters, *, headline_only: bool) -> tuple[str, list]:
    """The number of matches, up to MAX_COUNT. PostgreSQL counts in the ranking query and
    needs this only for a page past the last one."""
    where, params = _filters_sql(filters)
    if connection.vendor == "postgresql":
        vector = "title_vector" if headline_only else "vector"
        expression = tsquery_expression(query, filters.languages)
        return (
            "SELECT COUNT(*) FROM (SELECT 1 FROM search_searchdocument d"
            f" WHERE d.{vector} @@ to_tsquery('simple', %s) AND {where} LIMIT {MAX_COUNT}) c",
            [expression, *params],
        )
    expression = fts5_expression(query, filters.languages, headline_only=headline_only)
    return (
        "SELECT COUNT(*) FROM (SELECT 1 FROM search_fts f CROSS JOIN search_searchdocument d"
        " INDEXED BY search_document_filters ON d.article_id = f.rowid"
        f" WHERE search_fts MATCH %s AND {where} LIMIT {MAX_COUNT}) c",
        [expression, *params],
    )


def _age_days_sql() -> str:
    if connection.vendor == "postgresql":
        return "(EXTRACT(EPOCH FROM (%s - c.published_at)) / 86400.0)"
    return "(julianday(%s) - julianday(c.published_at))"


def ranked_ids(
    query: Query,
    filters: Filters,
    *,
    now: datetime,
    offset: int,
    limit: int,
    timeout_ms: int,
    headline_only: bool = False,
    count: bool = True,
) -> tuple[list[int], int]:
    """Article ids of one page of hits, best first, and the number of hits."""
    match = _match(query, filters, headline_only=headline_only)
    if match is None:
        return [], 0
    candidates, params, with_sql, with_params = match
    # Django keeps datetimes in SQLite as naive UTC text; raw SQL must pass them the same way.
    now_param = connection.ops.adapt_datetimefield_value(now)
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    score = (
        f"c.relevance * (1.0 + 1.0 / (1.0 + {greatest}(0.0, {_age_days_sql()}) / {FRESHNESS_DAYS}))"
    )
    select = (
        f"{with_sql}SELECT c.article_id, c.total FROM ({candidates}) c"
        f" ORDER BY {score} DESC, c.published_at DESC, c.article_id DESC LIMIT %s OFFSET %s"
    )
    with _bounded(timeout_ms), connection.cursor() as cursor:
        cursor.execute(select, [*with_params, *params, now_param, limit, offset])
        rows = cursor.fetchall()
        ids = [row[0] for row in rows]
        total = 0
        if count and rows and rows[0][1] is not None:
            total = min(rows[0][1], MAX_COUNT)
        elif count and (offset or connection.vendor == "sqlite"):
            # SQLite counts apart; PostgreSQL only for a page past the last one.
            count_sql, count_params = _count_sql(query, filters, headline_only=headline_only)
            cursor.execute(count_sql, count_params)
            total = cursor.fetchone()[0]
    return ids, total
