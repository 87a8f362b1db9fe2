"""One walk of the URLconf, shared by the suite's walks (access rules, IDOR matrix, form fuzzing).

`rutas()` yields every URL with the chain of patterns from the root down to it, so a walk can
fill its parameters, read its name (namespaces joined) and ask which HTTP methods its view takes.
"""

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver

METODOS_HTTP = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


@dataclass(frozen=True)
class Ruta:
    clave: str  # "gestion:tercero_detalle", or the route of an unnamed URL
    segmentos: tuple  # the patterns from the root down to this URL
    callback: object

    @property
    def patron(self) -> str:
        return "".join(str(s) for s in self.segmentos)

    @property
    def con_nombre(self) -> bool:
        return self.clave != self.patron

    def parametros(self) -> list[str]:
        return [nombre for s in self.segmentos for nombre in s.regex.groupindex]

    def url(self, valores: dict) -> str:
        """The path with each parameter replaced by `valores[name]`."""
        partes = []
        for segmento in self.segmentos:
            texto = str(segmento)
            if texto.startswith("^") or texto.endswith("$"):  # a regex pattern
                texto = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(valores[m[1]]), texto.strip("^$"))
            else:
                texto = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(valores[m[1]]), texto)
            partes.append(texto)
        return "/" + "".join(partes)

    def metodos(self) -> set[str] | None:
        """The HTTP methods the view declares (require_GET/POST/http_methods, a class's handlers),
        or None when it declares none (a function view that takes whatever it is sent)."""
        clase = getattr(self.callback, "view_class", None)
        if clase is not None:
            return {m.upper() for m in clase.http_method_names if hasattr(clase, m)} - {"OPTIONS"}
        funcion = self.callback
        while funcion is not None:
            for celda in funcion.__closure__ or ():
                try:
                    valor = celda.cell_contents
                except ValueError:  # an empty cell
                    continue
                if isinstance(valor, list | tuple | set) and valor and set(valor) <= METODOS_HTTP:
                    return set(valor)
            funcion = getattr(funcion, "__wrapped__", None)
        return None

    def acepta_post(self) -> bool:
        metodos = self.metodos()
        if metodos is not None:
            return "POST" in metodos
        return "POST" in inspect.getsource(inspect.unwrap(self.callback))


def rutas(resolver=None, segmentos=(), espacio="") -> Iterator[Ruta]:
    """Every URL of the URLconf, includes resolved, namespaces joined ("admin:auth_user_change")."""
    for patron in (resolver or get_resolver()).url_patterns:
        if isinstance(patron, URLResolver):
            ns = ":".join(filter(None, [espacio, patron.namespace]))
            yield from rutas(patron, (*segmentos, patron.pattern), ns)
        else:
            todos = (*segmentos, patron.pattern)
            nombre = ":".join(filter(None, [espacio, patron.name])) if patron.name else ""
            yield Ruta(nombre or "".join(str(s) for s in todos), todos, patron.callback)


def rutas_del_portal() -> list[Ruta]:
    return [r for r in rutas() if r.patron.startswith("customerarea/")]
