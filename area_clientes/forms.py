"""Portal forms: they validate and never act (services.py does the writes)."""

import re

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from area_clientes.captcha import captcha_agregar
from envios.services import clave_temporal_vencida
from nucleo.idempotencia import FormularioIdempotenteMixin
from nucleo.limites import contrasena_actual_bloqueada, contrasena_actual_fallo
from terceros.documentos import normalizar_documento
from terceros.models import Tercero

# ASCII: `\d` alone also matches '٣' and other scripts' digits.
_DIGITOS = re.compile(r"\d", re.ASCII)
_TELEFONO = re.compile(r"[0-9+()\-.\s]*(ext\.?\s*\d+)?", re.IGNORECASE | re.ASCII)


_DEMASIADOS_INTENTOS = _(
    "Demasiados intentos con la contraseña actual. Espere %(minutos)s minutos e intente de nuevo, "
    "o use «¿Olvidó su contraseña?» para elegir una nueva."
)


def _contrasena_actual_correcta(usuario, contrasena: str) -> bool:
    """Check the current password, at most CONTRASENA_ACTUAL_MAX_FALLOS wrong per window.

    A stolen session must not become a way to guess the password (or to take over the email
    the reset link goes to). Past the limit nothing is checked until the window ends.
    """
    if contrasena_actual_bloqueada(usuario):
        raise forms.ValidationError(
            _DEMASIADOS_INTENTOS, code="demasiados_intentos", params={"minutos": settings.LIMITES_MINUTOS}
        )
    if usuario.check_password(contrasena):
        return True
    contrasena_actual_fallo(usuario)
    return False


def _captcha_fallo(form) -> bool:
    return "captcha" in form.fields and "captcha" in form.errors


class PortalLoginForm(AuthenticationForm):
    """Usuario = document number. Staff accounts are not portal logins.

    Every refusal after a correct password (staff account) counts as a failed attempt for
    django-axes, like a wrong password or an expired temporary password does.
    """

    username = forms.CharField(
        label=_("Usuario"),
        max_length=30,
        help_text=_("Su número de documento, sin puntos ni espacios."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Usuario o contraseña incorrectos. Revise su número de documento y su contraseña."
        ),
        "contrasena_vencida": _(
            "Su contraseña temporal venció. Use «¿Olvidó su contraseña?» para elegir una nueva, "
            "o pida a la inmobiliaria que le envíe otra."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        captcha_agregar(self, request=request)

    def clean_username(self):
        return normalizar_documento(self.cleaned_data["username"])

    def clean(self):
        # No password check at all until the captcha passed.
        if _captcha_fallo(self):
            return self.cleaned_data
        try:
            return super().clean()
        except forms.ValidationError as exc:
            # Already counted as a failure; only say why when the password was right but expired.
            usuario, clave = self.cleaned_data.get("username"), self.cleaned_data.get("password")
            vencida = (
                exc.code == "invalid_login"
                and usuario
                and clave
                and clave_temporal_vencida(username=usuario, contrasena=clave)
            )
            if vencida:
                raise forms.ValidationError(
                    self.error_messages["contrasena_vencida"], code="contrasena_vencida"
                ) from exc
            raise

    def confirm_login_allowed(self, user):
        if user.is_staff or not user.is_active or not Tercero.objects.filter(usuario=user).exists():
            self._contar_fallo()
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def _contar_fallo(self):
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data.get("username")},
            request=self.request,
        )


