"""Issue 9.2: a temporary password never locks a client out (DESIGN §6).

Invariant: every password in an email the SMTP server may have accepted works until it expires
or the client chooses their own; the client's own password works until they change it.
Each scenario runs against the real SMTP sink (drop at DATA, slow accept, 451, 550) and, where
it takes two processes, a second worker in another thread on its own PostgreSQL connection.
"""

import pytest

from envios.models import ClaveTemporal, ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio
from envios.services import (
    envios_cancelar_pendientes,
    envios_enviar_lote,
    envios_enviar_reclamados,
    envios_generar,
    envios_reclamar_lote,
)
from terceros.services import portal_contrasena_manual
from tests.envios import ayudas
from tests.envios.ayudas import en_hilo, ingresa
from tests.factories import CLAVE_PRUEBA, ClienteFactory

pytestmark = pytest.mark.django_db


def concurrente(prueba):
    """A second thread on its own PostgreSQL connection: rows must really be committed."""
    return pytest.mark.postgres(pytest.mark.django_db(transaction=True)(prueba))


def _encolar(staff, *clientes):
    return envios_generar(
        actor=staff, clase="inquilinos", filtro="solo", seleccion=[c.pk for c in clientes], alcance="todos"
    )


# --- the connection drops at DATA: outcome unknown --------------------------------------------


def test_a_drop_at_data_leaves_the_emailed_password_and_the_own_one_working(
    config_envios, staff, smtp_sink, client
):
    cliente = ClienteFactory(es_inquilino=True)
    _encolar(staff, cliente)
    smtp_sink.cortar_despues_de = 0  # every attempt: the message arrives, the reply never does

    resultado = envios_enviar_lote()

    assert resultado.reintentos == 1
    assert EnvioContrasena.objects.get().estado == EstadoEnvio.PENDIENTE
    # The sender resent the same email once on a new connection: both copies may be in the inbox.
    cortados = smtp_sink.cortados_para(cliente.email)
    assert len(cortados) == 2
    assert ayudas.contrasena(cortados[0]) == ayudas.contrasena(cortados[1])
    assert ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)
    assert ingresa(client, cliente.numero_documento, ayudas.contrasena(cortados[0]))


def test_cancelling_after_a_drop_at_data_does_not_lock_the_client_out(
    config_envios, staff, smtp_sink, client
):
    tercero = ClienteFactory(es_inquilino=True, usuario=None)  # no password of their own yet
    _encolar(staff, tercero)
    smtp_sink.cortar_despues_de = 0

    envios_enviar_lote()
    assert envios_cancelar_pendientes(actor=staff) == 1

    assert EnvioContrasena.objects.get().estado == EstadoEnvio.CANCELADO
    clave = ayudas.contrasena(smtp_sink.cortados_para(tercero.email)[0])
    assert ingresa(client, tercero.numero_documento, clave)


def test_running_out_of_attempts_after_drops_does_not_lock_the_client_out(
    config_envios, staff, smtp_sink, client, settings
):
    settings.ENVIOS_MAX_INTENTOS = 2
    tercero = ClienteFactory(es_inquilino=True, usuario=None)
    _encolar(staff, tercero)
    smtp_sink.cortar_despues_de = 0

    envios_enviar_lote()
    ayudas.adelantar_reintentos()
    envios_enviar_lote()

    assert EnvioContrasena.objects.get().estado == EstadoEnvio.FALLIDO
    claves = {ayudas.contrasena(m) for m in smtp_sink.cortados_para(tercero.email)}
    assert len(claves) == 2  # one per attempt; each may have been delivered
    for clave in claves:
        assert ingresa(client, tercero.numero_documento, clave)


# --- the server answers no: 451 / 550 ------------------------------------------------------------


