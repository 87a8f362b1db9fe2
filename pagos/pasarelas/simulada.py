"""A local gateway for `make run`, the demo and tests: same interface, local pages.

Its checkout page (pagos.views_pasarelas.simulada_checkout) lets the payer approve, decline or
leave the payment pending; then, like PayU, it POSTs a signed server-to-server confirmation over
HTTP to the confirmationUrl the form carried, and sends the browser to the responseUrl. What it
decided is kept in the cache, which its "API" (consultar) answers from.
"""

import hashlib
import hmac
import uuid
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from pagos.models import EstadoTransaccion, Pasarela
from pagos.pasarelas.base import (
    Aviso,
    Comprador,
    Consulta,
    ConsultaFallida,
    FormularioPasarela,
    NotificacionIlegible,
    PasarelaBase,
    decimal_o_none,
    firmas_iguales,
    sitio_url,
)

COMERCIO = "simulada"
DECISIONES = {
    "aprobar": EstadoTransaccion.APROBADA,
    "rechazar": EstadoTransaccion.RECHAZADA,
    "pendiente": "",
}
CAMPOS_FORMULARIO = ("referencia", "valor", "moneda", "url_respuesta", "url_confirmacion")
CAMPOS_CONFIRMACION = ("comercio", "referencia", "valor", "moneda", "estado", "id_externo")


def secreto() -> bytes:
    propio = getattr(settings, "PAGOS_SIMULADA_SECRETO", "")
    if propio:
        return propio.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"pagos.pasarela_simulada", hashlib.sha256).digest()


def firmar(campos: dict[str, str], nombres: tuple[str, ...]) -> str:
    cadena = "~".join(str(campos.get(n, "")) for n in nombres)
    return hmac.new(secreto(), cadena.encode(), hashlib.sha256).hexdigest()


def _clave(referencia: str) -> str:
    return f"pagos:simulada:{referencia}"


class PasarelaSimulada(PasarelaBase):
    nombre = Pasarela.SIMULADA
    etiqueta = "Pasarela simulada"
    boton = "Pagar con la pasarela simulada"
    primera_consulta = timedelta(minutes=1)
    intervalo_consulta = timedelta(minutes=2)

    def comercio_esperado(self):
        return COMERCIO

    def credenciales_faltantes(self) -> list[str]:
        # Its "credential" is the permission to run at all: off in production unless set on purpose.
        return [] if settings.PAGOS_SIMULADA_PERMITIDA else ["PAGOS_SIMULADA_PERMITIDA"]

    def formulario(self, *, transaccion, url_respuesta, url_confirmacion, comprador: Comprador):
        campos = {
            "referencia": transaccion.referencia,
            "valor": f"{transaccion.valor:.2f}",
            "moneda": transaccion.moneda,
            "url_respuesta": url_respuesta,
            "url_confirmacion": url_confirmacion,
        }
        campos["firma"] = firmar(campos, CAMPOS_FORMULARIO)
        campos["comprador"] = comprador.nombre
        campos["email"] = comprador.email
        return FormularioPasarela(accion=reverse("pasarelas:simulada_checkout"), metodo="post", campos=campos)

    def formulario_valido(self, datos) -> bool:
        return firmas_iguales(firmar(datos, CAMPOS_FORMULARIO), datos.get("firma", ""))

    def urls_a_registrar(self, *, base=None):
        base = sitio_url(base)
        return [("URL de confirmación", base + reverse("pasarelas:simulada_confirmacion"))]

    def confirmacion_cuerpo(self, *, referencia: str, valor: str, moneda: str, decision: str) -> str:
        """The signed body the simulated gateway POSTs; the decision is remembered for consultar()."""
        estado = DECISIONES[decision]
        campos = {
            "comercio": COMERCIO,
            "referencia": referencia,
            "valor": valor,
            "moneda": moneda,
            "estado": estado or "pendiente",
            "id_externo": f"SIM-{uuid.uuid4().hex[:12].upper()}",
        }
        campos["firma"] = firmar(campos, CAMPOS_CONFIRMACION)
        cache.set(_clave(referencia), campos, timeout=60 * 60 * 24 * 30)
        return urlencode(campos)

    def confirmacion_enviar(self, *, url: str, cuerpo: str) -> int:
        """POST the confirmation over HTTP, as a real gateway would; returns the HTTP status."""
        respuesta = requests.post(
            url,
            data=cuerpo.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "PasarelaSimulada/1"},
            timeout=(5, 30),
        )
        return respuesta.status_code

    def _aviso(self, datos: dict, *, firma_valida: bool | None) -> Aviso:
        estado = datos.get("estado", "")
        return Aviso(
            referencia=datos.get("referencia", "").strip(),
            estado=estado
            if estado in EstadoTransaccion.values and estado != EstadoTransaccion.PENDIENTE
            else "",
            valor=decimal_o_none(datos.get("valor")),
            moneda=datos.get("moneda", ""),
            firma_valida=firma_valida,
            comercio=datos.get("comercio", ""),
            id_externo=datos.get("id_externo", "")[:80],
            medio="Simulado",
            motivo="Rechazada en la pasarela simulada" if estado == EstadoTransaccion.RECHAZADA else "",
        )

    def notificacion_leer(self, *, cuerpo, encabezados):
        try:
            datos = dict(parse_qsl(cuerpo.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            raise NotificacionIlegible("El cuerpo no es texto UTF-8.") from None
        if not datos.get("referencia", "").strip():
            raise NotificacionIlegible("La confirmación no trae referencia.")
        valida = firmas_iguales(firmar(datos, CAMPOS_CONFIRMACION), datos.get("firma", ""))
        return self._aviso(datos, firma_valida=valida)

    def consultar(self, *, transaccion):
        try:
            datos = cache.get(_clave(transaccion.referencia))
        except Exception as exc:  # the cache is this gateway's "API"
            raise ConsultaFallida(str(exc)) from exc
        if not datos:
            return Consulta(aviso=None, cuerpo="{}")
        return Consulta(aviso=self._aviso(datos, firma_valida=None), cuerpo=urlencode(datos))