class RecuperarForm(forms.Form):
    numero_documento = forms.CharField(
        label=_("Número de documento"),
        max_length=30,
        help_text=_("El mismo con el que ingresa al Área de Clientes."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        captcha_agregar(self, request=request)

    def clean_numero_documento(self):
        numero = normalizar_documento(self.cleaned_data["numero_documento"])
        if not numero:
            raise forms.ValidationError(_("Escriba su número de documento."))
        return numero


def _etiquetas_contrasena(form) -> None:
    form.fields["new_password1"].label = _("Nueva contraseña")
    form.fields["new_password2"].label = _("Repita la nueva contraseña")
    form.fields["new_password2"].help_text = ""


class ElegirContrasenaForm(SetPasswordForm):
    """New password typed twice, checked against the password policy."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _("Las dos contraseñas no coinciden."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _etiquetas_contrasena(self)


class CambiarContrasenaForm(PasswordChangeForm):
    """Current password, then the new one twice; the new one must differ from the current."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": _("Las dos contraseñas no coinciden."),
        "password_incorrect": _("La contraseña actual no es correcta. Escríbala de nuevo."),
        "misma_contrasena": _("La nueva contraseña debe ser distinta de la actual."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Contraseña actual")
        _etiquetas_contrasena(self)

    def clean_old_password(self):
        actual = self.cleaned_data["old_password"]
        if not _contrasena_actual_correcta(self.user, actual):
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return actual

    def clean(self):
        datos = super().clean()
        actual, nueva = datos.get("old_password"), datos.get("new_password1")
        if actual and nueva and actual == nueva and "new_password1" not in self._errors:
            self.add_error("new_password1", self.error_messages["misma_contrasena"])
        return datos


def _validar_telefono(valor: str) -> None:
    if valor and (not _TELEFONO.fullmatch(valor) or not 7 <= len(_DIGITOS.findall(valor)) <= 15):
        raise forms.ValidationError(
            _("Escriba un número de teléfono válido, por ejemplo 300 123 4567 o (604) 444 1234.")
        )


class PerfilForm(forms.Form):
    """The contact data a client may change. A new email asks for the current password."""

    telefono = forms.CharField(
        label=_("Teléfono"), max_length=40, required=False, validators=[_validar_telefono]
    )
    celular = forms.CharField(
        label=_("Celular"), max_length=40, required=False, validators=[_validar_telefono]
    )
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Aquí le llegan sus facturas y el enlace para recuperar la contraseña."),
        error_messages={
            "required": _("Escriba su correo electrónico."),
            "invalid": _("Escriba un correo válido, por ejemplo nombre@correo.com."),
        },
    )
    direccion = forms.CharField(label=_("Dirección"), max_length=200, required=False)
    contrasena_actual = forms.CharField(
        label=_("Contraseña actual"),
        required=False,
        strip=False,
        help_text=_("Solo si cambia su correo electrónico."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    CAMPOS = ("telefono", "celular", "email", "direccion")

    def __init__(self, *args, tercero: Tercero, usuario, **kwargs):
        kwargs.setdefault("initial", {campo: getattr(tercero, campo) for campo in self.CAMPOS})
        super().__init__(*args, **kwargs)
        self.tercero = tercero
        self.usuario = usuario

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        datos = super().clean()
        nuevo = datos.get("email")
        cambia_email = bool(nuevo) and nuevo != (self.tercero.email or "").lower()
        if not cambia_email:
            return datos
        try:
            correcta = _contrasena_actual_correcta(self.usuario, datos.get("contrasena_actual") or "")
        except forms.ValidationError as exc:
            self.add_error("contrasena_actual", exc)
            return datos
        if not correcta:
            self.add_error(
                "contrasena_actual",
                _("Para cambiar su correo escriba su contraseña actual (la que usa para ingresar)."),
            )
        return datos

    def cambios(self) -> dict[str, str]:
        return {campo: self.cleaned_data[campo] for campo in self.CAMPOS}


class AutorizacionDatosForm(forms.Form):
    acepto = forms.BooleanField(
        label=_("Autorizo el tratamiento de mis datos personales en los términos descritos."),
        error_messages={"required": _("Para continuar marque la casilla de autorización.")},
    )


class PagarEnLineaForm(FormularioIdempotenteMixin, forms.Form):
    """'Pagar con PayU': only the idempotency key; the invoices come from the URL or the selection."""
