from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page in the language of the request, with nothing that could fail again.

    Django's default renders with an empty context; this one keeps the active language
    (set by LocaleMiddleware from the URL prefix) and touches no database.
    """
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({}, request=None))
