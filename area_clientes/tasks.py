"""Thin Celery wrappers around area_clientes services."""

from smtplib import SMTPException

from celery import shared_task

from area_clientes import services


@shared_task(bind=True, autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=4)
def recuperacion_enviar(self, usuario_id: int) -> bool:
    try:
        return services.recuperacion_correo_enviar(usuario_id=usuario_id)
    except (SMTPException, OSError) as exc:
        if self.request.retries >= self.max_retries:
            # The last attempt: Celery gives up after this, so say so where staff will look.
            services.recuperacion_fallo_registrar(
                usuario_id=usuario_id, motivo=type(exc).__name__, intentos=self.request.retries + 1
            )
        raise
