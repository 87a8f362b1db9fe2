"""GENERAR CONTRASEÑAS: who gets queued, who is skipped, and that a double click queues nothing more."""

import pytest
from django.core.exceptions import ValidationError

from envios.models import EnvioContrasena, EstadoEnvio, OrigenSolicitud, SolicitudEnvio
from envios.services import envios_generar
from nucleo.models import EventoAuditoria
from terceros.models import Usuario
from tests.factories import ClienteFactory, StaffFactory, TerceroFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poblacion(config_envios):
    t = {
        "inq1": TerceroFactory(es_inquilino=True, es_propietario=False),
        "inq2": TerceroFactory(es_inquilino=True, es_propietario=False),
        "prop1": TerceroFactory(es_inquilino=False, es_propietario=True),
        "prop2": TerceroFactory(es_inquilino=False, es_propietario=True),
        "ambos1": TerceroFactory(es_inquilino=True, es_propietario=True),
        "ninguno": TerceroFactory(es_inquilino=False, es_propietario=False),
        "inq_sin_email": TerceroFactory(es_inquilino=True, email=""),
        "prop_email_malo": TerceroFactory(es_inquilino=False, es_propietario=True, email="no-es-un-correo"),
        "prop_email_no_ascii": TerceroFactory(
            es_inquilino=False, es_propietario=True, email="maría.0@correo.test"
        ),
    }
    personal = StaffFactory(username="staff-tercero")
    t["inq_staff"] = TerceroFactory(es_inquilino=True, usuario=personal)
    return t


SELECCION = ["inq1", "prop1", "ambos1", "ninguno"]

MATRIZ = [
    ("ambos", "ninguno", {"inq1", "inq2", "prop1", "prop2", "ambos1"}),
    ("ambos", "solo", {"inq1", "prop1", "ambos1"}),
    ("ambos", "excepto", {"inq2", "prop2"}),
    ("inquilinos", "ninguno", {"inq1", "inq2", "ambos1"}),
    ("inquilinos", "solo", {"inq1", "ambos1"}),
    ("inquilinos", "excepto", {"inq2"}),
    ("propietarios", "ninguno", {"prop1", "prop2", "ambos1"}),
    ("propietarios", "solo", {"prop1", "ambos1"}),
    ("propietarios", "excepto", {"prop2"}),
]


def _nombres(poblacion, terceros_ids):
    inverso = {t.pk: nombre for nombre, t in poblacion.items()}
    return {inverso[pk] for pk in terceros_ids}


@pytest.mark.parametrize(("clase", "filtro", "esperados"), MATRIZ)
def test_it_queues_exactly_the_class_and_filter(poblacion, staff, clase, filtro, esperados):
    seleccion = [poblacion[n].pk for n in SELECCION] if filtro != "ninguno" else []
    solicitud = envios_generar(actor=staff, clase=clase, filtro=filtro, seleccion=seleccion)

    encolados = EnvioContrasena.objects.filter(solicitud=solicitud).values_list("tercero_id", flat=True)
    assert _nombres(poblacion, encolados) == esperados
    assert solicitud.encolados == len(esperados)
    assert set(EnvioContrasena.objects.values_list("estado", flat=True)) == {EstadoEnvio.PENDIENTE}


def test_it_reports_who_lacks_a_valid_email(poblacion, staff):
    solicitud = envios_generar(actor=staff, clase="ambos", filtro="ninguno", seleccion=[])

    assert solicitud.sin_email_total == 3
    reportados = {fila["tercero"].split()[0] for fila in solicitud.sin_email}
    assert reportados == {
        poblacion["inq_sin_email"].numero_documento,
        poblacion["prop_email_malo"].numero_documento,
        poblacion["prop_email_no_ascii"].numero_documento,
    }
    assert not EnvioContrasena.objects.filter(
        tercero__in=[poblacion["inq_sin_email"], poblacion["prop_email_malo"]]
    ).exists()


def test_it_never_targets_a_tercero_linked_to_a_staff_account(poblacion, staff):
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    assert not EnvioContrasena.objects.filter(tercero=poblacion["inq_staff"]).exists()


def test_a_double_click_does_not_double_queue(poblacion, staff):
    primera = envios_generar(actor=staff, clase="ambos", filtro="ninguno", seleccion=[])
    segunda = envios_generar(actor=staff, clase="ambos", filtro="ninguno", seleccion=[])

    assert primera.encolados == 5
    assert segunda.encolados == 0
    assert segunda.ya_en_cola == 5
    assert EnvioContrasena.objects.count() == 5


def test_the_database_refuses_a_second_open_send_for_one_tercero(poblacion, staff):
    from django.db import IntegrityError, transaction

    solicitud = envios_generar(
        actor=staff, clase="inquilinos", filtro="solo", seleccion=[poblacion["inq1"].pk]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EnvioContrasena.objects.create(
            solicitud=solicitud, tercero=poblacion["inq1"], estado=EstadoEnvio.ENVIANDO
        )


def test_a_tercero_already_sent_can_be_queued_again(poblacion, staff):
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[poblacion["inq1"].pk])
    EnvioContrasena.objects.update(estado=EstadoEnvio.ENVIADO)
    otra = envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[poblacion["inq1"].pk])
    assert otra.encolados == 1


def test_generating_sets_no_password_and_creates_no_login(poblacion, staff):
    cliente = ClienteFactory(es_inquilino=True)
    hash_antes = cliente.usuario.password
    usuarios_antes = Usuario.objects.count()

    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])

    cliente.usuario.refresh_from_db()
    assert cliente.usuario.password == hash_antes
    assert Usuario.objects.count() == usuarios_antes


def test_a_filter_without_selection_is_refused(poblacion, staff):
    with pytest.raises(ValidationError):
        envios_generar(actor=staff, clase="ambos", filtro="solo", seleccion=[])
    assert not SolicitudEnvio.objects.exists()


def test_it_writes_an_audit_row_with_who_and_how_many(poblacion, staff):
    solicitud = envios_generar(actor=staff, clase="propietarios", filtro="ninguno", seleccion=[])

    evento = EventoAuditoria.objects.get(accion="envios.generar")
    assert evento.actor == staff
    assert evento.objeto_id == str(solicitud.pk)
    assert evento.datos["encolados"] == 3
    assert evento.datos["sin_email"] == 2
    assert solicitud.origen == OrigenSolicitud.MASIVO
    assert solicitud.actor == staff
