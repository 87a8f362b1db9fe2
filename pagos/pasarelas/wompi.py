"""Wompi (Bancolombia): Web Checkout with the integrity signature, events with their checksum,
the transactions API.

Documented (docs.wompi.co):
- integrity: SHA256(reference + amount_in_cents + currency [+ expiration_time] + integrity secret)
- events: SHA256(values of signature.properties in their order + timestamp + events secret),
  sent in signature.checksum and in the X-Event-Checksum header.
"""

import hashlib
import json
from datetime import timedelta
from decimal import Decimal

import requests
from django.conf import settings
from django.urls import reverse

from pagos.models import EstadoTransaccion, Pasarela, TransaccionPasarela
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

URL_CHECKOUT = "https://checkout.wompi.co/p/"
URL_API = "https://production.wompi.co/v1"
URL_API_PRUEBAS = "https://sandbox.wompi.co/v1"

ESTADOS = {
    "APPROVED": EstadoTransaccion.APROBADA,
    "DECLINED": EstadoTransaccion.RECHAZADA,
    "VOIDED": EstadoTransaccion.RECHAZADA,
    "ERROR": EstadoTransaccion.ERROR,
    "PENDING": "",
}


def centavos(valor: Decimal) -> int:
    return int((Decimal(valor) * 100).to_integral_value())


def firma_integridad(*, referencia: str, centavos: int, moneda: str, secreto: str, vence: str = "") -> str:
    return hashlib.sha256(f"{referencia}{centavos}{moneda}{vence}{secreto}".encode()).hexdigest()


def _propiedad(datos: dict, ruta: str):
    actual = datos
    for parte in ruta.split("."):
        if not isinstance(actual, dict) or parte not in actual:
            return None
        actual = actual[parte]
    return actual


def checksum_evento(evento: dict, secreto: str) -> str | None:
    """The checksum an event should carry, or None when it lacks what the signature names."""
    firma = evento.get("signature") if isinstance(evento, dict) else None
    propiedades = firma.get("properties") if isinstance(firma, dict) else None
    timestamp = evento.get("timestamp")
    datos = evento.get("data")
    if (
        not isinstance(propiedades, list)
        or not propiedades
        or timestamp is None
        or not isinstance(datos, dict)
    ):
        return None
    valores = []
    for ruta in propiedades:
        valor = _propiedad(datos, str(ruta))
        if valor is None or isinstance(valor, dict | list):
            return None
        valores.append(str(valor))
    return hashlib.sha256(("".join(valores) + str(timestamp) + secreto).encode()).hexdigest()


