"""Portal writes: passwords chosen by the client. Keyword-only, typed, transactional."""

from django.db import transaction
from django.utils import timezone

from terceros.auditoria import auditoria_registrar
from terceros.models import Usuario


@transaction.atomic
def contrasena_por_enlace(*, usuario: Usuario, contrasena: str) -> Usuario:
    """The client chose a password through a signed link: a permanent password, link spent."""
    usuario.set_password(contrasena)
    usuario.debe_cambiar_contrasena = False
    usuario.contrasena_expira_en = None
    # Changing the hash and last_login spends every link issued before now.
    usuario.last_login = timezone.now()
    usuario.save(update_fields=["password", "debe_cambiar_contrasena", "contrasena_expira_en", "last_login"])
    auditoria_registrar(actor=usuario, accion="portal.contrasena_por_enlace", objeto=usuario.tercero)
    return usuario
