"""PayU Latam WebCheckout: the signed form, the confirmation page, the Queries API.

Signatures as documented (developers.payulatam.com, "Integración WebCheckout"):
- request:      ApiKey~merchantId~referenceCode~amount~currency (MD5, or SHA256 with algorithmSignature)
- confirmation: ApiKey~merchant_id~reference_sale~new_value~currency~state_pol, where new_value keeps
  one decimal when the second is 0 (150.00 → 150.0) and two otherwise (150.26).
"""

import hashlib
import json
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from urllib.parse import parse_qsl

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

URL_CHECKOUT = "https://checkout.payulatam.com/ppp-web-gateway-payu/"
URL_CHECKOUT_PRUEBAS = "https://sandbox.checkout.payulatam.com/ppp-web-gateway-payu/"
URL_CONSULTAS = "https://api.payulatam.com/reports-api/4.0/service.cgi"
URL_CONSULTAS_PRUEBAS = "https://sandbox.api.payulatam.com/reports-api/4.0/service.cgi"

# state_pol of the confirmation page / transactionResponse.state of the API.
ESTADOS_POL = {
    "4": EstadoTransaccion.APROBADA,
    "6": EstadoTransaccion.RECHAZADA,
    "5": EstadoTransaccion.EXPIRADA,
    "104": EstadoTransaccion.ERROR,
    "7": "",  # pending
}
ESTADOS_API = {
    "APPROVED": EstadoTransaccion.APROBADA,
    "DECLINED": EstadoTransaccion.RECHAZADA,
    "EXPIRED": EstadoTransaccion.EXPIRADA,
    "ERROR": EstadoTransaccion.ERROR,
    "PENDING": "",
}
ALGORITMOS = {"MD5": hashlib.md5, "SHA256": hashlib.sha256, "SHA": hashlib.sha1}


def monto_solicitud(valor: Decimal) -> str:
    """The amount as sent (and signed) in the form: whole pesos without decimals, else two."""
    valor = Decimal(valor)
    return f"{valor:.0f}" if valor == valor.to_integral_value() else f"{valor:.2f}"


