"""The one pagination convention: `?pagina=N`, a page size from settings, one partial template.

Templates include "includes/_paginacion.html" with the page in `pagina`; its links keep every
other query parameter (the list's filters).
"""

from django.conf import settings
from django.core.paginator import Page, Paginator

PARAMETRO = "pagina"
# Links from before the convention used ?page= (terceros lists); still honoured.
PARAMETRO_ANTIGUO = "page"


def paginar(request, queryset, por_pagina: int | None = None, *, total: int | None = None) -> Page:
    """The requested page of `queryset` (any sequence); a bad or hostile number gives the first
    page, one past the end the last page, never an error.

    `total`: the caller already knows how many rows `queryset` has (counted together with
    something else it needed), so the paginator's COUNT(*) query is skipped. It must be exact.
    """
    numero = request.GET.get(PARAMETRO) or request.GET.get(PARAMETRO_ANTIGUO) or "1"
    # Only ASCII digits count ('²' and '-1' are first page); a huge number is the last page.
    if not (numero.isascii() and numero.isdecimal()):
        numero = "1"
    paginador = Paginator(queryset, por_pagina or settings.PAGINACION_POR_PAGINA)
    if total is not None:
        paginador.count = total  # a cached_property: set, it is never computed
    return paginador.get_page(numero)
