"""Demo settings for the Área de Clientes: small batches so staff can watch the queue drain."""

from datetime import date

from django.conf import settings

from envios.models import ConfiguracionAreaClientes


def cargar(*, hoy: date, stdout=None) -> dict[str, int]:
    _config, creada = ConfiguracionAreaClientes.objects.get_or_create(
        pk=1,
        defaults={
            **ConfiguracionAreaClientes.valores_por_defecto(),
            "lote": 5,
            "intervalo_segundos": settings.ENVIOS_INTERVALO,
        },
    )
    if stdout is not None:
        estado = "creada" if creada else "ya existía"
        stdout.write(
            f"  configuración del Área de Clientes {estado} (lotes de 5 cada {settings.ENVIOS_INTERVALO} s)"
        )
    return {"configuracion": int(creada)}
