"""What a request that sends a form has already committed, for the 503 page."""

from django.db import connection, transaction

WRITES = ("INSERT", "UPDATE", "DELETE")
READS = ("GET", "HEAD", "OPTIONS")


class CommittedWritesMiddleware:
    """Notes on a request that sends a form whether any of its writes was committed, so that
    the 503 page (baspa.core.views.server_error) says «nothing was saved» only when that is
    true. Under load, a save whose rows were committed just before the database went away,
    and which then failed on a later query (Wagtail's after-edit hooks, the session saved on
    the way out), was answered «nothing was saved» (docs/security.md, faults under load).

    Outside everything that writes (sessions included); readers' requests pass untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in READS:
            return self.get_response(request)
        request.writes_committed = False

        def committed():
            request.writes_committed = True

        def note_writes(execute, sql, params, many, context):
            result = execute(sql, params, many, context)
            if sql.lstrip()[:6].upper() in WRITES:
                # Run at once in autocommit, at the commit inside a transaction, and never if
                # the transaction or its savepoint is rolled back.
                transaction.on_commit(committed)
            return result

        with connection.execute_wrapper(note_writes):
            return self.get_response(request)
