"""factory-boy factories for the master data (terceros app)."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone
from stdnum.co import nit

from terceros.models import (
    Contrato,
    Entidad,
    EstadoContrato,
    Propiedad,
    PropiedadPropietario,
    Tercero,
    TipoDocumento,
    Usuario,
)

CLAVE_PRUEBA = "Clave.Segura.2026"


class EntidadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entidad
        django_get_or_create = ("id",)

    id = 1
    nombre = "Inmobiliaria Prueba S.A.S."
    nit = "9001234568"
    telefono = "(604) 444 0000"
    email = "contacto@prueba.test"
    dominio_portal = "clientes.prueba.test"


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@prueba.test")
    password = factory.PostGenerationMethodCall("set_password", CLAVE_PRUEBA)

    @factory.post_generation
    def _guardar(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UsuarioFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True


class TerceroFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tercero

    tipo_documento = TipoDocumento.CC
    numero_documento = factory.Sequence(lambda n: str(10_000_000 + n))
    nombres = factory.Faker("first_name", locale="es_CO")
    apellidos = factory.Faker("last_name", locale="es_CO")
    email = factory.LazyAttribute(lambda o: f"cliente{o.numero_documento}@prueba.test")
    celular = "300 000 0000"
    ciudad = "Medellín"
    es_inquilino = True


class EmpresaFactory(TerceroFactory):
    tipo_documento = TipoDocumento.NIT
    numero_documento = factory.Sequence(lambda n: (b := str(800_000_000 + n)) + nit.calc_check_digit(b))
    nombres = ""
    apellidos = ""
    razon_social = factory.Sequence(lambda n: f"Empresa {n} S.A.S.")
    es_inquilino = False
    es_propietario = True


class ClienteFactory(TerceroFactory):
    """A tercero with a portal login, consent already given."""

    habeas_data_aceptado_en = factory.LazyFunction(timezone.now)
    usuario = factory.SubFactory(
        UsuarioFactory,
        username=factory.SelfAttribute("..numero_documento"),
        email=factory.SelfAttribute("..email"),
    )


class PropiedadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Propiedad
        skip_postgeneration_save = True

    codigo = factory.Sequence(lambda n: f"P-{n:05d}")
    direccion = factory.Sequence(lambda n: f"Cra. {n % 90 + 1} # {n % 50 + 1}-{n % 99 + 1}")
    ciudad = "Medellín"

    @factory.post_generation
    def propietarios(obj, create, extracted, **kwargs):
        if create and extracted:
            for tercero in extracted:
                PropiedadPropietario.objects.create(
                    propiedad=obj, tercero=tercero, participacion=Decimal("100") / len(extracted)
                )


class ContratoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contrato

    numero = factory.Sequence(lambda n: f"CT-{n:05d}")
    propiedad = factory.SubFactory(PropiedadFactory)
    inquilino = factory.SubFactory(TerceroFactory)
    canon = Decimal("1500000")
    fecha_inicio = date(2026, 1, 1)
    fecha_fin = date(2027, 1, 1)
    comision_porcentaje = Decimal("10")
    estado = EstadoContrato.ACTIVO