def nuevo_valor(valor: str | Decimal) -> str:
    """PayU's new_value: two decimals half-even, then one when the second is 0 (150.00 → 150.0)."""
    redondeado = Decimal(str(valor)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    texto = f"{redondeado:.2f}"
    return texto[:-1] if texto.endswith("0") else texto


def _hash(cadena: str, algoritmo: str) -> str:
    return ALGORITMOS[algoritmo.upper()](cadena.encode()).hexdigest()


def firma_solicitud(
    *, api_key: str, merchant_id: str, referencia: str, monto: str, moneda: str, algoritmo: str = "MD5"
) -> str:
    return _hash(f"{api_key}~{merchant_id}~{referencia}~{monto}~{moneda}", algoritmo)


def firma_confirmacion(
    *,
    api_key: str,
    merchant_id: str,
    referencia: str,
    valor: str,
    moneda: str,
    estado_pol: str,
    algoritmo: str,
) -> str:
    return _hash(
        f"{api_key}~{merchant_id}~{referencia}~{nuevo_valor(valor)}~{moneda}~{estado_pol}", algoritmo
    )


class PasarelaPayU(PasarelaBase):
    nombre = Pasarela.PAYU
    etiqueta = "PayU"
    boton = "Pagar con PayU"
    primera_consulta = timedelta(minutes=7)
    intervalo_consulta = timedelta(minutes=10)

    def credenciales(self):
        return {
            "PAYU_MERCHANT_ID": settings.PAYU_MERCHANT_ID,
            "PAYU_ACCOUNT_ID": settings.PAYU_ACCOUNT_ID,
            "PAYU_API_KEY": settings.PAYU_API_KEY,
            "PAYU_API_LOGIN": settings.PAYU_API_LOGIN,
        }

    def comercio_esperado(self):
        return str(settings.PAYU_MERCHANT_ID).strip()

    @property
    def algoritmo(self) -> str:
        return (getattr(settings, "PAYU_ALGORITMO", "MD5") or "MD5").upper()

    def formulario(self, *, transaccion, url_respuesta, url_confirmacion, comprador: Comprador):
        monto = monto_solicitud(transaccion.valor)
        campos = {
            "merchantId": str(settings.PAYU_MERCHANT_ID),
            "accountId": str(settings.PAYU_ACCOUNT_ID),
            "description": f"Pago de facturas {transaccion.referencia}"[:255],
            "referenceCode": transaccion.referencia,
            "amount": monto,
            # Residential rent is VAT-excluded: without tax=0 PayU adds 19 %.
            "tax": "0",
            "taxReturnBase": "0",
            "currency": transaccion.moneda,
            "signature": firma_solicitud(
                api_key=settings.PAYU_API_KEY,
                merchant_id=str(settings.PAYU_MERCHANT_ID),
                referencia=transaccion.referencia,
                monto=monto,
                moneda=transaccion.moneda,
                algoritmo=self.algoritmo,
            ),
            "algorithmSignature": self.algoritmo,
            "test": "1" if settings.PAYU_TEST else "0",
            "buyerEmail": comprador.email,
            "buyerFullName": comprador.nombre,
            "telephone": comprador.telefono,
            "responseUrl": url_respuesta,
            "confirmationUrl": url_confirmacion,
        }
        accion = getattr(settings, "PAYU_URL_CHECKOUT", "") or (
            URL_CHECKOUT_PRUEBAS if settings.PAYU_TEST else URL_CHECKOUT
        )
        return FormularioPasarela(accion=accion, metodo="post", campos=campos)

    def urls_a_registrar(self, *, base=None):
        base = sitio_url(base)
        return [
            ("URL de confirmación (confirmationUrl)", base + reverse("pasarelas:payu_confirmacion")),
            ("URL de respuesta (responseUrl)", base + "/customerarea/pagos-en-linea/<referencia>/"),
        ]

    def notificacion_leer(self, *, cuerpo, encabezados):
        try:
            datos = dict(parse_qsl(cuerpo.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            raise NotificacionIlegible("El cuerpo no es texto UTF-8.") from None
        referencia = (datos.get("reference_sale") or "").strip()
        if not referencia:
            raise NotificacionIlegible("La confirmación no trae reference_sale.")
        estado_pol = (datos.get("state_pol") or "").strip()
        valor = decimal_o_none(datos.get("value"))
        firma = (datos.get("sign") or "").strip()
        firma_valida = False
        algoritmo = {32: "MD5", 64: "SHA256", 40: "SHA"}.get(len(firma))
        if valor is not None and algoritmo and settings.PAYU_API_KEY:
            esperada = firma_confirmacion(
                api_key=settings.PAYU_API_KEY,
                merchant_id=(datos.get("merchant_id") or "").strip(),
                referencia=referencia,
                valor=str(valor),
                moneda=(datos.get("currency") or "").strip(),
                estado_pol=estado_pol,
                algoritmo=algoritmo,
            )
            firma_valida = firmas_iguales(esperada, firma)
        estado = ESTADOS_POL.get(estado_pol, "")  # an unknown state changes nothing
        return Aviso(
            referencia=referencia,
            estado=estado,
            valor=valor,
            moneda=(datos.get("currency") or "").strip(),
            firma_valida=firma_valida,
            comercio=(datos.get("merchant_id") or "").strip(),
            id_externo=(datos.get("transaction_id") or "")[:80],
            medio=(datos.get("payment_method_name") or datos.get("payment_method_type") or "")[:40],
            motivo=(datos.get("response_message_pol") or "")[:300],
            datos={"state_pol": estado_pol, "response_code_pol": datos.get("response_code_pol", "")},
        )

    def consultar(self, *, transaccion: TransaccionPasarela) -> Consulta:
        url = getattr(settings, "PAYU_URL_CONSULTAS", "") or (
            URL_CONSULTAS_PRUEBAS if settings.PAYU_TEST else URL_CONSULTAS
        )
        solicitud = {
            "test": bool(settings.PAYU_TEST),
            "language": "es",
            "command": "ORDER_DETAIL_BY_REFERENCE_CODE",
            "merchant": {"apiLogin": settings.PAYU_API_LOGIN, "apiKey": settings.PAYU_API_KEY},
            "details": {"referenceCode": transaccion.referencia},
        }
        try:
            respuesta = requests.post(
                url,
                json=solicitud,
                headers={"Accept": "application/json"},
                timeout=settings.PAGOS_API_TIMEOUT,
            )
            respuesta.raise_for_status()
            datos = respuesta.json()
        except (requests.RequestException, ValueError) as exc:
            raise ConsultaFallida(f"PayU no respondió: {exc.__class__.__name__}") from exc
        cuerpo = respuesta.text
        if not isinstance(datos, dict) or datos.get("code") != "SUCCESS":
            error = datos.get("error") if isinstance(datos, dict) else None
            raise ConsultaFallida(f"PayU respondió error: {str(error)[:200]}")
        ordenes = (datos.get("result") or {}).get("payload") or []
        avisos = []
        for orden in ordenes:
            if str(orden.get("referenceCode", "")) != transaccion.referencia:
                continue
            for tx in orden.get("transactions") or []:
                estado_api = str((tx.get("transactionResponse") or {}).get("state", "")).upper()
                valores = (tx.get("additionalValues") or {}).get("TX_VALUE") or {}
                avisos.append(
                    Aviso(
                        referencia=transaccion.referencia,
                        estado=ESTADOS_API.get(estado_api, ""),
                        valor=decimal_o_none(valores.get("value")),
                        moneda=str(valores.get("currency") or ""),
                        firma_valida=None,
                        id_externo=str(tx.get("id") or "")[:80],
                        medio=str(tx.get("paymentMethod") or "")[:40],
                        motivo=str((tx.get("transactionResponse") or {}).get("responseCode") or "")[:300],
                    )
                )
        if not ordenes or not avisos:
            return Consulta(aviso=None, cuerpo=cuerpo)
        # One approved attempt is what matters; else the latest one.
        aprobados = [a for a in avisos if a.estado == EstadoTransaccion.APROBADA]
        return Consulta(aviso=aprobados[0] if aprobados else avisos[-1], cuerpo=cuerpo)


def cuerpo_json(datos) -> str:
    return json.dumps(datos, ensure_ascii=False)
