"""generar_contrasenas, envios_pendientes, cancelar_envios, enviar_lote."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from envios.models import (
    ConfiguracionAreaClientes,
    EnvioContrasena,
    EstadoEnvio,
    OrigenSolicitud,
    SolicitudEnvio,
)
from tests.envios import ayudas
from tests.factories import TerceroFactory

pytestmark = pytest.mark.django_db


def _correr(*args) -> str:
    salida = StringIO()
    call_command(*args, stdout=salida, stderr=salida)
    return salida.getvalue()


@pytest.fixture
def terceros(config_envios):
    return {
        "inq1": TerceroFactory(es_inquilino=True, numero_documento="1001"),
        "inq2": TerceroFactory(es_inquilino=True, numero_documento="1002"),
        "inq3": TerceroFactory(es_inquilino=True, numero_documento="1003"),
        "prop": TerceroFactory(es_inquilino=False, es_propietario=True, numero_documento="2001"),
        "sin": TerceroFactory(es_inquilino=True, numero_documento="1004", email=""),
    }


def _encolados():
    return set(EnvioContrasena.objects.values_list("tercero__numero_documento", flat=True))


def test_generar_by_class_except_two_documents(terceros):
    salida = _correr("generar_contrasenas", "--clase", "inquilinos", "--excepto", "1.001", "1002")
    assert _encolados() == {"1003"}
    assert "Encolados: 1" in salida
    assert "Sin correo electrónico válido (no encolados): 1" in salida
    assert "1004" in salida
    assert SolicitudEnvio.objects.get().origen == OrigenSolicitud.COMANDO


def test_generar_only_some(terceros):
    _correr("generar_contrasenas", "--clase", "ambos", "--solo", "1001", "2001")
    assert _encolados() == {"1001", "2001"}


def test_generar_leaves_clients_with_access_out_unless_told_todos(terceros):
    from tests.factories import ClienteFactory

    ClienteFactory(es_inquilino=True, numero_documento="3001")

    salida = _correr("generar_contrasenas", "--clase", "inquilinos")
    assert _encolados() == {"1001", "1002", "1003"}
    assert "Ya tenían acceso al portal (no incluidos; use --todos): 1" in salida

    salida = _correr("generar_contrasenas", "--clase", "inquilinos", "--todos")
    assert _encolados() == {"1001", "1002", "1003", "3001"}
    assert "Ya tenían acceso al portal (incluidos): 1" in salida
    assert SolicitudEnvio.objects.order_by("pk").last().alcance == "todos"


def test_generar_refuses_unknown_documents(terceros):
    with pytest.raises(CommandError, match="9999"):
        _correr("generar_contrasenas", "--clase", "ambos", "--solo", "9999")
    assert not EnvioContrasena.objects.exists()


def test_pendientes_enviar_lote_and_cancelar(terceros, smtp_sink):
    _correr("generar_contrasenas", "--clase", "ambos")
    assert "PENDIENTE  4" in _correr("envios_pendientes")

    salida = _correr("enviar_lote", "--limite", "2")
    assert "Enviados: 2" in salida
    assert len(smtp_sink.mensajes) == 2
    assert ayudas.contrasena(smtp_sink.mensajes[0])

    salida = _correr("cancelar_envios")
    assert "Cancelados: 2" in salida
    estado = _correr("envios_pendientes")
    assert "ENVIADO    2" in estado
    assert "CANCELADO  2" in estado
    assert "Tomados: 0" in _correr("enviar_lote")
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.PENDIENTE).count() == 0


def test_enviar_lote_reports_smtp_failures(terceros, smtp_sink):
    _correr("generar_contrasenas", "--clase", "inquilinos", "--solo", "1001")
    smtp_sink.rechazar.add(terceros["inq1"].email)
    salida = _correr("enviar_lote")
    assert "Por reintentar: 1" in salida
    assert "550" in salida
    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.PENDIENTE
    assert envio.ultimo_error == "Destinatario rechazado: 550 5.1.1 Buzón rechazado por la prueba"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_enviar_lote_in_its_own_process_honours_email_url(config_envios, smtp_sink):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection

    tercero = TerceroFactory(es_inquilino=True, numero_documento="3001")
    _correr("generar_contrasenas", "--clase", "inquilinos")
    db = connection.settings_dict
    entorno = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": f"smtp://{smtp_sink.host}:{smtp_sink.port}",
        "TESTING": "1",
    }
    raiz = Path(__file__).resolve().parents[2]
    proceso = subprocess.run(
        [sys.executable, str(raiz / "manage.py"), "enviar_lote"],
        env=entorno,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert proceso.returncode == 0, proceso.stderr
    assert "Enviados: 1" in proceso.stdout
    assert len(smtp_sink.para(tercero.email)) == 1


def test_the_demo_settings_are_idempotent(db, settings):
    from envios import demo

    assert demo.cargar(hoy=timezone.localdate()) == {"configuracion": 1}
    assert demo.cargar(hoy=timezone.localdate()) == {"configuracion": 0}
    config = ConfiguracionAreaClientes.objects.get()
    assert config.lote == 5
    assert config.intervalo_segundos == settings.ENVIOS_INTERVALO
