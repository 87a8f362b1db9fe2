"""Shared fixtures: fast hashing, factories' users, a real SMTP sink on loopback."""

import asyncio
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from config.celery import app as celery_app
from envios.models import ConfiguracionAreaClientes, ModoEntrega
from tests.factories import ClienteFactory, EntidadFactory, StaffFactory

# Hypothesis: the default profile `ci` runs the same examples on every run (derandomized) with no
# per-example deadline (a loaded CI box is slow); `--hypothesis-profile=largo` runs six times as many,
# random. The form fuzzer (tests/security/test_fuzz_formularios.py) spends a tenth of the profile's
# count per form, since each of its examples is a whole request: 10 per form in CI, 60 in `largo`.
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, database=None)
hypothesis_settings.register_profile("largo", max_examples=600, deadline=None, database=None)
hypothesis_settings.load_profile("ci")


def pytest_sessionstart(session):
    """Compile the English catalogue if it is missing or stale (`make install` does it too).

    Before any test runs, so no translation has been loaded from an old .mo yet.
    """
    po = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _idioma_por_defecto():
    """A request in English leaves the thread in English; code run outside a request (emails,
    services) must start each test in the default language, whatever ran before."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _hasher_rapido(settings, request):
    """Hashing costs ~200 ms; tests that measure hashing itself mark `hash_real`."""
    if "hash_real" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _cache_limpia():
    """Throttles and lockout counters live in the cache: each test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def celery_en_linea():
    """Run tasks in-process (as the worker would), errors raised."""
    antes = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = antes


@pytest.fixture(autouse=True)
def _media_temporal(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _exige_postgres(request):
    """Tests marked `postgres` fail loudly (never skip) on another database."""
    if request.node.get_closest_marker("postgres"):
        assert connection.vendor == "postgresql", "Esta prueba necesita PostgreSQL: defina DATABASE_URL."


@pytest.fixture(autouse=True)
def _exige_redis(request, settings):
    """Tests marked `redis` fail loudly too; the SQLite pass (`make test-sqlite`) deselects both."""
    if request.node.get_closest_marker("redis"):
        assert settings.REDIS_URL, "Esta prueba necesita Redis: defina REDIS_URL."


@pytest.fixture
def entidad(db):
    return EntidadFactory()


@pytest.fixture
def config_envios(db, entidad):
    """Area de Clientes settings without pace limits; tests turn the knobs they need."""
    return ConfiguracionAreaClientes.objects.create(
        pk=1,
        modo_entrega=ModoEntrega.CONTRASENA_TEMPORAL,
        lote=20,
        intervalo_segundos=0,
        max_por_hora=0,
        horas_expiracion=72,
    )


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def cliente(db):
    """A portal client (tenant) with consent given and a normal password."""
    return ClienteFactory()


@pytest.fixture
def cliente_client(client, cliente):
    client.force_login(cliente.usuario)
    return client


def puerto_libre() -> int:
    # aiosmtpd 1.4.6 cannot bind port 0: pick a free port first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class BuzonSMTP:
    """Messages the local SMTP server accepted, and knobs to make it refuse, drop or stall.

    `rechazar`: recipient addresses answered with 550 at RCPT.
    `responder_en_data`: {address: reply} answered after the whole message was sent, e.g.
        "451 4.3.0 ..." or "550 5.7.1 ...": the server says no, the message is not kept.
    `cortar_una_vez_en=N`: drop the TCP connection once, after N accepted messages, then work again.
    `cortar_despues_de=N`: drop every connection that tries to send past N messages.
        A drop happens at DATA, after the message arrived: the sender cannot know if it was
        delivered, so what arrived is kept in `cortados` (it may reach the client).
    `pausar_en=N`: hold the (N+1)th email until `continuar` is set; `en_pausa` tells when.
        Other connections keep working meanwhile (a slow accept, not a stuck server). If the
        sender is gone when it resumes (killed, timed out), the email was never accepted: it
        goes to `abandonados`, not `mensajes`.
    `cortes` counts the drops; `conexiones` the SMTP sessions opened (one EHLO each).
    """

    host: str
    port: int
    mensajes: list = field(default_factory=list)
    cortados: list = field(default_factory=list)
    abandonados: list = field(default_factory=list)
    rechazar: set = field(default_factory=set)
    responder_en_data: dict = field(default_factory=dict)
    cortar_una_vez_en: int | None = None
    cortar_despues_de: int | None = None
    cortes: int = 0
    conexiones: int = 0
    pausar_en: int | None = None
    en_pausa: threading.Event = field(default_factory=threading.Event)
    continuar: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def para(self, direccion: str) -> list:
        return [m for m in self.mensajes if direccion in m["rcpt"]]

    def cortados_para(self, direccion: str) -> list:
        return [m for m in self.cortados if direccion in m["rcpt"]]


class _Handler:
    def __init__(self, buzon: BuzonSMTP):
        self.buzon = buzon

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.buzon.conexiones += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.buzon.rechazar:
            return "550 5.1.1 Buzón rechazado por la prueba"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        buzon = self.buzon
        recibido = {
            "from": envelope.mail_from,
            "rcpt": list(envelope.rcpt_tos),
            "data": envelope.content.decode("utf-8", "replace"),
        }
        if buzon.pausar_en is not None and len(buzon.mensajes) == buzon.pausar_en:
            # Hold this email (the sender waits for the reply) until the test says go on,
            # without blocking the server's loop: other senders are served meanwhile.
            buzon.pausar_en = None
            buzon.en_pausa.set()
            limite = time.monotonic() + 10
            try:
                while not buzon.continuar.is_set() and time.monotonic() < limite:
                    await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                # aiosmtpd cancels the handler when the connection is lost.
                buzon.abandonados.append(recibido)
                raise
            if server.transport is None or server.transport.is_closing():
                # The sender hung up (or died) before this server said 250: never accepted.
                buzon.abandonados.append(recibido)
                return "421 4.3.0 El remitente se fue"
        for rcpt in envelope.rcpt_tos:
            if rcpt in buzon.responder_en_data:
                return buzon.responder_en_data[rcpt]
        with buzon.lock:
            enviados = len(buzon.mensajes)
            una_vez = buzon.cortar_una_vez_en is not None and enviados >= buzon.cortar_una_vez_en
            siempre = buzon.cortar_despues_de is not None and enviados >= buzon.cortar_despues_de
            if una_vez or siempre:
                if una_vez:
                    buzon.cortar_una_vez_en = None
                buzon.cortes += 1
                buzon.cortados.append(recibido)
                # aiosmtpd 1.4.6: `server` is the session's SMTP protocol; closing its transport
                # really drops the TCP connection, so the client never reads this reply.
                server.transport.close()
                return "421 4.3.0 Conexión cortada por la prueba"
            buzon.mensajes.append(recibido)
        return "250 Message accepted"


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django's SMTP backend points at it."""
    buzon = BuzonSMTP(host="127.0.0.1", port=puerto_libre())
    controller = Controller(_Handler(buzon), hostname=buzon.host, port=buzon.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = buzon.host
    settings.EMAIL_PORT = buzon.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield buzon
    finally:
        buzon.continuar.set()  # release an email a test left on hold
        controller.stop()
