"""The one interface every payment gateway implements (PayU, Wompi, the simulated one).

A gateway knows its own wire formats: the signed checkout form, how to read and verify a
confirmation, and how to ask its API about a reference. It never touches our models' state:
`pagos.services_en_linea` applies what it reads, through one code path for every source.
"""

import hmac
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings

from pagos.models import EstadoTransaccion, TransaccionPasarela


class NotificacionIlegible(Exception):
    """A confirmation we cannot even parse (no reference, broken JSON): stored and refused."""


class ConsultaFallida(Exception):
    """The gateway's API could not be asked or answered nonsense: nothing changes, ask again later."""


@dataclass(frozen=True)
class FormularioPasarela:
    """What the portal renders as hidden inputs and posts (or GETs) to the gateway."""

    accion: str
    metodo: str  # "post" | "get"
    campos: dict[str, str]


@dataclass(frozen=True)
class Comprador:
    email: str
    nombre: str
    telefono: str = ""
    documento: str = ""


@dataclass(frozen=True)
class Aviso:
    """What a gateway says about one reference, read from a confirmation or an API answer.

    `estado` is an EstadoTransaccion value, or "" while the gateway still calls it pending.
    `firma_valida` is None for API answers (authenticated by TLS and our credentials).
    `comercio` is None where the gateway does not send a merchant id.
    """

    referencia: str
    estado: str
    valor: Decimal | None
    moneda: str
    firma_valida: bool | None
    comercio: str | None = None
    id_externo: str = ""
    medio: str = ""
    motivo: str = ""
    datos: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Consulta:
    """The gateway's answer to "what happened to this reference?": None aviso = it never saw it."""

    aviso: Aviso | None
    cuerpo: str


def firmas_iguales(a: str, b: str) -> bool:
    """Constant-time, case-insensitive comparison; never raises on odd input."""
    return hmac.compare_digest((a or "").strip().lower().encode(), (b or "").strip().lower().encode())


class PasarelaBase:
    nombre: str = ""
    etiqueta: str = ""
    boton: str = ""
    # PayU asks to wait ~7 minutes before the first query, then at most every 10 (bank transfers).
    primera_consulta = timedelta(minutes=1)
    intervalo_consulta = timedelta(minutes=5)
    estados_finales = {
        EstadoTransaccion.APROBADA,
        EstadoTransaccion.RECHAZADA,
        EstadoTransaccion.EXPIRADA,
        EstadoTransaccion.ERROR,
    }

    def credenciales(self) -> dict[str, str]:
        """Setting name → value of what this gateway needs."""
        return {}

    def credenciales_faltantes(self) -> list[str]:
        return [nombre for nombre, valor in self.credenciales().items() if not str(valor or "").strip()]

    def credenciales_completas(self) -> bool:
        return not self.credenciales_faltantes()

    def comercio_esperado(self) -> str | None:
        """The merchant id confirmations must carry; None where the gateway sends none."""
        return None

    def formulario(
        self,
        *,
        transaccion: TransaccionPasarela,
        url_respuesta: str,
        url_confirmacion: str,
        comprador: Comprador,
    ) -> FormularioPasarela:
        raise NotImplementedError

    def urls_a_registrar(self, *, base: str | None = None) -> list[tuple[str, str]]:
        return []

    def notificacion_leer(self, *, cuerpo: bytes, encabezados: dict[str, str]) -> Aviso:
        """Parse and verify one confirmation; raises NotificacionIlegible."""
        raise NotImplementedError

    def consultar(self, *, transaccion: TransaccionPasarela) -> Consulta:
        """Ask the gateway's API; raises ConsultaFallida."""
        raise NotImplementedError

    def proxima_consulta(self, *, transaccion: TransaccionPasarela, ahora: datetime) -> datetime:
        return ahora + self.intervalo_consulta


def sitio_url(base: str | None = None) -> str:
    return (base or settings.SITE_URL).rstrip("/")


def decimal_o_none(valor: Any) -> Decimal | None:
    try:
        resultado = Decimal(str(valor).strip())
    except (ArithmeticError, ValueError, TypeError):
        return None
    return resultado if resultado.is_finite() else None
