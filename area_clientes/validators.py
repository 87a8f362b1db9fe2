"""Password policy additions for portal accounts (AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from terceros.documentos import normalizar_documento

# Shorter identifiers (staff usernames) are already covered by UserAttributeSimilarityValidator.
_LARGO_MINIMO = 4


class NoEsDocumentoValidator:
    """Refuse a password that is, or contains, the client's document number (their username)."""

    def _documentos(self, user) -> set[str]:
        if user is None or getattr(user, "is_staff", False):
            return set()
        documentos = {normalizar_documento(getattr(user, "username", "") or "")}
        tercero = getattr(user, "tercero", None) if getattr(user, "pk", None) else None
        if tercero is not None:
            documentos.add(normalizar_documento(tercero.numero_documento))
        return {d for d in documentos if len(d) >= _LARGO_MINIMO}

    def validate(self, password, user=None):
        compacta = normalizar_documento(password)
        for documento in self._documentos(user):
            if documento in compacta:
                raise ValidationError(
                    _("La contraseña no puede ser ni contener su número de documento. Elija otra."),
                    code="contrasena_es_documento",
                )

    def get_help_text(self):
        return _("Su contraseña no puede ser ni contener su número de documento.")
