"""Portal PQRS pages: list, Crear una PQRS, detail and thread, reply, attachments; 404 for others."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from pqrs.models import EstadoPqrs, MensajePqrs, Pqrs, TipoMensaje
from pqrs.services import pqrs_nota, pqrs_responder, pqrs_solicitar_informacion
from tests.factories import ContratoFactory, StaffFactory

from .conftest import bogota, docx, exe_renombrado, grande, html, jpg, pdf, png

pytestmark = pytest.mark.django_db

NUEVA = "/customerarea/pqrs/nueva/"


@pytest.fixture
def portal(client, inquilino):
    client.force_login(inquilino.usuario)
    return client


def _clave(respuesta) -> str:
    return re.search(r'name="clave_idempotencia" value="([^"]+)"', respuesta.content.decode())[1]


def _datos(portal, **extra):
    datos = {
        "clasificacion": "queja",
        "asunto": "reparaciones",
        "fecha_inicio": "2026-03-18",
        "descripcion": "Hay una gotera en la cocina desde el miércoles.",
        "clave_idempotencia": _clave(portal.get(NUEVA)),
    }
    datos.update(extra)
    return datos


@time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False)
def test_filing_from_the_portal_shows_radicado_and_legal_due_date(portal, inquilino):
    pagina = portal.get(NUEVA).content.decode()
    for etiqueta in (
        "Estado",
        "Pendiente",
        "Clasificación",
        "Asunto",
        "Fecha de inicio",
        "Descripción",
        "Propiedad",
        "Contrato",
    ):
        assert etiqueta in pagina
    respuesta = portal.post(NUEVA, _datos(portal, adjuntos=[pdf(), png()]), follow=True)
    pqrs = Pqrs.objects.get()
    assert respuesta.redirect_chain[-1][0] == f"/customerarea/pqrs/{pqrs.pk}/"
    texto = respuesta.content.decode()
    assert "PQRS-2026-000001" in texto
    assert "15/04/2026" in texto
    # Today counts (plazos.dias_habiles_restantes): the filing day plus the 15 of the term.
    assert "Quedan 16 días hábiles para responder." in texto
    assert (pqrs.tercero, pqrs.canal, pqrs.estado, pqrs.clasificacion) == (
        inquilino,
        "portal",
        "pendiente",
        "queja",
    )
    assert pqrs.fecha_inicio == date(2026, 3, 18)
    assert sorted(a.tipo for a in MensajePqrs.objects.get().adjuntos.all()) == [
        "application/pdf",
        "image/png",
    ]


def test_a_double_submit_files_one_pqrs(portal):
    datos = _datos(portal)
    primera = portal.post(NUEVA, datos)
    segunda = portal.post(NUEVA, datos)
    assert Pqrs.objects.count() == 1
    assert primera.url == segunda.url == f"/customerarea/pqrs/{Pqrs.objects.get().pk}/"


def test_only_the_clients_own_property_and_contract_are_offered_or_accepted(portal, inquilino, otro_cliente):
    propio = ContratoFactory(inquilino=inquilino)
    ajeno = ContratoFactory(inquilino=otro_cliente)
    pagina = portal.get(NUEVA).content.decode()
    assert propio.numero in pagina
    assert ajeno.numero not in pagina
    assert ajeno.propiedad.codigo not in pagina
    respuesta = portal.post(NUEVA, _datos(portal, contrato=ajeno.pk, propiedad=ajeno.propiedad.pk))
    assert respuesta.status_code == 200
    assert "Elija uno de sus contratos de la lista." in respuesta.content.decode()
    assert "Elija una de sus propiedades de la lista." in respuesta.content.decode()
    assert not Pqrs.objects.exists()
    portal.post(NUEVA, _datos(portal, contrato=propio.pk))
    assert Pqrs.objects.get().propiedad == propio.propiedad


@pytest.mark.parametrize(
    ("archivo", "mensaje"),
    [
        (exe_renombrado, "no es de un tipo permitido"),
        (html, "no es de un tipo permitido"),
        (grande, "el máximo es 10"),
    ],
    ids=["exe-renombrado", "html", "30-MB"],
)
def test_a_refused_attachment_is_explained_next_to_the_field_and_the_text_kept(portal, archivo, mensaje):
    datos = _datos(portal, descripcion="Texto que escribí con cuidado", adjuntos=[pdf(), archivo()])
    respuesta = portal.post(NUEVA, datos)
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert mensaje in texto
    assert "Texto que escribí con cuidado" in texto
    assert 'id="error_1_id_adjuntos"' in texto or "invalid-feedback" in texto
    assert not Pqrs.objects.exists()


def test_office_documents_and_jpeg_are_accepted_by_content(portal):
    portal.post(NUEVA, _datos(portal, adjuntos=[docx(), jpg()]))
    tipos = sorted(Pqrs.objects.get().mensajes.get().adjuntos.values_list("tipo", flat=True))
    assert tipos == ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/jpeg"]


def test_bad_input_gets_spanish_messages(portal):
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        respuesta = portal.post(
            NUEVA, _datos(portal, clasificacion="x", asunto="", fecha_inicio="2099-01-01", descripcion="")
        )
    texto = respuesta.content.decode()
    for mensaje in (
        "Elija una clasificación de la lista.",
        "Elija el asunto.",
        "La fecha de inicio no puede ser futura.",
        "Escriba el texto de su solicitud.",
    ):
        assert mensaje in texto


def test_the_thread_shows_public_messages_never_internal_notes(portal, radicar):
    staff = StaffFactory()
    pqrs = radicar()
    pqrs_nota(pqrs=pqrs, texto="NOTA-SECRETA del cliente difícil", adjuntos=[pdf("interno.pdf")], actor=staff)
    pqrs_responder(pqrs=pqrs, texto="Respuesta pública", actor=staff)
    texto = portal.get(f"/customerarea/pqrs/{pqrs.pk}/").content.decode()
    assert "Respuesta pública" in texto
    assert "El calentador del apartamento no enciende." in texto
    assert "NOTA-SECRETA" not in texto
    assert "interno.pdf" not in texto
    nota = MensajePqrs.objects.get(tipo=TipoMensaje.NOTA).adjuntos.get()
    assert portal.get(f"/customerarea/pqrs/adjuntos/{nota.pk}/").status_code == 404


def test_the_client_reply_resumes_a_waiting_pqrs(portal, radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar()
        pqrs_solicitar_informacion(pqrs=pqrs, texto="Envíe una foto", actor=staff)
        detalle = portal.get(f"/customerarea/pqrs/{pqrs.pk}/")
        assert (
            "Término suspendido" in detalle.content.decode() or "está suspendido" in detalle.content.decode()
        )
        clave = _clave(detalle)
        url = f"/customerarea/pqrs/{pqrs.pk}/responder/"
        vacia = portal.post(url, {"texto": "", "clave_idempotencia": clave})
        assert "Escriba su mensaje." in vacia.content.decode()
        datos = {"texto": "Aquí está la foto", "adjuntos": [jpg()], "clave_idempotencia": clave}
        assert portal.post(url, datos).status_code == 302
        datos["adjuntos"] = [jpg()]
        assert portal.post(url, datos).status_code == 302  # the double click
    pqrs.refresh_from_db()
    assert pqrs.estado == EstadoPqrs.PENDIENTE
    assert pqrs.mensajes.filter(tipo=TipoMensaje.CLIENTE, texto="Aquí está la foto").count() == 1


def test_the_reply_url_shows_the_thread_on_get_and_writes_only_on_post(portal, radicar):
    pqrs = radicar()
    respuesta = portal.get(f"/customerarea/pqrs/{pqrs.pk}/responder/")
    assert respuesta.status_code == 200
    assert "Agregar un mensaje" in respuesta.content.decode()
    assert pqrs.mensajes.count() == 1


def test_attachment_download_is_an_attachment_with_nosniff(portal, radicar):
    pqrs = radicar(adjuntos=[pdf("Contrato firmado <ñ>.pdf")])
    adjunto = pqrs.mensajes.get().adjuntos.get()
    respuesta = portal.get(f"/customerarea/pqrs/adjuntos/{adjunto.pk}/")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Content-Disposition"].startswith("attachment;")
    assert 'filename="Contrato firmado _n.pdf"' in respuesta["Content-Disposition"]
    assert b"".join(respuesta.streaming_content).startswith(b"%PDF")
    # Stored under a random name, not the client's, and MEDIA_ROOT is not served.
    assert "Contrato" not in adjunto.archivo.name
    assert portal.get("/media/" + adjunto.archivo.name).status_code == 404


class TestOtroCliente:
    """Every PQRS page and attachment of another client answers 404, as a missing id does."""

    def test_matrix(self, portal, radicar, otro_cliente):
        ajena = radicar(tercero=otro_cliente, adjuntos=[pdf()])
        adjunto = ajena.mensajes.get().adjuntos.get()
        for url in (
            f"/customerarea/pqrs/{ajena.pk}/",
            f"/customerarea/pqrs/adjuntos/{adjunto.pk}/",
            "/customerarea/pqrs/999999/",
            "/customerarea/pqrs/adjuntos/999999/",
            f"/customerarea/pqrs/{2**63}/",
            f"/customerarea/pqrs/adjuntos/{2**64}/",
        ):
            assert portal.get(url).status_code == 404, url
        respuesta = portal.post(f"/customerarea/pqrs/{ajena.pk}/responder/", {"texto": "hola"})
        assert respuesta.status_code == 404
        assert not ajena.mensajes.filter(texto="hola").exists()
        assert ajena.radicado not in portal.get("/customerarea/pqrs/").content.decode()

    def test_staff_and_anonymous_are_not_portal_users(self, client, radicar):
        pqrs = radicar(adjuntos=[pdf()])
        adjunto = pqrs.mensajes.get().adjuntos.get()
        for url in (
            f"/customerarea/pqrs/{pqrs.pk}/",
            f"/customerarea/pqrs/adjuntos/{adjunto.pk}/",
            "/customerarea/pqrs/",
        ):
            assert client.get(url).status_code == 302
        client.force_login(StaffFactory())
        assert client.get(f"/customerarea/pqrs/adjuntos/{adjunto.pk}/").status_code == 302


def test_list_is_paginated_with_bounded_queries(portal, radicar, inquilino, django_assert_max_num_queries):
    for _ in range(3):
        radicar()
    with django_assert_max_num_queries(12):
        pocos = portal.get("/customerarea/pqrs/")
    for _ in range(30):
        radicar()
    with django_assert_max_num_queries(12):
        muchos = portal.get("/customerarea/pqrs/")
    assert pocos.status_code == muchos.status_code == 200
    assert muchos.content.decode().count("Ver detalles de la PQRS") == 20
    assert "pagina=2" in muchos.content.decode()
    texto = portal.get("/customerarea/pqrs/?pagina=2").content.decode()
    assert texto.count("Ver detalles de la PQRS") == 13


def test_detail_queries_do_not_grow_with_the_thread(portal, radicar, django_assert_max_num_queries):
    staff = StaffFactory()
    pqrs = radicar(adjuntos=[pdf()])
    pqrs_responder(pqrs=pqrs, texto="Uno", actor=staff, adjuntos=[pdf()])
    with django_assert_max_num_queries(14) as corto:
        portal.get(f"/customerarea/pqrs/{pqrs.pk}/")
    for n in range(10):
        pqrs_nota(pqrs=pqrs, texto=f"nota {n}", actor=staff)
        pqrs_responder(pqrs=pqrs, texto=f"respuesta {n}", actor=staff, adjuntos=[png()])
    with django_assert_max_num_queries(len(corto.captured_queries)):
        portal.get(f"/customerarea/pqrs/{pqrs.pk}/")


def test_dashboard_shows_open_pqrs_and_the_menu_links_pqrs(portal, radicar, inquilino):
    pqrs = radicar()
    texto = portal.get("/customerarea/").content.decode()
    assert "Mis PQRS abiertas" in texto
    assert pqrs.radicado in texto
    assert 'href="/customerarea/pqrs/"' in texto
    inquilino.es_inquilino, inquilino.es_propietario = False, True
    inquilino.save()
    assert 'href="/customerarea/pqrs/"' in portal.get("/customerarea/").content.decode()


def test_urls_are_the_contracts():
    assert reverse("area_clientes:pqrs") == "/customerarea/pqrs/"
    assert reverse("area_clientes:pqrs_nueva") == "/customerarea/pqrs/nueva/"
    assert reverse("area_clientes:pqrs_detalle", args=[7]) == "/customerarea/pqrs/7/"
    assert reverse("area_clientes:pqrs_adjunto", args=[7]) == "/customerarea/pqrs/adjuntos/7/"
    assert reverse("area_clientes:mis_datos") == "/customerarea/perfil/mis-datos/"
