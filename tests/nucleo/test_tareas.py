"""nucleo.tareas: a broker that is down never turns a request that queues a task into a 500.

The real outage (gunicorn with its Redis stopped) is tests/fallos/test_redis_caido.py, slow and
Redis-only; here publishing fails as kombu reports a refused connection, on both databases.
"""

import pytest
from celery.app.task import Task
from django.urls import reverse
from kombu.exceptions import OperationalError

from envios.models import EnvioContrasena, EstadoEnvio
from nucleo.models import EventoAuditoria
from tests.factories import ClienteFactory, TerceroFactory

# Committed for real: the task is queued on commit, inside the request, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_caido(monkeypatch):
    def publicar(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(Task, "apply_async", publicar)


def test_generating_a_password_with_the_broker_down_keeps_the_row_for_the_next_batch(
    staff_client, config_envios, broker_caido
):
    tercero = TerceroFactory(es_inquilino=True)
    r = staff_client.post(reverse("envios:generar_individual", args=[tercero.pk]))
    assert r.status_code == 302
    assert EnvioContrasena.objects.get().estado == EstadoEnvio.PENDIENTE


def test_a_reset_request_with_the_broker_down_answers_as_usual_and_is_audited_as_failed(
    client, entidad, broker_caido
):
    cliente = ClienteFactory(numero_documento="1020304050", email="ana@correo.test")
    r = client.post("/customerarea/recuperar-contrasena/", {"numero_documento": "1020304050"}, follow=True)
    assert r.status_code == 200
    assert "Revise su correo" in r.content.decode()
    evento = EventoAuditoria.objects.get(accion="portal.recuperacion_fallida")
    assert evento.objeto_id == str(cliente.pk)
    assert (evento.datos["motivo"], evento.datos["intentos"]) == ("OperationalError", 0)
