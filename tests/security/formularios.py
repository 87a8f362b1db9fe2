"""Registry of every form the fuzzer attacks (tests/security/test_fuzz_formularios.py).

One `Formulario` per form: the URL name it posts to, who is logged in, its fields and their kind,
how to fill the URL's parameters, and valid values for the fields the fuzzer leaves alone.
Fields are read from the Django form classes (`campos_de(Form)`) so a field added to a form is
fuzzed without touching this file; give `campos=` by hand for endpoints without a form class
(gateway confirmations).

A view that accepts POST (walked from the URLconf) with no entry here fails
`test_every_post_view_has_a_fuzz_entry` — add its entry, or list it in SIN_FORMULARIO with why.

Payment gateway confirmations (`pasarelas:*_confirmacion`, `pasarelas:wompi_eventos`): register
them with `quien=ANONIMO, formato=JSON or FORM, re_renderiza=False` and their fields by hand
(`{"reference_sale": Tipo.TEXTO, "value": Tipo.NUMERO, …}`); the fuzzer asserts no 500 and no
exception for every hostile body, and no Pago created from an unsigned one (`sin_efectos=`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from django import forms
from django.contrib.auth.forms import UsernameField

from area_clientes.forms import (
    AutorizacionDatosForm,
    CambiarContrasenaForm,
    ElegirContrasenaForm,
    PagarEnLineaForm,
    PerfilForm,
    PortalLoginForm,
    RecuperarForm,
)
from area_clientes.forms_pqrs import PqrsForm, RespuestaClienteForm, SolicitudDatosForm
from envios.forms import ConfiguracionForm, GenerarForm, TercerosField
from facturacion.forms import AnularForm, FacturaManualForm, FiltroFacturasForm, ItemForm, ResolucionForm
from nucleo.campos import MesField
from nucleo.idempotencia import CAMPO as CAMPO_CLAVE
from nucleo.idempotencia import FormularioIdempotenteMixin
from pagos.forms import (
    AnularDineroForm,
    ConfirmarEgresoForm,
    FiltroEgresosForm,
    FiltroPagosForm,
    LiquidarForm,
    PagoForm,
)
from pqrs.forms_gestion import (
    AsignarForm,
    CerrarForm,
    ConfiguracionPqrsForm,
    FiltroBandejaForm,
    NotaForm,
    ProrrogarForm,
    RegistrarPqrsForm,
    ResponderForm,
    SolicitarInformacionForm,
)
from terceros.forms import (
    ContratoForm,
    EntidadForm,
    PropiedadForm,
    PropietarioForm,
    StaffLoginForm,
    TerceroBuscarForm,
    TerceroEditarForm,
    TerceroForm,
)

DONDE = "tests/security/formularios.py"


class Tipo(Enum):
    TEXTO = "texto"  # free text: kept as typed when the form comes back
    CLAVE = "clave"  # a password: never re-rendered
    EMAIL = "email"
    NUMERO = "numero"  # integers, decimals, money
    FECHA = "fecha"
    MES = "mes"  # "2026-11"
    OPCION = "opcion"  # one of a list
    ID = "id"  # a row's primary key (or a list of them)
    BOOLEANO = "booleano"
    ARCHIVO = "archivo"  # hostile bytes under a hostile name
    OCULTO = "oculto"  # hidden bookkeeping (idempotency key, management form)


# Who is logged in for the request.
ANONIMO, CLIENTE, STAFF = "anonimo", "cliente", "staff"
# How the body is sent.
FORM, JSON = "form", "json"


def tipo_de(campo: forms.Field) -> Tipo:
    # Order matters: MesField is a CharField, a ModelMultipleChoiceField a ModelChoiceField.
    if isinstance(campo, forms.FileField):
        return Tipo.ARCHIVO
    if isinstance(campo, MesField):
        return Tipo.MES
    if isinstance(campo, forms.ModelChoiceField | TercerosField):
        return Tipo.ID
    if isinstance(campo, forms.BooleanField):
        return Tipo.BOOLEANO
    if isinstance(campo, forms.DateField | forms.DateTimeField):  # Registrar PQRS: fecha de recepción
        return Tipo.FECHA
    if isinstance(campo, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return Tipo.NUMERO
    if isinstance(campo, forms.ChoiceField):
        return Tipo.OPCION
    if isinstance(campo, forms.EmailField):
        return Tipo.EMAIL
    if isinstance(campo.widget, forms.PasswordInput):
        return Tipo.CLAVE
    if isinstance(campo.widget, forms.HiddenInput):
        return Tipo.OCULTO
    if isinstance(campo, forms.CharField | UsernameField):
        return Tipo.TEXTO
    raise AssertionError(f"{type(campo).__name__}: give it a Tipo in tipo_de() ({DONDE})")


def campos_de(clase: type[forms.BaseForm], *, prefijo: str = "", **kwargs) -> dict[str, Tipo]:
    """The fields of a form class and their kind (`prefijo="items-0-"` for a formset's row).

    An idempotent form's hidden key is added per instance (not a base field): named here, so every
    such form has its key attacked too.
    """
    campos = {f"{prefijo}{nombre}": tipo_de(campo) for nombre, campo in clase.base_fields.items()}
    if issubclass(clase, FormularioIdempotenteMixin):
        campos[f"{prefijo}{CAMPO_CLAVE}"] = Tipo.OCULTO
    return campos


def gestion_de(prefijo: str) -> dict[str, Tipo]:
    """A formset's management form: hostile TOTAL_FORMS is a classic 500."""
    return {f"{prefijo}-TOTAL_FORMS": Tipo.NUMERO, f"{prefijo}-INITIAL_FORMS": Tipo.NUMERO}


@dataclass(frozen=True)
class Formulario:
    url: str  # URL name the form posts to
    quien: str  # ANONIMO | CLIENTE | STAFF (a superuser Administrador)
    campos: dict[str, Tipo]
    # name → value from the world (tests/security/test_fuzz_formularios.py `MundoFuzz`)
    kwargs: Callable[[object], dict] = field(default=lambda m: {})
    # Valid values for the other fields; by default the hostile walk's valid submission for the
    # URL (tests/security/test_entradas_hostiles.py `mundo.validos`).
    validos: Callable[[object], dict] | None = None
    metodo: str = "post"
    formato: str = FORM
    # The page answers an invalid submission with the form again (typed text must be kept).
    re_renderiza: bool = True
    # A count that no hostile submission may change (e.g. `lambda: Pago.objects.count()` for an
    # unsigned gateway confirmation): checked before and after every example.
    sin_efectos: Callable[[], int] | None = None
    nota: str = ""

    def valores_validos(self, mundo) -> dict:
        return self.validos(mundo) if self.validos else dict(mundo.validos.get(self.url, {}))

    @property
    def clave(self) -> str:
        return f"{self.url}{'@' + self.nota if self.nota else ''}"


def _pk(nombre: str) -> Callable[[object], dict]:
    return lambda m: {"pk": m.ids[nombre]}


FORMULARIOS: list[Formulario] = [
    # --- logins -----------------------------------------------------------------------------
    Formulario("area_clientes:ingresar", ANONIMO, campos_de(PortalLoginForm)),
    Formulario("gestion:ingresar", ANONIMO, campos_de(StaffLoginForm)),
    # --- portal ------------------------------------------------------------------------------
    Formulario("area_clientes:recuperar", ANONIMO, campos_de(RecuperarForm)),
    Formulario(
        "area_clientes:activar",
        ANONIMO,
        campos_de(ElegirContrasenaForm),
        kwargs=lambda m: m.enlace("activar"),
    ),
    Formulario(
        "area_clientes:recuperar_confirmar",
        ANONIMO,
        campos_de(ElegirContrasenaForm),
        kwargs=lambda m: m.enlace("recuperar"),
    ),
    Formulario("area_clientes:perfil", CLIENTE, campos_de(PerfilForm)),
    Formulario("area_clientes:cambiar_contrasena", CLIENTE, campos_de(CambiarContrasenaForm)),
    Formulario("area_clientes:autorizacion_datos", CLIENTE, campos_de(AutorizacionDatosForm)),
    # PQRS and habeas data (branch pqrs); the idempotency key is added per instance, so absent here.
    Formulario("area_clientes:pqrs_nueva", CLIENTE, campos_de(PqrsForm)),
    Formulario(
        "area_clientes:pqrs_responder",
        CLIENTE,
        campos_de(RespuestaClienteForm),
        kwargs=_pk("pqrs"),
        validos=lambda m: {"texto": "Adjunto la foto"},
    ),
    Formulario(
        "area_clientes:mis_datos_solicitud",
        CLIENTE,
        campos_de(SolicitudDatosForm),
        validos=lambda m: {"tipo": "consulta", "detalle": "¿Qué datos tienen?"},
    ),
    # Online payment (branch pago-portal): 'Pagar con PayU' carries only its idempotency key; the
    # invoices come from the URL or the selection, which must be the client's own and payable.
    Formulario(
        "area_clientes:pagar",
        CLIENTE,
        campos_de(PagarEnLineaForm),
        kwargs=_pk("pagar"),
        validos=lambda m: {},
        re_renderiza=False,
    ),
    Formulario(
        "area_clientes:pagar_varias",
        CLIENTE,
        {**campos_de(PagarEnLineaForm), "facturas": Tipo.ID},
        validos=lambda m: {"facturas": [m.ids["pagar"]]},
        re_renderiza=False,
    ),
    Formulario(
        "area_clientes:pagar_varias",
        CLIENTE,
        {"facturas": Tipo.ID},
        validos=lambda m: {"facturas": [m.ids["pagar"]]},
        metodo="get",
        re_renderiza=False,
        nota="elegir",
    ),
    # --- back-office: master data -------------------------------------------------------------
    Formulario("gestion:tercero_nuevo", STAFF, campos_de(TerceroForm)),
    Formulario(
        "gestion:tercero_editar",
        STAFF,
        campos_de(TerceroEditarForm),
        kwargs=_pk("tercero"),
    ),
    Formulario(
        "gestion:propiedad_nueva",
        STAFF,
        {
            **campos_de(PropiedadForm),
            **gestion_de("propietarios"),
            "propietarios-0-DELETE": Tipo.BOOLEANO,
            **campos_de(PropietarioForm, prefijo="propietarios-0-"),
        },
    ),
    Formulario(
        "gestion:propiedad_editar",
        STAFF,
        {
            **campos_de(PropiedadForm),
            **gestion_de("propietarios"),
            "propietarios-0-DELETE": Tipo.BOOLEANO,
            **campos_de(PropietarioForm, prefijo="propietarios-0-"),
        },
        kwargs=_pk("propiedad"),
    ),
    Formulario("gestion:contrato_nuevo", STAFF, campos_de(ContratoForm)),
    Formulario(
        "gestion:contrato_editar",
        STAFF,
        campos_de(ContratoForm),
        kwargs=_pk("contrato"),
    ),
    Formulario("gestion:entidad", STAFF, campos_de(EntidadForm)),
    # --- back-office: invoicing ------------------------------------------------------------------
    Formulario(
        "facturacion:factura_nueva",
        STAFF,
        {**campos_de(FacturaManualForm), **gestion_de("items"), **campos_de(ItemForm, prefijo="items-0-")},
    ),
    Formulario(
        "facturacion:factura_anular", STAFF, campos_de(AnularForm), kwargs=_pk("factura"), re_renderiza=False
    ),
    Formulario("facturacion:resoluciones", STAFF, campos_de(ResolucionForm)),
    # --- back-office: payments ------------------------------------------------------------------
    Formulario(
        "pagos:pago_nuevo",
        STAFF,
        {"tercero": Tipo.ID, **campos_de(PagoForm)},
    ),
    Formulario(
        "pagos:pago_anular", STAFF, campos_de(AnularDineroForm), kwargs=_pk("pago"), re_renderiza=False
    ),
    Formulario("pagos:egreso_nuevo", STAFF, campos_de(LiquidarForm)),
    Formulario(
        "pagos:egreso_confirmar",
        STAFF,
        campos_de(ConfirmarEgresoForm),
        kwargs=_pk("egreso"),
        re_renderiza=False,
    ),
    Formulario(
        "pagos:egreso_anular", STAFF, campos_de(AnularDineroForm), kwargs=_pk("egreso"), re_renderiza=False
    ),
    # --- back-office: portal access emails ------------------------------------------------------
    Formulario("envios:generar", STAFF, campos_de(GenerarForm)),
    Formulario("envios:configurar", STAFF, campos_de(ConfiguracionForm)),
    # --- back-office: PQRS ----------------------------------------------------------------------
    Formulario("gestion:pqrs_registrar", STAFF, {"tercero": Tipo.ID, **campos_de(RegistrarPqrsForm)}),
    Formulario("gestion:pqrs_asignar", STAFF, campos_de(AsignarForm), kwargs=_pk("pqrs")),
    Formulario("gestion:pqrs_responder", STAFF, campos_de(ResponderForm), kwargs=_pk("pqrs")),
    Formulario("gestion:pqrs_nota", STAFF, campos_de(NotaForm), kwargs=_pk("pqrs")),
    Formulario("gestion:pqrs_prorrogar", STAFF, campos_de(ProrrogarForm), kwargs=_pk("pqrs")),
    Formulario(
        "gestion:pqrs_solicitar_informacion", STAFF, campos_de(SolicitarInformacionForm), kwargs=_pk("pqrs")
    ),
    Formulario("gestion:pqrs_cerrar", STAFF, campos_de(CerrarForm), kwargs=_pk("pqrs")),
    Formulario("gestion:pqrs_configuracion", STAFF, campos_de(ConfiguracionPqrsForm)),
    # --- filters (GET): the search boxes keep what was typed ---------------------------------
    Formulario("gestion:pqrs_bandeja", STAFF, campos_de(FiltroBandejaForm), metodo="get"),
    Formulario("gestion:terceros", STAFF, campos_de(TerceroBuscarForm), metodo="get"),
    Formulario("facturacion:facturas", STAFF, campos_de(FiltroFacturasForm), metodo="get"),
    Formulario("pagos:pagos", STAFF, campos_de(FiltroPagosForm), metodo="get"),
    Formulario("pagos:egresos", STAFF, campos_de(FiltroEgresosForm), metodo="get"),
    Formulario(
        "area_clientes:facturas",
        CLIENTE,
        # "facturas": the pay-several checkboxes in the rows (they belong to that form by `form=`).
        {"anio": Tipo.NUMERO, "estado": Tipo.OPCION, "pagina": Tipo.NUMERO, "facturas": Tipo.ID},
        metodo="get",
        re_renderiza=False,
    ),
    Formulario(
        "area_clientes:estado_cuenta",
        CLIENTE,
        {"anio": Tipo.NUMERO, "pagina": Tipo.NUMERO},
        metodo="get",
        re_renderiza=False,
    ),
    Formulario(
        "area_clientes:ingresos",
        CLIENTE,
        {"anio": Tipo.NUMERO, "pagina": Tipo.NUMERO},
        metodo="get",
        re_renderiza=False,
    ),
    # Payment gateways' server-to-server confirmations (branch pasarelas): public, unsigned
    # hostile bodies must never create a Pago.
    Formulario(
        url="pasarelas:payu_confirmacion",
        quien=ANONIMO,
        campos={
            "merchant_id": Tipo.TEXTO,
            "state_pol": Tipo.NUMERO,
            "reference_sale": Tipo.TEXTO,
            "value": Tipo.NUMERO,
            "currency": Tipo.TEXTO,
            "transaction_id": Tipo.TEXTO,
            "sign": Tipo.TEXTO,
        },
        validos=lambda m: {
            "merchant_id": "508029",
            "state_pol": "4",
            "currency": "COP",
            "value": "1200000.00",
        },
        re_renderiza=False,
        sin_efectos=lambda: _pagos(),
    ),
    Formulario(
        url="pasarelas:wompi_eventos",
        quien=ANONIMO,
        campos={"event": Tipo.TEXTO, "timestamp": Tipo.NUMERO, "data": Tipo.TEXTO, "signature": Tipo.TEXTO},
        validos=lambda m: {"event": "transaction.updated", "timestamp": "1530291411"},
        formato=JSON,
        re_renderiza=False,
        sin_efectos=lambda: _pagos(),
    ),
    Formulario(
        url="pasarelas:simulada_confirmacion",
        quien=ANONIMO,
        campos={
            "comercio": Tipo.TEXTO,
            "referencia": Tipo.TEXTO,
            "valor": Tipo.NUMERO,
            "moneda": Tipo.TEXTO,
            "estado": Tipo.OPCION,
            "id_externo": Tipo.TEXTO,
            "firma": Tipo.TEXTO,
        },
        validos=lambda m: {"comercio": "simulada", "estado": "aprobada", "moneda": "COP"},
        re_renderiza=False,
        sin_efectos=lambda: _pagos(),
    ),
    Formulario(
        url="pasarelas:simulada_checkout",
        quien=ANONIMO,
        campos={
            "referencia": Tipo.TEXTO,
            "valor": Tipo.NUMERO,
            "moneda": Tipo.TEXTO,
            "url_respuesta": Tipo.TEXTO,
            "url_confirmacion": Tipo.TEXTO,
            "firma": Tipo.TEXTO,
            "decision": Tipo.OPCION,
        },
        validos=lambda m: {"decision": "aprobar", "moneda": "COP", "url_respuesta": "/customerarea/"},
        re_renderiza=False,
        sin_efectos=lambda: _pagos(),
    ),
]

# Views that accept POST with no form to fuzz, and why.
SIN_FORMULARIO = {
    "area_clientes:salir": "logout: no fields",
    "gestion:salir": "logout: no fields",
    "set_language": "Django's own view; the language switch is tested in tests/test_idioma.py",
    "envios:correo_prueba": "no fields: sends one test email to the agency's own address",
    "envios:cancelar": "no fields: cancels the pending sends",
    "envios:generar_individual": "no fields: queues one tercero's password email",
    "pagos:pago_en_linea_consultar": "no fields: asks the gateway for one attempt's state now",
}


def _pagos() -> int:
    from pagos.models import Pago

    return Pago.objects.count()
