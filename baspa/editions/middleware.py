import json

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import escape_leading_slashes

from baspa.core.jsontext import json_text
from baspa.editions import negotiation
from baspa.editions.html import data_transliterate, html_transliterate
from baspa.editions.scripts import CYRILLIC, edition_path, is_kazakh_path, script_split


class ScriptEditionMiddleware:
    """Serves the Latin and Arabic-script editions of every Kazakh page.

    Sits after the page cache (which keys on the full path, prefix included, so each edition
    is its own entry carrying the same purge tags) and before LocaleMiddleware: the prefix is
    taken off `path_info`, the Cyrillic page is rendered as usual, and its HTML is spelt in
    the edition's script on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        script, path = script_split(request.path_info)
        request.script = script
        if script is not CYRILLIC:
            if request.path_info == f"/{script.prefix}":
                return HttpResponsePermanentRedirect(script.home())
            if not is_kazakh_path(path):
                # /latyn/ru/… or /latyn/admin/…: there is no such edition; the page itself.
                # /latyn//evil.example would make «//evil.example», which browsers read as
                # another site: the leading slashes are escaped, as CommonMiddleware does.
                return HttpResponsePermanentRedirect(escape_leading_slashes(path))
            request.path_info = path
        else:
            target = negotiation.redirect_for_request(request)
            if target is not None:
                response = HttpResponseRedirect(target)
                # Made for this visitor's headers: no shared cache may keep it.
                patch_cache_control(response, private=True, no_store=True)
                patch_vary_headers(response, negotiation.VARY)
                return response
        response = self.get_response(request)
        if request.path == "/":
            patch_vary_headers(response, negotiation.VARY)
        if not is_kazakh_path(path):
            return response
        if script is not CYRILLIC and response.has_header("Location"):
            response["Location"] = edition_path(response["Location"], script)
        content_type = response.get("Content-Type", "")
        if script is not CYRILLIC and content_type.startswith("application/json"):
            if not response.streaming and response.content:
                data = json.loads(response.content)
                response.content = json_text(data_transliterate(data, script)).encode()
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
            return response
        if not response.streaming and content_type.startswith("text/html") and response.content:
            charset = response.charset or "utf-8"
            html = response.content.decode(charset, "replace")
            converted = html_transliterate(html, script)
            if converted is not html:
                response.content = converted.encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
