"""Synthetic PQRS for benchmark databases (`manage.py generar_datos --pqrs N`), in bulk.

Bypasses `pqrs_radicar` for speed but keeps what the product relies on: radicados are one block
reserved on the year's counter (a PQRS filed afterwards gets the next number, no collision), the
legal type follows the classification, due dates are spread around today so the inbox's
"vencidas / vence esta semana / vence hoy" filters all have rows.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from nucleo.consecutivos import consecutivo_reservar
from pqrs.models import TIPO_LEGAL_POR_CLASIFICACION, Asunto, Canal, Clasificacion, EstadoPqrs, Pqrs
from pqrs.selectors_gestion import hoy_colombia

LOTE = 5000
FRASES = [
    "El calentador del apartamento no enciende desde el lunes",
    "Humedad en la pared del baño principal",
    "Solicito copia del contrato de arrendamiento",
    "La factura de este mes trae un valor que no corresponde",
    "Quiero terminar el contrato en la fecha pactada",
    "El vecino hace ruido hasta tarde todos los días",
    "La puerta del garaje no cierra bien",
    "Pido el certificado de paz y salvo",
    "Propongo que el pago se pueda hacer por PSE",
    "Se dañó la tubería de la cocina",
]
# An agency's inbox is mostly answered history; about a third is open.
ESTADOS = [EstadoPqrs.CERRADA] * 5 + [EstadoPqrs.RESPONDIDA] * 2 + [EstadoPqrs.PENDIENTE]
ESTADOS += [EstadoPqrs.EN_TRAMITE] * 2 + [EstadoPqrs.ESPERANDO_CLIENTE]


def pqrs_generar(*, cantidad: int, terceros: list[int], gestores: list, rnd: random.Random) -> int:
    """Insert `cantidad` PQRS for the given tercero ids; returns how many were created."""
    hoy = hoy_colombia()
    ahora = timezone.now()
    with transaction.atomic():
        primero = consecutivo_reservar(nombre=f"pqrs-{hoy.year}", cantidad=cantidad)
    lote = []
    for i in range(cantidad):
        clasificacion = rnd.choice(Clasificacion.values)
        # Due from two months ago to three weeks ahead: received 21 days before its due date, so
        # never in the future (the 15-business-day term is about three calendar weeks).
        vence = hoy + timedelta(days=rnd.randint(-60, 20))
        recibida_en = ahora - timedelta(days=(hoy - vence).days + 21, minutes=i % 1440)
        lote.append(
            Pqrs(
                radicado=f"PQRS-{hoy.year}-{primero + i:06d}",
                tercero_id=rnd.choice(terceros),
                clasificacion=clasificacion,
                tipo_legal=TIPO_LEGAL_POR_CLASIFICACION[Clasificacion(clasificacion)],
                asunto=rnd.choice(Asunto.values),
                fecha_inicio=timezone.localdate(recibida_en) + timedelta(days=1),
                descripcion=f"{rnd.choice(FRASES)}. {rnd.choice(FRASES)}. Caso {primero + i}.",
                canal=rnd.choice(Canal.values),
                recibida_en=recibida_en,
                estado=rnd.choice(ESTADOS),
                termino_dias=15,
                fecha_limite_inicial=vence,
                fecha_limite=vence,
                asignado_a=rnd.choice(gestores) if gestores and rnd.random() < 0.8 else None,
            )
        )
        if len(lote) == LOTE:
            Pqrs.objects.bulk_create(lote)
            lote = []
    Pqrs.objects.bulk_create(lote)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE pqrs_pqrs")
    return cantidad
