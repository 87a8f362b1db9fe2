"""The simulated gateway: its checkout page, and its signed confirmation POSTed over HTTP to our
own confirmation URL (a live server), through the same verification code as PayU's."""

from urllib.parse import parse_qsl

import pytest
from django.urls import reverse

from pagos.models import EstadoTransaccion, EventoPasarela, Pago, ResultadoEvento
from pagos.pasarelas import Comprador, pasarela_activa, pasarela_por_nombre
from pagos.services_en_linea import transacciones_conciliar
from tests.pagos.en_linea import iniciar

RETORNO = "/customerarea/pagos-en-linea/{}/"


def _formulario(tx, base):
    gw = pasarela_activa()
    assert gw.nombre == "simulada"
    return gw.formulario(
        transaccion=tx,
        url_respuesta=RETORNO.format(tx.referencia),
        url_confirmacion=base + reverse("pasarelas:simulada_confirmacion"),
        comprador=Comprador(email="a@prueba.test", nombre="Ana Pérez"),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("decision", "estado", "pagos"),
    [
        ("aprobar", EstadoTransaccion.APROBADA, 1),
        ("rechazar", EstadoTransaccion.RECHAZADA, 0),
        ("pendiente", EstadoTransaccion.PENDIENTE, 0),
    ],
)
def test_checkout_decision_is_confirmed_server_to_server(
    client, live_server, settings, decision, estado, pagos
):
    settings.SITE_URL = live_server.url
    tx = iniciar("simulada")
    formulario = _formulario(tx, live_server.url)
    assert formulario.metodo == "post"
    assert formulario.accion == reverse("pasarelas:simulada_checkout")
    pagina = client.post(formulario.accion, formulario.campos)
    assert pagina.status_code == 200
    texto = pagina.content.decode()
    for boton in ("Aprobar", "Rechazar", "Dejar pendiente"):
        assert boton in texto
    r = client.post(formulario.accion, {**formulario.campos, "decision": decision})
    assert r.status_code == 302
    assert r["Location"] == RETORNO.format(tx.referencia)
    tx.refresh_from_db()
    assert tx.estado == estado
    assert Pago.objects.count() == pagos
    evento = EventoPasarela.objects.get(transaccion=tx)
    # It came over HTTP, as a real gateway's would: stored raw with the sender's address.
    assert evento.ip == "127.0.0.1"
    assert evento.encabezados["user-agent"] == "PasarelaSimulada/1"
    assert evento.firma_valida is True
    assert evento.resultado == (
        ResultadoEvento.IGNORADO if decision == "pendiente" else ResultadoEvento.APLICADO
    )


@pytest.mark.django_db
def test_tampered_checkout_fields_are_refused(client):
    tx = iniciar("simulada")
    formulario = _formulario(tx, "http://testserver")
    for campo, valor in [
        ("valor", "1.00"),
        ("url_confirmacion", "http://otro.test/"),
        ("referencia", "AC-X"),
    ]:
        r = client.post(formulario.accion, {**formulario.campos, campo: valor, "decision": "aprobar"})
        assert r.status_code == 400
    r = client.post(
        formulario.accion, {**formulario.campos, "url_respuesta": "https://evil.test/", "decision": "aprobar"}
    )
    assert r.status_code == 400
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE


@pytest.mark.django_db
def test_a_forged_simulated_confirmation_is_refused(client):
    tx = iniciar("simulada")
    cuerpo = f"comercio=simulada&referencia={tx.referencia}&valor={tx.valor:.2f}&moneda=COP&estado=aprobada&id_externo=X&firma=abc"
    r = client.post(
        reverse("pasarelas:simulada_confirmacion"),
        data=cuerpo,
        content_type="application/x-www-form-urlencoded",
    )
    assert r.status_code == 200
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert EventoPasarela.objects.get().resultado == ResultadoEvento.RECHAZADO


@pytest.mark.django_db
def test_unreachable_confirmation_url_is_caught_up_by_reconciliation(client):
    """The gateway decided but its confirmation never arrived: the query API tells."""
    tx = iniciar("simulada")
    formulario = _formulario(tx, "http://127.0.0.1:9")  # nothing listens on the discard port
    r = client.post(formulario.accion, {**formulario.campos, "decision": "aprobar"})
    assert r.status_code == 302
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    cuentas = transacciones_conciliar(ahora=tx.proxima_consulta_en)
    assert cuentas["aprobadas"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    datos = dict(parse_qsl(EventoPasarela.objects.get(transaccion=tx).cuerpo))
    assert datos["referencia"] == tx.referencia


@pytest.mark.django_db
def test_outside_development_the_simulator_is_off_unless_allowed(client, settings):
    """It approves without money: a production server left on the default gateway must not offer it
    (no Realizar pago, its pages 404), and the gateway panel names what is missing."""
    from area_clientes.pago_en_linea import pasarela_habilitada

    settings.PAGOS_PASARELA = "simulada"
    settings.PAGOS_SIMULADA_PERMITIDA = False
    assert pasarela_habilitada() is None
    assert pasarela_por_nombre("simulada").credenciales_faltantes() == ["PAGOS_SIMULADA_PERMITIDA"]
    for nombre in ("pasarelas:simulada_checkout", "pasarelas:simulada_confirmacion"):
        assert client.post(reverse(nombre), {"referencia": "AC-1", "decision": "aprobar"}).status_code == 404
    assert not Pago.objects.exists()

    settings.PAGOS_SIMULADA_PERMITIDA = True
    assert pasarela_habilitada() is not None
