"""Data for the fault tests, written into the stack's own database by `manage.py shell`.

    python manage.py shell -c "from tests.fallos.escenario import sembrar; sembrar(8)"

prints one JSON line: the queued terceros (id, email, user id) in queue order.
"""

import json

from envios.models import ConfiguracionAreaClientes, FiltroAplicacion
from envios.services import envios_generar
from terceros.models import ClaseTercero
from tests.factories import CLAVE_PRUEBA, ClienteFactory, EntidadFactory, StaffFactory


def sembrar(n: int, *, lote: int | None = None) -> None:
    EntidadFactory()
    ConfiguracionAreaClientes.objects.update_or_create(
        pk=1,
        defaults={
            **ConfiguracionAreaClientes.valores_por_defecto(),
            "lote": lote or n,
            "intervalo_segundos": 0,  # no pace: beat's every tick may claim
            "max_por_hora": 0,
        },
    )
    terceros = [ClienteFactory() for _ in range(n)]
    solicitud = envios_generar(
        actor=None,
        clase=ClaseTercero.AMBOS,
        filtro=FiltroAplicacion.SOLO,
        seleccion=[t.pk for t in terceros],
        alcance="todos",
    )
    assert solicitud.encolados == n, solicitud.encolados
    print(
        json.dumps(
            {
                "solicitud": solicitud.pk,
                "terceros": [{"id": t.pk, "email": t.email, "usuario": t.usuario_id} for t in terceros],
            }
        )
    )


def sembrar_pila() -> None:
    """The smoke test's logins: one staff member, one client (and one more client to send to)."""
    EntidadFactory()
    ConfiguracionAreaClientes.objects.update_or_create(
        pk=1, defaults={**ConfiguracionAreaClientes.valores_por_defecto(), "lote": 5, "intervalo_segundos": 0}
    )
    staff = StaffFactory(username="gestor")
    cliente = ClienteFactory()
    destino = ClienteFactory()
    print(
        json.dumps(
            {
                "staff": staff.username,
                "cliente": cliente.numero_documento,
                "clave": CLAVE_PRUEBA,
                "destino": {"id": destino.pk, "email": destino.email},
            }
        )
    )


def sembrar_pago() -> None:
    """One pending PayU attempt for two invoices, and PayU's signed approval of it (form-encoded)."""
    from tests.pagos.en_linea import iniciar, payu_confirmacion

    EntidadFactory()
    tx = iniciar("payu", n=2)
    print(
        json.dumps(
            {
                "transaccion": tx.pk,
                "referencia": tx.referencia,
                "facturas": [item.factura_id for item in tx.items.all()],
                "confirmacion": payu_confirmacion(tx),
            }
        )
    )
