"""Thin Celery tasks for PQRS: they call services; the database is the truth."""

from celery import shared_task

from pqrs import services_gestion


@shared_task(name="pqrs.tasks.pqrs_recordar_vencimientos", ignore_result=True)
def pqrs_recordar_vencimientos() -> dict:
    """Beat, every morning: email each assignee their PQRS due today and overdue."""
    resultado = services_gestion.pqrs_recordatorios_enviar()
    return {
        "enviados": resultado.enviados,
        "fallidos": resultado.fallidos,
        "sin_correo": resultado.sin_correo,
    }
