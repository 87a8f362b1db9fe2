"""The one pagination convention: `?pagina=N`, a page size from settings, one partial template.

Templates include "includes/_paginacion.html" with the page in `pagina`; its links keep every
other query parameter (the list's filters).
"""

from django.conf import settings
from django.core.paginator import Page, Paginator

PARAMETRO = "pagina"
# Links from before the convention used ?page= (terceros lists); still honoured.
PARAMETRO_ANTIGUO = "page"


def paginar(request, queryset, por_pagina: int | None = None) -> Page:
    """The requested page of `queryset` (any sequence); a bad or hostile number gives the first
    page, one past the end the last page, never an error."""
    numero = request.GET.get(PARAMETRO) or request.GET.get(PARAMETRO_ANTIGUO) or "1"
    # Only ASCII digits count ('²' and '-1' are first page); a huge number is the last page.
    if not (numero.isascii() and numero.isdecimal()):
        numero = "1"
    return Paginator(queryset, por_pagina or settings.PAGINACION_POR_PAGINA).get_page(numero)
