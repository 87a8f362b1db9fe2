"""Identity-document rules: NIT check digit (python-stdnum) and format of the other types."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.co import nit as stdnum_nit
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

_SEPARADORES = re.compile(r"[\s.\-_,]")

# Digits-only types and their length range; the rest are alphanumeric (ASCII).
_FORMATOS = {
    "CC": (r"[0-9]{3,10}", gettext_lazy("La cédula debe tener entre 3 y 10 dígitos, sin puntos ni letras.")),
    "TI": (r"[0-9]{6,11}", gettext_lazy("La tarjeta de identidad debe tener entre 6 y 11 dígitos.")),
    "CE": (
        r"[A-Z0-9]{3,12}",
        gettext_lazy("La cédula de extranjería debe tener entre 3 y 12 letras o números."),
    ),
    "PA": (r"[A-Z0-9]{5,16}", gettext_lazy("El pasaporte debe tener entre 5 y 16 letras o números.")),
    "PPT": (r"[0-9]{5,15}", gettext_lazy("El PPT debe tener entre 5 y 15 dígitos.")),
}


def normalizar_documento(numero: str) -> str:
    """What people type (dots, dashes, spaces) → the stored form, upper-case without separators."""
    return _SEPARADORES.sub("", (numero or "").strip()).upper()


def validar_nit(valor: str) -> None:
    try:
        stdnum_nit.validate(valor)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("El dígito de verificación del NIT no es correcto. Revise el número (ej.: 900.123.456-8)."),
            code="nit_dv",
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _(
                "El NIT debe tener entre 8 y 15 dígitos incluido el dígito de verificación (ej.: 900.123.456-8)."
            ),
            code="nit_formato",
        ) from exc


def validar_documento(tipo: str, numero: str) -> str:
    """Return the normalised number or raise ValidationError with a Spanish message."""
    compacto = normalizar_documento(numero)
    if not compacto:
        raise ValidationError(_("Escriba el número de documento."), code="requerido")
    if tipo == "NIT":
        validar_nit(compacto)
        return stdnum_nit.compact(compacto)
    patron, mensaje = _FORMATOS.get(tipo, (r"[A-Z0-9]{3,20}", gettext_lazy("Número de documento no válido.")))
    # ASCII only, the whole string: `\d` would take '٣' and `$` a trailing newline.
    if not re.fullmatch(patron, compacto):
        raise ValidationError(mensaje, code="formato")
    return compacto
