"""The staff screen at Configuraciones → Módulos de integración web → Área de Clientes."""

import pytest
from django.contrib import messages
from django.urls import NoReverseMatch, reverse

from envios.models import ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio, ModoEntrega
from envios.services import envios_generar
from nucleo.models import EventoAuditoria
from tests.factories import TerceroFactory

pytestmark = pytest.mark.django_db

PAGINA = reverse("envios:area_clientes")


def test_the_page_has_the_seed_labels_and_the_side_menu(staff_client, config_envios):
    html = staff_client.get(PAGINA).content.decode()
    for texto in [
        "Generar y enviar contraseñas de Terceros",
        "¿Cómo funciona?",
        "Clase de Tercero",
        "Inquilinos y Propietarios",
        "Solo Inquilinos",
        "Solo Propietarios",
        "Filtrar Aplicación",
        "-Seleccione-",
        "Solo los Seleccionados",
        "Exceptuando la Selección",
        "Terceros para el filtro",
        "Terceros a la espera de envío",
        "No existen terceros a la espera de envío de contraseñas...",
        "Módulos web",
        "Configuración de Correo",
        "Configuración del Área de Clientes",
    ]:
        assert texto in html, texto
    assert "Cancelar envios pendientes" not in html  # nothing pending
    # Only modules that work are listed: no "No disponible" placeholders.
    for ausente in ("No disponible", "Buscador Simple", "Comuníquese con un Asesor", 'aria-disabled="true"'):
        assert ausente not in html, ausente
    assert 'hx-trigger="every 3s"' in html
    assert "<script>" not in html  # CSP: no inline scripts


def test_generar_queues_and_shows_the_result_with_who_was_skipped(staff_client, config_envios):
    TerceroFactory(es_inquilino=True)
    TerceroFactory(es_inquilino=True)
    sin_correo = TerceroFactory(es_inquilino=True, email="")

    respuesta = staff_client.post(reverse("envios:generar"), {"clase": "inquilinos", "filtro": "ninguno"})

    assert respuesta.status_code == 302
    html = staff_client.get(respuesta["Location"]).content.decode()
    assert "Contraseñas generadas y listas para ser enviadas" in html
    assert "2 terceros quedaron en la cola de envío." in html
    assert "1 tercero no se encoló porque no tiene un correo electrónico válido" in html
    assert sin_correo.numero_documento in html
    assert "Aceptar" in html
    assert "Cancelar envios pendientes" in html
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.PENDIENTE).count() == 2


def test_generar_with_a_selection(staff_client, config_envios):
    elegido, otro = TerceroFactory(es_inquilino=True), TerceroFactory(es_inquilino=True)

    staff_client.post(
        reverse("envios:generar"), {"clase": "ambos", "filtro": "excepto", "terceros": [str(elegido.pk)]}
    )

    assert list(EnvioContrasena.objects.values_list("tercero_id", flat=True)) == [otro.pk]


def test_a_filter_without_terceros_is_refused_and_keeps_what_was_chosen(staff_client, config_envios):
    respuesta = staff_client.post(reverse("envios:generar"), {"clase": "propietarios", "filtro": "solo"})

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Busque y elija al menos un tercero" in html
    assert '<option value="propietarios" selected>' in html
    assert '<option value="solo" selected>' in html
    assert not EnvioContrasena.objects.exists()


def test_bad_input_keeps_the_picked_terceros(staff_client, config_envios):
    elegido = TerceroFactory(es_inquilino=True, nombres="Ana María", apellidos="Toro")
    respuesta = staff_client.post(
        reverse("envios:generar"), {"clase": "ninguna-clase", "filtro": "solo", "terceros": [str(elegido.pk)]}
    )
    html = respuesta.content.decode()
    assert "Escoja una opción válida" in html or "Seleccione una opción válida" in html
    assert f'<option value="{elegido.pk}" selected>' in html
    assert "ANA MARÍA TORO" in html


