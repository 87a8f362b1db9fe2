"""Back-office forms: they validate and never act (writes go through terceros.services)."""

from decimal import Decimal

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from nucleo.campos import DecimalField, ModeloField, ModelosField
from nucleo.entrada import DineroField, entero_o_none
from terceros.documentos import normalizar_documento, validar_documento, validar_nit
from terceros.models import (
    ClaseTercero,
    Contrato,
    Entidad,
    EstadoContrato,
    Propiedad,
    Tercero,
    TipoDocumento,
    Usuario,
)
from terceros.selectors import terceros_etiquetas
from terceros.services import CONTRATO_CAMPOS, PROPIEDAD_CAMPOS, TERCERO_CAMPOS

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATOS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_MIN_LADO, LOGO_MAX_LADO = 16, 4000


class StaffLoginForm(AuthenticationForm):
    """Staff only: a portal client's credentials are not a back-office login."""

    # max_length here, not only the one AuthenticationForm sets afterwards: that one adds no validator.
    username = UsernameField(
        label=_("Usuario"),
        max_length=Usuario._meta.get_field("username").max_length,
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    password = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Usuario o contraseña incorrectos."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


# --- searchable tercero selects -------------------------------------------------------------


def _ids(valores) -> list[int]:
    """The tercero ids among submitted values; anything else (text, '²', 30 digits) is dropped."""
    return [i for i in map(entero_o_none, valores or []) if i is not None]


class _SelectorTerceros:
    """The one tercero picker: static/js/selector_terceros.js turns it into a tom-select that asks
    gestion:terceros_opciones (terceros_buscar). `clase_desde`: id of a select whose value is sent
    as the clase filter. Only the chosen terceros are rendered as <option>s: with 100,000 terceros,
    rendering them all would be a multi-megabyte page.
    """

    def __init__(self, attrs=None, *, clase_desde: str = ""):
        base = {
            "data-selector-terceros": reverse_lazy("gestion:terceros_opciones"),
            "data-placeholder": _("Buscar por nombre o documento…"),
            "data-sin-resultados": _("No se encontraron terceros"),
            "data-cargando": _("Buscando…"),
            "autocomplete": "off",
        }
        if clase_desde:
            base["data-clase-desde"] = clase_desde
        super().__init__(attrs={**base, **(attrs or {})})

    def optgroups(self, name, value, attrs=None):
        self.choices = [("", ""), *terceros_etiquetas(ids=_ids(value))]
        return super().optgroups(name, value, attrs)


class TerceroSelect(_SelectorTerceros, forms.Select):
    pass


class TercerosSelectMultiple(_SelectorTerceros, forms.SelectMultiple):
    pass


class TerceroField(ModeloField):
    """One tercero, chosen with the picker (any staff form: owners, tenants, invoices, payments)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Tercero.objects.all())
        kwargs.setdefault("widget", TerceroSelect())
        kwargs.setdefault("error_messages", {"invalid_choice": _("Elija un tercero de la lista.")})
        super().__init__(**kwargs)


# --- terceros -------------------------------------------------------------------------------


class TerceroBuscarForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    clase = forms.ChoiceField(
        label=_("Clase"),
        required=False,
        choices=[("", _("Todas las clases")), *ClaseTercero.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class TerceroForm(forms.ModelForm):
    """Create / edit a tercero. On edit it also carries the portal password typed by hand."""

    SECCIONES = (
        (
            _("Datos personales"),
            ("tipo_documento", "numero_documento", "nombres", "apellidos", "razon_social", "codigo_cliente"),
        ),
        (_("Contacto"), ("email", "telefono", "celular", "direccion", "ciudad")),
        (_("Clase"), ("es_inquilino", "es_propietario")),
    )

    class Meta:
        model = Tercero
        fields = TERCERO_CAMPOS
        error_messages = {
            "numero_documento": {"unique": _("Ya existe un tercero con este número de documento.")},
            "email": {"invalid": _("Escriba un correo válido, por ejemplo nombre@dominio.com.")},
        }
        help_texts = {
            "razon_social": _("Solo para empresas (NIT). Las personas usan nombres y apellidos."),
            "numero_documento": _("Sin dígito de verificación aparte: para NIT escriba 900.123.456-8."),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "telefono": forms.TextInput(attrs={"inputmode": "tel"}),
            "celular": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def secciones(self):
        """(title, bound fields) per section, for the template."""
        return [(titulo, [self[nombre] for nombre in nombres]) for titulo, nombres in self.SECCIONES]

    def clean(self):
        datos = super().clean()
        tipo, numero = datos.get("tipo_documento"), datos.get("numero_documento")
        if tipo and numero:
            try:
                datos["numero_documento"] = validar_documento(tipo, numero)
            except ValidationError as error:
                self.add_error("numero_documento", error)
        if not datos.get("nombres", "").strip() and not datos.get("razon_social", "").strip():
            if tipo == TipoDocumento.NIT:
                self.add_error("razon_social", _("Escriba la razón social de la empresa (o los nombres)."))
            else:
                self.add_error("nombres", _("Escriba los nombres del tercero."))
        return datos


class TerceroEditarForm(TerceroForm):
    """Editing adds 'Clave de acceso (Área de Clientes)': typed twice, optional email to the client."""

    clave1 = forms.CharField(
        label=_("Clave de acceso (Área de Clientes)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Déjela en blanco para no cambiarla. Mínimo 8 caracteres, distinta del documento."),
    )
    clave2 = forms.CharField(
        label=_("Repita la clave de acceso"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    notificar = forms.BooleanField(label=_("Notificar al cliente por correo"), required=False)

    SECCIONES = (
        (
            _("Datos personales"),
            (
                "tipo_documento",
                "numero_documento",
                "nombres",
                "apellidos",
                "razon_social",
                "codigo_cliente",
                "clave1",
                "clave2",
                "notificar",
            ),
        ),
        *TerceroForm.SECCIONES[1:],
    )

    def clean(self):
        datos = super().clean()
        clave1, clave2 = datos.get("clave1", ""), datos.get("clave2", "")
        if not clave1 and not clave2:
            if datos.get("notificar"):
                self.add_error("notificar", _("Escriba una clave nueva para poder notificarla al cliente."))
            return datos
        if clave1 != clave2:
            self.add_error("clave2", _("Las dos claves no coinciden. Escríbala igual en ambos campos."))
            return datos
        documento = datos.get("numero_documento") or self.instance.numero_documento
        if normalizar_documento(clave1) == documento:
            self.add_error("clave1", _("La clave no puede ser el número de documento."))
            return datos
        usuario = self.instance.usuario or Usuario(username=documento, email=datos.get("email", ""))
        try:
            password_validation.validate_password(clave1, usuario)
        except ValidationError as error:
            self.add_error("clave1", error)
        if datos.get("notificar") and not datos.get("email"):
            self.add_error("notificar", _("El tercero no tiene correo electrónico: escríbalo en Contacto."))
        return datos


# --- propiedades ----------------------------------------------------------------------------


class PropiedadForm(forms.ModelForm):
    class Meta:
        model = Propiedad
        fields = PROPIEDAD_CAMPOS
        error_messages = {"codigo": {"unique": _("Ya existe una propiedad con este código.")}}


class PropietarioForm(forms.Form):
    tercero = TerceroField(label=_("Propietario"))
    participacion = DecimalField(
        label=_("Participación %"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
    )


class _PropietariosBase(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        vistos, total = set(), Decimal("0")
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            tercero = form.cleaned_data["tercero"]
            if tercero.pk in vistos:
                raise ValidationError(
                    _("%(t)s aparece dos veces: deje una sola fila por propietario.") % {"t": tercero}
                )
            vistos.add(tercero.pk)
            total += form.cleaned_data["participacion"]
        if not vistos:
            raise ValidationError(_("Agregue al menos un propietario."))
        if total != Decimal("100"):
            raise ValidationError(
                _("Las participaciones deben sumar 100 %% (ahora suman %(total)s %%).")
                % {"total": f"{total:.2f}".rstrip("0").rstrip(".")}
            )

    def propietarios(self) -> list:
        return [
            (f.cleaned_data["tercero"], f.cleaned_data["participacion"])
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f)
        ]


# absolute_max = max_num: a posted TOTAL_FORMS of 10^30 would otherwise build 1,000 forms.
PropietariosFormSet = forms.formset_factory(
    PropietarioForm,
    formset=_PropietariosBase,
    extra=2,
    max_num=20,
    validate_max=True,
    absolute_max=20,
    can_delete=True,
)


# --- contratos ------------------------------------------------------------------------------


class ContratoForm(forms.ModelForm):
    codeudores = ModelosField(
        label=_("Codeudores"),
        queryset=Tercero.objects.all(),
        required=False,
        widget=TercerosSelectMultiple(),
    )

    class Meta:
        model = Contrato
        fields = CONTRATO_CAMPOS
        field_classes = {"canon": DineroField, "propiedad": ModeloField, "comision_porcentaje": DecimalField}
        widgets = {
            "inquilino": TerceroSelect(),
            "fecha_inicio": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fecha_fin": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {"numero": {"unique": _("Ya existe un contrato con este número.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["propiedad"].queryset = Propiedad.objects.order_by("codigo")
        self.fields["fecha_inicio"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["fecha_fin"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if self.instance.pk and "codeudores" not in self.initial:
            self.initial["codeudores"] = [t.pk for t in self.instance.codeudores.all()]

    def clean_canon(self):
        canon = self.cleaned_data["canon"]
        if canon is not None and canon <= 0:
            raise ValidationError(_("El canon debe ser mayor que cero."))
        return canon

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("fecha_inicio"), datos.get("fecha_fin")
        if inicio and fin and fin <= inicio:
            self.add_error("fecha_fin", _("La fecha de terminación debe ser posterior a la de inicio."))
        propiedad, estado = datos.get("propiedad"), datos.get("estado")
        if propiedad and estado == EstadoContrato.ACTIVO:
            otro = (
                Contrato.objects.filter(propiedad=propiedad, estado=EstadoContrato.ACTIVO)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if otro:
                self.add_error(
                    "propiedad",
                    _("La propiedad ya tiene el contrato activo %(n)s: termínelo antes de crear otro.")
                    % {"n": otro.numero},
                )
        inquilino = datos.get("inquilino")
        if inquilino and inquilino in (datos.get("codeudores") or []):
            self.add_error("codeudores", _("El inquilino no puede ser también codeudor."))
        return datos

    def _get_validation_exclusions(self):
        # The one-active-contract rule has its message in clean(). ModelForm has no
        # validate_constraints() to override: the model checks constraints itself, and a twin
        # committed between the query above and that check showed Django's generic text.
        return {*super()._get_validation_exclusions(), "propiedad"}


# --- entidad --------------------------------------------------------------------------------


class EntidadForm(forms.ModelForm):
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "gif", "webp"])],
        help_text=_("PNG, JPG, GIF o WEBP de máximo 2 MB; se ve mejor horizontal (ej. 360 x 96 px)."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )

    class Meta:
        model = Entidad
        fields = [
            "nombre",
            "nit",
            "telefono",
            "direccion",
            "ciudad",
            "email",
            "color_primario",
            "color_secundario",
            "mensaje_bienvenida",
            "dominio_portal",
        ]
        widgets = {
            "color_primario": forms.TextInput(attrs={"type": "color"}),
            "color_secundario": forms.TextInput(attrs={"type": "color"}),
            "mensaje_bienvenida": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_nit(self):
        nit = normalizar_documento(self.cleaned_data["nit"])
        validar_nit(nit)
        return nit

    def clean_dominio_portal(self):
        dominio = self.cleaned_data["dominio_portal"].strip().lower()
        for prefijo in ("https://", "http://"):
            dominio = dominio.removeprefix(prefijo)
        return dominio.rstrip("/")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo:
            return None
        if logo.size > LOGO_MAX_BYTES:
            raise ValidationError(_("El logo pesa más de 2 MB: reduzca la imagen e intente de nuevo."))
        imagen = getattr(logo, "image", None)
        if imagen is None or (imagen.format or "").upper() not in LOGO_FORMATOS:
            raise ValidationError(_("Suba una imagen PNG, JPG, GIF o WEBP."))
        ancho, alto = imagen.size
        if not (LOGO_MIN_LADO <= ancho <= LOGO_MAX_LADO and LOGO_MIN_LADO <= alto <= LOGO_MAX_LADO):
            raise ValidationError(
                _("El logo mide %(a)s x %(h)s px: use entre 16 y 4000 px por lado.") % {"a": ancho, "h": alto}
            )
        return logo
