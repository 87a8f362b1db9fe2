"""The agency's master data: Entidad, Usuario, Tercero, Propiedad, Contrato."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terceros.busqueda import TextoBusqueda
from terceros.documentos import validar_nit

color_validator = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Use un color hexadecimal como #1A4F8B."))


class Usuario(AbstractUser):
    """A login: agency staff (is_staff) or a portal client (username = document number)."""

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")


class Entidad(models.Model):
    """The agency itself; exactly one row (pk=1)."""

    nombre = models.CharField(_("nombre"), max_length=150)
    nit = models.CharField(_("NIT"), max_length=20, validators=[validar_nit])
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    direccion = models.CharField(_("dirección"), max_length=200, blank=True)
    ciudad = models.CharField(_("ciudad"), max_length=80, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="entidad/", blank=True)
    color_primario = models.CharField(
        _("color primario"), max_length=7, default="#1A4F8B", validators=[color_validator]
    )
    color_secundario = models.CharField(
        _("color secundario"), max_length=7, default="#F2A900", validators=[color_validator]
    )
    mensaje_bienvenida = models.TextField(_("mensaje de bienvenida"), blank=True)
    dominio_portal = models.CharField(
        _("dominio del portal"), max_length=200, blank=True, help_text=_("Ej.: clientes.miinmobiliaria.com")
    )
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entidad")
        verbose_name_plural = _("entidad")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="entidad_unica")]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class TipoDocumento(models.TextChoices):
    CC = "CC", _("Cédula de ciudadanía")
    CE = "CE", _("Cédula de extranjería")
    NIT = "NIT", _("NIT")
    PA = "PA", _("Pasaporte")
    TI = "TI", _("Tarjeta de identidad")
    PPT = "PPT", _("Permiso por protección temporal")


class ClaseTercero(models.TextChoices):
    """Which terceros a clase selects. One meaning everywhere: the terceros list, the tercero
    picker and its endpoint, the bulk password send (`python manage.py generar_contrasenas --clase`).

    - ``AMBOS`` ("Inquilinos y Propietarios"): everyone who is a tenant **or** an owner (or both),
      as in the bulk send of the real product ("Ambos, si desea incluir todos").
    - ``INQUILINOS``: every tenant (``es_inquilino``), owners who also rent included.
    - ``PROPIETARIOS``: every owner (``es_propietario``), tenants who also own included.
    - ``INQUILINO_Y_PROPIETARIO``: only those who are tenant **and** owner at once (a list filter;
      the bulk send does not offer it).
    - no clase (empty or unknown value): every tercero, even one with neither flag.
    """

    AMBOS = "ambos", _("Inquilinos y Propietarios")
    INQUILINOS = "inquilinos", _("Solo Inquilinos")
    PROPIETARIOS = "propietarios", _("Solo Propietarios")
    INQUILINO_Y_PROPIETARIO = "inquilino_y_propietario", _("Inquilino y propietario a la vez")

    @classmethod
    def filtro(cls, valor: str) -> Q:
        """The condition for a clase value; Q() (everyone) for an empty or unknown one."""
        return {
            cls.AMBOS: Q(es_inquilino=True) | Q(es_propietario=True),
            cls.INQUILINOS: Q(es_inquilino=True),
            cls.PROPIETARIOS: Q(es_propietario=True),
            cls.INQUILINO_Y_PROPIETARIO: Q(es_inquilino=True, es_propietario=True),
        }.get(valor, Q())


# What the bulk send offers, in its order (SolicitudEnvio.clase stores one of these).
CLASES_ENVIO = [
    (c.value, c.label) for c in (ClaseTercero.AMBOS, ClaseTercero.INQUILINOS, ClaseTercero.PROPIETARIOS)
]


class Tercero(models.Model):
    """A person or company the agency deals with: tenant, owner, or both."""

    tipo_documento = models.CharField(_("tipo de documento"), max_length=3, choices=TipoDocumento.choices)
    numero_documento = models.CharField(_("número de documento"), max_length=20, unique=True)
    nombres = models.CharField(_("nombres"), max_length=100, blank=True)
    apellidos = models.CharField(_("apellidos"), max_length=100, blank=True)
    razon_social = models.CharField(_("razón social"), max_length=200, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    celular = models.CharField(_("celular"), max_length=40, blank=True)
    direccion = models.CharField(_("dirección"), max_length=200, blank=True)
    ciudad = models.CharField(_("ciudad"), max_length=80, blank=True)
    codigo_cliente = models.CharField(_("código de cliente"), max_length=30, blank=True, db_index=True)
    es_inquilino = models.BooleanField(_("inquilino"), default=False)
    es_propietario = models.BooleanField(_("propietario"), default=False)
    habeas_data_aceptado_en = models.DateTimeField(
        _("autorización de datos (Ley 1581)"), null=True, blank=True
    )
    usuario = models.OneToOneField(
        Usuario,
        verbose_name=_("usuario del Área de Clientes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tercero",
    )
    creado_en = models.DateTimeField(auto_now_add=True)
    actualizado_en = models.DateTimeField(auto_now=True)
    # Filled by the database on every write (see terceros.busqueda); read only by terceros_buscar.
    busqueda = models.GeneratedField(
        expression=TextoBusqueda(
            "numero_documento", "nombres", "apellidos", "razon_social", "codigo_cliente"
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("tercero")
        verbose_name_plural = _("terceros")
        ordering = ["razon_social", "nombres", "apellidos", "pk"]
        # The trigram index on `busqueda` lives in migration 0004 (PostgreSQL only); the document
        # prefix search uses the varchar_pattern_ops index Django creates for the unique column.
        indexes = [
            models.Index(fields=["razon_social", "nombres", "apellidos", "id"], name="tercero_orden_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(nombres="") | ~Q(razon_social=""), name="tercero_tiene_nombre"
            ),
            models.CheckConstraint(condition=~Q(numero_documento=""), name="tercero_tiene_documento"),
        ]

    def __str__(self):
        return f"{self.nombre_completo} ({self.numero_documento})"

    @property
    def nombre_completo(self) -> str:
        if self.razon_social:
            return self.razon_social
        return f"{self.nombres} {self.apellidos}".strip()

    @property
    def etiqueta(self) -> str:
        """How the tercero picker shows it: document first, to tell namesakes apart."""
        return f"{self.numero_documento} {self.nombre_completo.upper()}"

    @property
    def clase(self) -> str:
        if self.es_inquilino and self.es_propietario:
            return _("Inquilino y propietario")
        if self.es_inquilino:
            return _("Inquilino")
        if self.es_propietario:
            return _("Propietario")
        return _("Sin clase")


class TipoPropiedad(models.TextChoices):
    APARTAMENTO = "apartamento", _("Apartamento")
    CASA = "casa", _("Casa")
    LOCAL = "local", _("Local")
    OFICINA = "oficina", _("Oficina")
    BODEGA = "bodega", _("Bodega")
    LOTE = "lote", _("Lote")
    OTRO = "otro", _("Otro")


class Propiedad(models.Model):
    """A property the agency manages, with one or more owners."""

    codigo = models.CharField(_("código"), max_length=30, unique=True)
    direccion = models.CharField(_("dirección"), max_length=200)
    ciudad = models.CharField(_("ciudad"), max_length=80)
    tipo = models.CharField(
        _("tipo"), max_length=20, choices=TipoPropiedad.choices, default=TipoPropiedad.APARTAMENTO
    )
    propietarios = models.ManyToManyField(
        Tercero, through="PropiedadPropietario", related_name="propiedades", verbose_name=_("propietarios")
    )
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("propiedad")
        verbose_name_plural = _("propiedades")
        ordering = ["codigo"]

    def __str__(self):
        return f"{self.codigo} — {self.direccion}"


class PropiedadPropietario(models.Model):
    """An owner's share of a property."""

    propiedad = models.ForeignKey(Propiedad, on_delete=models.CASCADE, related_name="participaciones")
    tercero = models.ForeignKey(Tercero, on_delete=models.PROTECT, related_name="participaciones")
    participacion = models.DecimalField(
        _("participación %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("propietario de la propiedad")
        verbose_name_plural = _("propietarios de la propiedad")
        constraints = [
            models.UniqueConstraint(fields=["propiedad", "tercero"], name="propietario_unico_por_propiedad"),
            models.CheckConstraint(
                condition=Q(participacion__gt=0) & Q(participacion__lte=100),
                name="participacion_entre_0_y_100",
            ),
        ]

    def __str__(self):
        return f"{self.tercero} — {self.participacion} %"


class EstadoContrato(models.TextChoices):
    ACTIVO = "activo", _("Activo")
    TERMINADO = "terminado", _("Terminado")
    CANCELADO = "cancelado", _("Cancelado")


class Contrato(models.Model):
    """A lease: property, tenant, co-signers, rent, dates, commission."""

    numero = models.CharField(_("número"), max_length=30, unique=True)
    propiedad = models.ForeignKey(Propiedad, on_delete=models.PROTECT, related_name="contratos")
    inquilino = models.ForeignKey(
        Tercero,
        on_delete=models.PROTECT,
        related_name="contratos_como_inquilino",
        verbose_name=_("inquilino"),
    )
    codeudores = models.ManyToManyField(
        Tercero, blank=True, related_name="contratos_como_codeudor", verbose_name=_("codeudores")
    )
    canon = models.DecimalField(_("canon mensual"), max_digits=14, decimal_places=2)
    fecha_inicio = models.DateField(_("fecha de inicio"))
    fecha_fin = models.DateField(_("fecha de terminación"))
    dia_vencimiento = models.PositiveSmallIntegerField(
        _("día de pago"), default=5, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    comision_porcentaje = models.DecimalField(
        _("comisión %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=EstadoContrato.choices, default=EstadoContrato.ACTIVO
    )
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contrato")
        verbose_name_plural = _("contratos")
        ordering = ["-fecha_inicio", "numero"]
        indexes = [models.Index(fields=["-fecha_inicio", "numero"], name="contrato_orden_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(canon__gt=0), name="contrato_canon_positivo"),
            models.CheckConstraint(
                condition=Q(fecha_fin__gt=models.F("fecha_inicio")), name="contrato_fechas_en_orden"
            ),
            models.CheckConstraint(
                condition=Q(comision_porcentaje__gte=0) & Q(comision_porcentaje__lte=100),
                name="contrato_comision_entre_0_y_100",
            ),
            models.CheckConstraint(
                condition=Q(dia_vencimiento__gte=1) & Q(dia_vencimiento__lte=28),
                name="contrato_dia_pago_valido",
            ),
            models.UniqueConstraint(
                fields=["propiedad"], condition=Q(estado="activo"), name="un_contrato_activo_por_propiedad"
            ),
        ]

    def __str__(self):
        return f"{self.numero} — {self.propiedad.direccion}"