def test_the_waiting_list_is_paginated_with_bounded_queries(
    staff_client, config_envios, staff, django_assert_max_num_queries
):
    for _ in range(5):
        TerceroFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    with django_assert_max_num_queries(12):
        pequena = staff_client.get(reverse("envios:cola"), HTTP_HX_REQUEST="true")
    for _ in range(45):
        TerceroFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    EnvioContrasena.objects.filter(pk__in=EnvioContrasena.objects.order_by("pk").values("pk")[:3]).update(
        estado=EstadoEnvio.ENVIADO
    )
    with django_assert_max_num_queries(12):
        grande = staff_client.get(reverse("envios:cola") + "?pagina=2", HTTP_HX_REQUEST="true")

    assert "Enviados 0 de 5" in pequena.content.decode()
    html = grande.content.decode()
    assert "Página 2 de 3" in html
    assert "Enviados 3 de 50" in html
    assert html.count("<tr>") == 1 + 20
    assert 'hx-get="/gestion/configuraciones/modulos-web/area-clientes/cola/?pagina=2&amp;sondeo=1"' in html


def test_failures_show_their_reason(staff_client, config_envios, staff):
    tercero = TerceroFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    EnvioContrasena.objects.update(estado=EstadoEnvio.FALLIDO, ultimo_error="550 5.1.1 Buzón rechazado")

    html = staff_client.get(reverse("envios:cola")).content.decode()

    assert "1 fallido" in html
    assert "550 5.1.1 Buzón rechazado" in html
    assert tercero.email in html


def test_cancelar_empties_the_list_and_says_so(staff_client, config_envios, staff):
    for _ in range(3):
        TerceroFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])

    respuesta = staff_client.post(reverse("envios:cancelar"))

    html = staff_client.get(respuesta["Location"]).content.decode()
    assert "Los envíos se han cancelado de manera exitosa" in html
    assert "3 envíos pendientes cancelados." in html
    assert "No existen terceros a la espera de envío de contraseñas..." in html
    assert "Cancelar envios pendientes" not in html
    assert set(EnvioContrasena.objects.values_list("estado", flat=True)) == {EstadoEnvio.CANCELADO}


def test_the_audit_list_shows_who_generated_and_who_cancelled(staff_client, config_envios, staff):
    TerceroFactory(es_inquilino=True)
    staff_client.post(reverse("envios:generar"), {"clase": "ambos", "filtro": "ninguno"})
    staff_client.post(reverse("envios:cancelar"))

    html = staff_client.get(PAGINA).content.decode()

    assert "Generó 1 contraseñas" in html
    assert "Canceló 1 envíos pendientes" in html
    assert html.count(staff.username) == 4  # the user menu, the history row, two activity rows


def test_the_settings_form_saves_and_audits(staff_client, config_envios, staff):
    respuesta = staff_client.post(
        reverse("envios:configurar"),
        {
            "modo_entrega": ModoEntrega.ENLACE_ACTIVACION,
            "lote": 50,
            "intervalo_segundos": 120,
            "max_por_hora": 500,
            "horas_expiracion": 48,
        },
    )
    assert respuesta.status_code == 302
    config = ConfiguracionAreaClientes.objects.get()
    assert (config.modo_entrega, config.lote, config.intervalo_segundos, config.max_por_hora) == (
        ModoEntrega.ENLACE_ACTIVACION,
        50,
        120,
        500,
    )
    assert EventoAuditoria.objects.filter(accion="envios.configurar", actor=staff).exists()


def test_the_settings_form_refuses_a_batch_of_zero(staff_client, config_envios):
    respuesta = staff_client.post(
        reverse("envios:configurar"),
        {
            "modo_entrega": "contrasena_temporal",
            "lote": 0,
            "intervalo_segundos": 60,
            "max_por_hora": 0,
            "horas_expiracion": 72,
        },
    )
    assert respuesta.status_code == 200
    assert "mayor o igual a 1" in respuesta.content.decode()
    assert ConfiguracionAreaClientes.objects.get().lote == 20


def test_the_settings_default_to_the_environment(staff_client, entidad, settings):
    settings.ENVIOS_LOTE = 7
    html = staff_client.get(PAGINA).content.decode()
    assert 'name="lote" value="7"' in html


def _destino_tercero(pk):
    try:
        return reverse("gestion:tercero_editar", args=[pk])
    except NoReverseMatch:
        return reverse("gestion:inicio")


