"""Request plumbing shared by portal and back-office."""

from django.conf import settings
from django.utils import translation
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