@pytest.mark.parametrize("respuesta", ["451 4.3.0 Intente más tarde", "550 5.7.1 Mensaje rechazado"])
def test_a_refusal_at_data_annuls_that_password_and_keeps_the_own_one(
    config_envios, staff, smtp_sink, client, respuesta
):
    cliente = ClienteFactory(es_inquilino=True)
    _encolar(staff, cliente)
    smtp_sink.responder_en_data[cliente.email] = respuesta

    resultado = envios_enviar_lote()

    assert resultado.reintentos == 1
    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.PENDIENTE
    assert envio.ultimo_error == f"El servidor de correo respondió {respuesta}"
    clave = ClaveTemporal.objects.get()
    assert clave.anulada_en is not None
    assert clave.motivo_anulacion == "rechazada"
    assert smtp_sink.mensajes == []
    assert ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)

    # The retry is accepted: its password works, and the client's own still does.
    smtp_sink.responder_en_data.clear()
    ayudas.adelantar_reintentos()
    assert envios_enviar_lote().enviados == 1
    assert ingresa(
        client, cliente.numero_documento, ayudas.contrasena(ayudas.ultimo_para(smtp_sink, cliente.email))
    )
    assert ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)


def test_a_refused_recipient_annuls_that_password(config_envios, staff, smtp_sink):
    cliente = ClienteFactory(es_inquilino=True)
    _encolar(staff, cliente)
    smtp_sink.rechazar.add(cliente.email)

    envios_enviar_lote()

    assert ClaveTemporal.objects.get().motivo_anulacion == "rechazada"


# --- slow accepts and a second actor ---------------------------------------------------------------


@concurrente
def test_a_staff_typed_password_during_a_slow_accept_leaves_both_working(
    config_envios, staff, smtp_sink, client
):
    cliente = ClienteFactory(es_inquilino=True)
    _encolar(staff, cliente)
    smtp_sink.pausar_en = 0
    resultados = {}

    hilo = en_hilo(envios_enviar_lote, resultados, "lote")
    assert smtp_sink.en_pausa.wait(10)
    portal_contrasena_manual(tercero=cliente, contrasena="Tecleada.Por.Staff.9", actor=staff, notificar=False)
    smtp_sink.continuar.set()
    hilo.join(20)

    assert resultados["lote"].enviados == 1
    clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, cliente.email))
    assert ingresa(client, cliente.numero_documento, "Tecleada.Por.Staff.9")
    assert ingresa(client, cliente.numero_documento, clave)


@concurrente
def test_a_row_reclaimed_by_a_second_worker_during_a_slow_accept_leaves_both_emails_working(
    config_envios, staff, smtp_sink, client, settings
):
    settings.ENVIOS_ENVIANDO_VENCE_SEGUNDOS = 0  # every claim looks abandoned at once
    tercero = ClienteFactory(es_inquilino=True, usuario=None)
    _encolar(staff, tercero)
    smtp_sink.pausar_en = 0  # worker A's email is being accepted, slowly
    resultados = {}

    hilo_a = en_hilo(envios_enviar_lote, resultados, "a")
    assert smtp_sink.en_pausa.wait(10)
    ids_b = envios_reclamar_lote()  # worker B takes the row back and sends it while A waits
    resultado_b = envios_enviar_reclamados(ids=ids_b)
    smtp_sink.continuar.set()
    hilo_a.join(20)

    assert ids_b == [EnvioContrasena.objects.get().pk]
    assert resultado_b.enviados == 1
    assert resultados["a"].enviados == 0  # its claim was taken: it does not record the send
    correos = smtp_sink.para(tercero.email)
    assert len(correos) == 2
    claves = [ayudas.contrasena(m) for m in correos]
    assert claves[0] != claves[1]
    for clave in claves:
        assert ingresa(client, tercero.numero_documento, clave)
    assert EnvioContrasena.objects.get().estado == EstadoEnvio.ENVIADO


@concurrente
def test_cancelling_while_a_row_is_being_sent_stops_it_for_good(config_envios, staff, smtp_sink, client):
    ConfiguracionAreaClientes.objects.filter(pk=1).update(lote=3)
    clientes = [ClienteFactory(es_inquilino=True) for _ in range(5)]
    _encolar(staff, *clientes)
    smtp_sink.pausar_en = 1  # the worker is on the wire with its second email
    resultados = {}

    hilo = en_hilo(envios_enviar_lote, resultados, "lote")
    assert smtp_sink.en_pausa.wait(10)
    cancelados = envios_cancelar_pendientes(actor=staff)
    smtp_sink.continuar.set()
    hilo.join(20)

    # Two pending, the one on the wire and the third one the worker still held.
    assert cancelados == 4
    assert resultados["lote"].enviados == 2
    assert len(smtp_sink.mensajes) == 2  # the third held row was not sent after the cancel
    estados = sorted(EnvioContrasena.objects.values_list("estado", flat=True))
    assert estados == [EstadoEnvio.CANCELADO] * 3 + [EstadoEnvio.ENVIADO] * 2
    # No later batch sends anything to a cancelled tercero.
    ayudas.adelantar_reintentos()
    assert envios_enviar_lote().reclamados == 0
    assert len(smtp_sink.mensajes) == 2
    for mensaje in smtp_sink.mensajes:
        documento = next(c.numero_documento for c in clientes if c.email in mensaje["rcpt"])
        assert ingresa(client, documento, ayudas.contrasena(mensaje))
    for cliente in clientes:
        assert ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)


