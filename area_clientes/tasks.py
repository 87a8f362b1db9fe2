"""Thin Celery wrappers around area_clientes services."""

from smtplib import SMTPException

from celery import shared_task

from area_clientes import services


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=4)
def recuperacion_enviar(usuario_id: int) -> bool:
    return services.recuperacion_correo_enviar(usuario_id=usuario_id)