def test_generar_individual_queues_one_and_goes_back_with_a_message(
    staff_client, config_envios, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks
):
    tercero = TerceroFactory(es_inquilino=True)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = staff_client.post(reverse("envios:generar_individual", args=[tercero.pk]))

    assert respuesta.status_code == 302
    assert respuesta["Location"] == _destino_tercero(tercero.pk)
    assert EnvioContrasena.objects.get().estado == EstadoEnvio.ENVIADO
    assert len(smtp_sink.para(tercero.email)) == 1
    assert [str(m) for m in messages.get_messages(respuesta.wsgi_request)] == [
        f"Se generó una contraseña aleatoria para {tercero.nombre_completo} y se está enviando a "
        f"{tercero.email}. Llegará en unos momentos."
    ]


def test_generar_individual_without_email_explains_why(staff_client, config_envios):
    tercero = TerceroFactory(es_inquilino=True, email="")
    respuesta = staff_client.post(reverse("envios:generar_individual", args=[tercero.pk]))
    assert [str(m) for m in messages.get_messages(respuesta.wsgi_request)] == [
        f"{tercero.nombre_completo} no tiene un correo electrónico válido. Corríjalo y vuelva a intentarlo."
    ]
    assert not EnvioContrasena.objects.exists()


def test_generar_individual_is_post_only_and_404s_unknown_terceros(staff_client, config_envios):
    assert staff_client.get(reverse("envios:generar_individual", args=[1])).status_code == 405
    assert staff_client.post(reverse("envios:generar_individual", args=[999999])).status_code == 404


def test_generar_to_everyone_first_says_how_many_already_have_access(staff_client, config_envios):
    from tests.factories import ClienteFactory

    ClienteFactory(es_inquilino=True)
    ClienteFactory(es_inquilino=True)
    TerceroFactory(es_inquilino=True)
    datos = {"clase": "inquilinos", "filtro": "ninguno", "alcance": "todos"}

    aviso = staff_client.post(reverse("envios:generar"), datos)

    html = aviso.content.decode()
    assert aviso.status_code == 200
    assert "2 de los terceros seleccionados ya tienen acceso al portal." in html
    assert "Confirmar y generar contraseñas" in html
    assert 'name="confirmado" value="True"' in html
    assert not EnvioContrasena.objects.exists()

    confirmado = staff_client.post(reverse("envios:generar"), {**datos, "confirmado": "True"})

    assert confirmado.status_code == 302
    assert EnvioContrasena.objects.count() == 3


def test_generar_by_default_leaves_out_who_has_access_and_says_so(staff_client, config_envios):
    from tests.factories import ClienteFactory

    ClienteFactory(es_inquilino=True)
    sin_acceso = TerceroFactory(es_inquilino=True)

    respuesta = staff_client.post(reverse("envios:generar"), {"clase": "inquilinos", "filtro": "ninguno"})

    html = staff_client.get(respuesta["Location"]).content.decode()
    assert "1 tercero quedó en la cola de envío." in html
    assert "1 ya tiene acceso al portal y no se incluyó." in html
    assert list(EnvioContrasena.objects.values_list("tercero_id", flat=True)) == [sin_acceso.pk]


@pytest.mark.parametrize("valor", ["²", "٣", "9" * 30, "-4", "1\x00"])
def test_a_picked_id_that_is_not_an_id_is_a_field_error(staff_client, config_envios, valor):
    # The picker re-renders the chosen terceros: '²'.isdigit() let int() raise (500).
    r = staff_client.post(
        reverse("envios:generar"), {"clase": "ambos", "filtro": "solo", "terceros": [valor]}
    )
    assert r.status_code == 200
    assert "La selección de terceros no es válida." in r.content.decode()
    assert not EnvioContrasena.objects.exists()


@pytest.mark.parametrize("valor", ["²", "9" * 30, "x\x00"])
def test_result_and_cancelled_counts_in_the_url_are_ignored_when_not_numbers(
    staff_client, config_envios, valor
):
    assert staff_client.get(PAGINA, {"resultado": valor, "cancelados": valor}).status_code == 200