# --- bulk sends and clients who already log in ---------------------------------------------------


def test_bulk_generar_leaves_clients_with_access_out_by_default(config_envios, staff, smtp_sink, client):
    con_acceso = ClienteFactory(es_inquilino=True)
    sin_acceso = ClienteFactory(es_inquilino=True, usuario=None)

    solicitud = envios_generar(actor=staff, clase="inquilinos")
    envios_enviar_lote()

    assert solicitud.encolados == 1
    assert solicitud.con_acceso == 1
    assert [m["rcpt"] for m in smtp_sink.mensajes] == [[sin_acceso.email]]
    assert ingresa(client, con_acceso.numero_documento, CLAVE_PRUEBA)


def test_bulk_generar_to_everyone_keeps_the_own_passwords(config_envios, staff, smtp_sink, client):
    clientes = [ClienteFactory(es_inquilino=True) for _ in range(3)]

    solicitud = envios_generar(actor=staff, clase="inquilinos", alcance="todos")
    envios_enviar_lote()

    assert solicitud.encolados == 3
    assert solicitud.con_acceso == 3
    for cliente in clientes:
        assert ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)
        assert ingresa(
            client, cliente.numero_documento, ayudas.contrasena(ayudas.ultimo_para(smtp_sink, cliente.email))
        )


# --- using a temporary password -----------------------------------------------------------------


def test_a_temporary_password_logs_in_once_and_forces_choosing_ones_own(
    config_envios, staff, smtp_sink, client
):
    cliente = ClienteFactory(es_inquilino=True)
    _encolar(staff, cliente)
    envios_enviar_lote()
    clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, cliente.email))

    respuesta = client.post(
        "/customerarea/ingresar/", {"username": cliente.numero_documento, "password": clave}
    )
    assert respuesta.status_code == 302
    pagina = client.get("/customerarea/")
    assert pagina.status_code == 302
    assert pagina.url == "/customerarea/cambiar-contrasena/?next=%2Fcustomerarea%2F"
    formulario = client.get("/customerarea/cambiar-contrasena/").content.decode()
    assert 'name="old_password"' not in formulario
    assert "Está usando una contraseña temporal" in formulario
    client.logout()

    assert not ingresa(client, cliente.numero_documento, clave)  # single use
    assert ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)  # their own still works


def test_choosing_ones_own_password_replaces_every_temporary_one(config_envios, staff, smtp_sink, client):
    cliente = ClienteFactory(es_inquilino=True)
    for _ in range(2):  # two sends, two emails, two valid temporary passwords
        _encolar(staff, cliente)
        envios_enviar_lote()
    primera, segunda = (ayudas.contrasena(m) for m in smtp_sink.para(cliente.email))

    client.post("/customerarea/ingresar/", {"username": cliente.numero_documento, "password": primera})
    respuesta = client.post(
        "/customerarea/cambiar-contrasena/",
        {"new_password1": "Mi.Casa.Azul.77", "new_password2": "Mi.Casa.Azul.77"},
    )
    assert respuesta.status_code == 302
    assert respuesta.url == "/customerarea/"
    assert client.get("/customerarea/perfil/").status_code == 200
    client.logout()

    assert ingresa(client, cliente.numero_documento, "Mi.Casa.Azul.77")
    assert not ingresa(client, cliente.numero_documento, segunda)
    assert not ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)
    assert set(ClaveTemporal.objects.values_list("motivo_anulacion", flat=True)) == {"", "reemplazada"}
