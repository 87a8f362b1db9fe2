"""Request plumbing shared by portal and back-office."""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


class IdiomaMiddleware(MiddlewareMixin):
    """Spanish (es-CO) unless the user picked another language with the switch.

    It replaces Django's LocaleMiddleware, which falls back to the browser's Accept-Language, which put English labels
    over Spanish data for anyone whose browser says en-US. Only the switch's cookie counts here.
    """

    def process_request(self, request):
        elegido = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            idioma = translation.get_supported_language_variant(elegido) if elegido else None
        except LookupError:
            idioma = None
        translation.activate(idioma or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The language never depends on Accept-Language, so do not add it to Vary.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def es_sondeo(request) -> bool:
    """An htmx request a page makes on a timer (hx-trigger="every …"), marked with `sondeo=1` in its URL."""
    return request.headers.get("HX-Request") == "true" and request.GET.get("sondeo") == "1"


class SesionMiddleware(SessionMiddleware):
    """Django's session middleware, except that polling does not count as activity.

    The idle timeout is SESSION_COOKIE_AGE renewed on every request (SESSION_SAVE_EVERY_REQUEST): a page
    that polls every few seconds would keep an unattended staff session open forever. A polling request
    reads the session but leaves its expiry where the last real request put it.
    """

    def process_response(self, request, response):
        sesion = getattr(request, "session", None)
        if sesion is not None and es_sondeo(request) and not sesion.modified:
            if sesion.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)
