"""Thin Celery tasks for online payments: they take ids and call services."""

from celery import shared_task

from pagos import services_en_linea


@shared_task(name="pagos.tasks.conciliar_pagos", ignore_result=True)
def conciliar_pagos() -> dict:
    """Beat, every PAGOS_CONCILIAR_INTERVALO seconds: ask the gateway about what is due."""
    return services_en_linea.transacciones_conciliar()


@shared_task(name="pagos.tasks.recibo_en_linea_enviar", ignore_result=True)
def recibo_en_linea_enviar(pago_id: int) -> bool:
    """Email the recibo de caja of an approved online payment (idempotent per receipt)."""
    from pagos.correo import recibo_en_linea_enviar as enviar

    return enviar(pago_id=pago_id)
