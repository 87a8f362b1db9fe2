"""Thin Celery tasks: they take ids and call services; the database row is the truth."""

from celery import shared_task

from envios import services


@shared_task(name="envios.tasks.enviar_lote", ignore_result=True)
def enviar_lote() -> dict:
    """Beat, every ENVIOS_INTERVALO seconds: send one batch (the service honours the pace)."""
    resultado = services.envios_enviar_lote()
    return {
        "enviados": resultado.enviados,
        "reintentos": resultado.reintentos,
        "fallidos": resultado.fallidos,
    }


@shared_task(name="envios.tasks.enviar_envio", ignore_result=True)
def enviar_envio(envio_id: int) -> dict:
    """The individual 'Generar contraseña aleatoria': send this row now."""
    resultado = services.envios_enviar_uno(envio_id=envio_id)
    return {
        "enviados": resultado.enviados,
        "reintentos": resultado.reintentos,
        "fallidos": resultado.fallidos,
    }
