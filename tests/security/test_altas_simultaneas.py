"""Ten identical creates at the same moment (a double click, a retried POST): one is saved, the
other nine get the field message; none answers 500. Real threads on PostgreSQL."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from facturacion.models import ResolucionFacturacion
from terceros.models import Contrato, Propiedad, Tercero
from tests.factories import PropiedadFactory, StaffFactory, TerceroFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HILOS = 10


def _a_la_vez(staff, url, datos_de) -> list:
    """POST from HILOS threads released together; each answer's (status, html) or the exception."""
    barrera = threading.Barrier(HILOS)
    respuestas = [None] * HILOS

    def enviar(i):
        cliente = Client(raise_request_exception=True)
        cliente.force_login(staff)
        try:
            barrera.wait()
            r = cliente.post(url, datos_de(i))
            respuestas[i] = (r.status_code, r.content.decode())
        except Exception as exc:
            respuestas[i] = exc
        finally:
            connection.close()

    hilos = [threading.Thread(target=enviar, args=(i,)) for i in range(HILOS)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(30)
    return respuestas


def _una_guardada_y_nueve_explicadas(respuestas, mensaje):
    fallas = [r for r in respuestas if not isinstance(r, tuple)]
    assert fallas == []
    assert sorted(s for s, _html in respuestas) == [200] * (HILOS - 1) + [302]
    for status, html in respuestas:
        if status == 200:
            assert mensaje in html


def test_ten_identical_terceros(entidad):
    staff = StaffFactory()
    datos = {"tipo_documento": "CC", "numero_documento": "71.222.333", "nombres": "Ana Doble"}
    respuestas = _a_la_vez(staff, reverse("gestion:tercero_nuevo"), lambda i: datos)
    _una_guardada_y_nueve_explicadas(respuestas, "Ya existe un tercero con este número de documento.")
    assert Tercero.objects.filter(numero_documento="71222333").count() == 1


def test_ten_identical_properties(entidad):
    staff, duena = StaffFactory(), TerceroFactory()
    datos = {
        "codigo": "P-DOBLE",
        "direccion": "Cra. 43A # 1-50",
        "ciudad": "Medellín",
        "tipo": "apartamento",
        "propietarios-TOTAL_FORMS": "1",
        "propietarios-INITIAL_FORMS": "0",
        "propietarios-0-tercero": str(duena.pk),
        "propietarios-0-participacion": "100",
    }
    respuestas = _a_la_vez(staff, reverse("gestion:propiedad_nueva"), lambda i: datos)
    _una_guardada_y_nueve_explicadas(respuestas, "Ya existe una propiedad con este código.")
    assert Propiedad.objects.filter(codigo="P-DOBLE").count() == 1


def test_ten_active_contracts_for_one_property(entidad):
    staff, propiedad, inquilino = StaffFactory(), PropiedadFactory(), TerceroFactory()

    def datos(i):
        # Different numbers: only the one-active-lease-per-property rule can stop them.
        return {
            "numero": f"CT-DOBLE-{i}",
            "propiedad": str(propiedad.pk),
            "inquilino": str(inquilino.pk),
            "canon": "1800000",
            "fecha_inicio": "2026-02-01",
            "fecha_fin": "2027-01-31",
            "dia_vencimiento": "5",
            "comision_porcentaje": "10",
            "estado": "activo",
        }

    respuestas = _a_la_vez(staff, reverse("gestion:contrato_nuevo"), datos)
    _una_guardada_y_nueve_explicadas(respuestas, "La propiedad ya tiene el contrato activo")
    assert Contrato.objects.filter(propiedad=propiedad).count() == 1


def _resolucion(desde, hasta, numero):
    return {
        "numero": numero,
        "fecha": "2026-11-01",
        "prefijo": "FE",
        "desde": str(desde),
        "hasta": str(hasta),
        "vigente_desde": "2026-11-01",
        "vigente_hasta": "2028-11-01",
    }


def test_ten_identical_resolutions(entidad):
    staff = StaffFactory()
    respuestas = _a_la_vez(
        staff, reverse("facturacion:resoluciones"), lambda i: _resolucion(1, 1000, "18760001")
    )
    _una_guardada_y_nueve_explicadas(respuestas, "se cruza con la resolución 18760001")
    assert ResolucionFacturacion.objects.count() == 1


def test_overlapping_resolutions_at_once_register_only_one(entidad):
    """Before the lock, the overlap check of each ran before the other committed: both registered."""
    staff = StaffFactory()
    ResolucionFacturacion.objects.create(
        numero="1",
        fecha=date(2026, 1, 1),
        prefijo="FV",
        desde=1,
        hasta=10,
        vigente_desde=date(2026, 1, 1),
        vigente_hasta=date(2027, 1, 1),
    )
    respuestas = _a_la_vez(
        staff,
        reverse("facturacion:resoluciones"),
        lambda i: _resolucion(100 + i, 200 + i, f"1876{i:04d}"),
    )
    _una_guardada_y_nueve_explicadas(respuestas, "se cruza con la resolución")
    assert ResolucionFacturacion.objects.filter(prefijo="FE").count() == 1
    assert ResolucionFacturacion.objects.filter(activa=True).count() == 1
