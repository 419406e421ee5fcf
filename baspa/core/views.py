import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page in the language of the request, with nothing that could fail again.

    Django's default renders with an empty context; this one keeps the active language
    (set by LocaleMiddleware from the URL prefix) and touches no database. When the database
    is what failed (stopped, restarting, unreachable) the answer is a 503 that says so and
    when to come back, and — for a form sent — that nothing was saved (the transaction the
    request ran in was rolled back with the connection) or, when some of its writes had
    already been committed (baspa.core.middleware), that they may have been.
    """
    error = sys.exc_info()[1]
    # Could not connect, or the connection dropped: not a bad query, which stays a 500.
    if isinstance(error, (OperationalError, InterfaceError)):
        template = loader.get_template("503.html")
        sent = request is not None and request.method not in ("GET", "HEAD")
        context = {"sent": sent, "committed": getattr(request, "writes_committed", False)}
        response = HttpResponse(template.render(context, request=None), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({}, request=None))
