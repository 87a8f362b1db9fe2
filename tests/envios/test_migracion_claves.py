"""Migration envios 0002: a temporary password set the old way becomes a second credential."""

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

ANTES = [("envios", "0001_initial"), ("terceros", "0004_busqueda_sin_acentos")]
DESPUES = [("envios", "0002_claves_temporales"), ("terceros", "0005_sin_contrasena_temporal_en_usuario")]


def _migrar(destino):
    executor = MigrationExecutor(connection)
    executor.migrate(destino)
    return executor.loader.project_state(destino).apps


@pytest.mark.django_db(transaction=True)
def test_a_legacy_temporary_password_moves_to_a_clave_temporal():
    apps = _migrar(ANTES)
    try:
        Usuario = apps.get_model("terceros", "Usuario")
        Tercero = apps.get_model("terceros", "Tercero")
        SolicitudEnvio = apps.get_model("envios", "SolicitudEnvio")
        EnvioContrasena = apps.get_model("envios", "EnvioContrasena")
        expira = timezone.now() + timedelta(hours=10)
        temporal = Usuario.objects.create(
            username="1001",
            password=make_password("Temporal.4821"),
            debe_cambiar_contrasena=True,
            contrasena_expira_en=expira,
        )
        propia = Usuario.objects.create(username="1002", password=make_password("Propia.2026"))
        for usuario in (temporal, propia):
            tercero = Tercero.objects.create(
                tipo_documento="CC", numero_documento=usuario.username, nombres="Ana", usuario=usuario
            )
            solicitud = SolicitudEnvio.objects.create(origen="masivo")
            EnvioContrasena.objects.create(solicitud=solicitud, tercero=tercero, estado="ENVIADO")

        apps = _migrar(DESPUES)

        Usuario = apps.get_model("terceros", "Usuario")
        ClaveTemporal = apps.get_model("envios", "ClaveTemporal")
        (clave,) = ClaveTemporal.objects.all()
        assert clave.usuario_id == temporal.pk
        assert clave.expira_en == expira
        assert check_password("Temporal.4821", clave.clave_hash)
        assert Usuario.objects.get(pk=temporal.pk).password.startswith("!")
        assert check_password("Propia.2026", Usuario.objects.get(pk=propia.pk).password)
    finally:
        _migrar(MigrationExecutor(connection).loader.graph.leaf_nodes())