class PasarelaWompi(PasarelaBase):
    nombre = Pasarela.WOMPI
    etiqueta = "Wompi"
    boton = "Pagar con Wompi"
    primera_consulta = timedelta(minutes=2)
    intervalo_consulta = timedelta(minutes=10)

    def credenciales(self):
        return {
            "WOMPI_PUBLIC_KEY": settings.WOMPI_PUBLIC_KEY,
            "WOMPI_PRIVATE_KEY": settings.WOMPI_PRIVATE_KEY,
            "WOMPI_INTEGRITY_SECRET": settings.WOMPI_INTEGRITY_SECRET,
            "WOMPI_EVENTS_SECRET": settings.WOMPI_EVENTS_SECRET,
        }

    @property
    def url_api(self) -> str:
        return (
            getattr(settings, "WOMPI_URL_API", "") or (URL_API_PRUEBAS if settings.WOMPI_TEST else URL_API)
        ).rstrip("/")

    def formulario(self, *, transaccion, url_respuesta, url_confirmacion, comprador: Comprador):
        monto = centavos(transaccion.valor)
        campos = {
            "public-key": settings.WOMPI_PUBLIC_KEY,
            "currency": transaccion.moneda,
            "amount-in-cents": str(monto),
            "reference": transaccion.referencia,
            "signature:integrity": firma_integridad(
                referencia=transaccion.referencia,
                centavos=monto,
                moneda=transaccion.moneda,
                secreto=settings.WOMPI_INTEGRITY_SECRET,
            ),
            "redirect-url": url_respuesta,
            "customer-data:email": comprador.email,
            "customer-data:full-name": comprador.nombre,
        }
        if comprador.telefono:
            campos["customer-data:phone-number"] = comprador.telefono
        # Wompi's events URL is set in its dashboard, not per payment (url_confirmacion is not sent).
        return FormularioPasarela(accion=URL_CHECKOUT, metodo="get", campos=campos)

    def urls_a_registrar(self, *, base=None):
        base = sitio_url(base)
        return [
            ("URL de eventos", base + reverse("pasarelas:wompi_eventos")),
            ("URL de redirección (redirect-url)", base + "/customerarea/pagos-en-linea/<referencia>/"),
        ]

    def _aviso(self, tx: dict, *, firma_valida: bool | None) -> Aviso:
        en_centavos = decimal_o_none(tx.get("amount_in_cents"))
        return Aviso(
            referencia=str(tx.get("reference") or ""),
            estado=ESTADOS.get(str(tx.get("status") or "").upper(), ""),
            valor=en_centavos / 100 if en_centavos is not None else None,
            moneda=str(tx.get("currency") or ""),
            firma_valida=firma_valida,
            id_externo=str(tx.get("id") or "")[:80],
            medio=str(tx.get("payment_method_type") or "")[:40],
            motivo=str(tx.get("status_message") or "")[:300],
        )

    def notificacion_leer(self, *, cuerpo, encabezados):
        try:
            evento = json.loads(cuerpo.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise NotificacionIlegible("El evento no es JSON.") from None
        if not isinstance(evento, dict):
            raise NotificacionIlegible("El evento no es un objeto JSON.")
        tx = _propiedad(evento, "data.transaction")
        if not isinstance(tx, dict) or not tx.get("reference"):
            raise NotificacionIlegible("El evento no trae data.transaction.reference.")
        recibido = {k.lower(): v for k, v in encabezados.items()}.get("x-event-checksum") or (
            (evento.get("signature") or {}).get("checksum")
            if isinstance(evento.get("signature"), dict)
            else ""
        )
        esperado = (
            checksum_evento(evento, settings.WOMPI_EVENTS_SECRET) if settings.WOMPI_EVENTS_SECRET else None
        )
        valido = bool(esperado) and firmas_iguales(esperado, str(recibido or ""))
        if evento.get("event") != "transaction.updated":
            # Signed but not about a transaction's state (e.g. nequi_token.updated): nothing to apply.
            return Aviso(
                referencia=str(tx.get("reference")), estado="", valor=None, moneda="", firma_valida=valido
            )
        return self._aviso(tx, firma_valida=valido)

    def consultar(self, *, transaccion: TransaccionPasarela) -> Consulta:
        try:
            respuesta = requests.get(
                f"{self.url_api}/transactions",
                params={"reference": transaccion.referencia},
                headers={"Authorization": f"Bearer {settings.WOMPI_PRIVATE_KEY}"},
                timeout=settings.PAGOS_API_TIMEOUT,
            )
            respuesta.raise_for_status()
            datos = respuesta.json()
        except (requests.RequestException, ValueError) as exc:
            raise ConsultaFallida(f"Wompi no respondió: {exc.__class__.__name__}") from exc
        lista = datos.get("data") if isinstance(datos, dict) else None
        if not isinstance(lista, list):
            raise ConsultaFallida("Wompi respondió sin data.")
        avisos = [
            self._aviso(tx, firma_valida=None)
            for tx in lista
            if isinstance(tx, dict) and tx.get("reference") == transaccion.referencia
        ]
        if not avisos:
            return Consulta(aviso=None, cuerpo=respuesta.text)
        aprobados = [a for a in avisos if a.estado == EstadoTransaccion.APROBADA]
        return Consulta(aviso=aprobados[0] if aprobados else avisos[0], cuerpo=respuesta.text)
