"""Writes of envíos, one module per step of a send. Keyword-only, typed.

Read in this order; it is the model for the next queue-driven state machines:

- ``cola``: the agency's settings, queueing (GENERAR CONTRASEÑAS, bulk and individual) and
  cancelling. Queueing makes no secret.
- ``lotes``: the claim (``select_for_update(skip_locked=True)``, the pace) and the send loop,
  with the state machine of an EnvioContrasena in its docstring.
- ``correo``: the email of one send, with its fresh secret.
- ``entrega``: SMTP delivery over the batch's connection; refusal versus unknown outcome.
- ``claves``: temporary passwords as a second credential (DESIGN §6).

Callers import from here.
"""

from envios.services.claves import (
    SESION_CLAVE_TEMPORAL,
    clave_temporal_crear,
    clave_temporal_usar,
    clave_temporal_vencida,
    claves_temporales_anular,
)
from envios.services.cola import (
    configuracion_actualizar,
    configuracion_asegurar,
    envios_cancelar_pendientes,
    envios_generar,
    envios_generar_individual,
)
from envios.services.correo import contrasena_aleatoria
from envios.services.lotes import (
    ResultadoLote,
    envios_enviar_lote,
    envios_enviar_reclamados,
    envios_enviar_uno,
    envios_reclamar_lote,
    envios_reclamar_uno,
)

__all__ = [
    "SESION_CLAVE_TEMPORAL",
    "ResultadoLote",
    "clave_temporal_crear",
    "clave_temporal_usar",
    "clave_temporal_vencida",
    "claves_temporales_anular",
    "configuracion_actualizar",
    "configuracion_asegurar",
    "contrasena_aleatoria",
    "envios_cancelar_pendientes",
    "envios_enviar_lote",
    "envios_enviar_reclamados",
    "envios_enviar_uno",
    "envios_generar",
    "envios_generar_individual",
    "envios_reclamar_lote",
    "envios_reclamar_uno",
]
