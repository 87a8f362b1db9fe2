"""Demo data for the agency's master data; idempotent (keyed by natural keys)."""

import io
import random
import unicodedata
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from stdnum.co import nit

from nucleo.fechas import mes_sumar
from terceros.models import (
    Contrato,
    Entidad,
    EstadoContrato,
    Propiedad,
    PropiedadPropietario,
    Tercero,
    TipoDocumento,
    TipoPropiedad,
    Usuario,
)

STAFF = [
    # username, password, group, first name, last name
    ("admin", "Gestion.2026", "Administrador", "Laura", "Restrepo"),
    ("auxiliar", "Gestion.2026", "Auxiliar", "Andrés", "Gómez"),
]

# The three demo portal logins (document, password); README lists them.
PORTAL_INQUILINO = ("1020304050", "Inquilino.2026")
PORTAL_PROPIETARIO = ("79111222", "Propietario.2026")
PORTAL_AMBOS = ("52333444", "Ambos.2026")

_NOMBRES = [
    "María Fernanda",
    "Juan Carlos",
    "Luisa",
    "Santiago",
    "Valentina",
    "Carlos Andrés",
    "Daniela",
    "Jorge",
    "Camila",
    "Felipe",
    "Natalia",
    "Alejandro",
    "Paula",
    "Sebastián",
    "Catalina",
    "Diego",
    "Manuela",
    "Julián",
    "Sara",
    "Mateo",
]
_APELLIDOS = [
    "García Pérez",
    "Rodríguez López",
    "Martínez Gómez",
    "Hernández Díaz",
    "Moreno Rojas",
    "Jiménez Castro",
    "Vargas Ortiz",
    "Ramírez Suárez",
    "Torres Mejía",
    "Castaño Ríos",
    "Londoño Arango",
    "Ospina Zapata",
]
_EMPRESAS = ["Inversiones El Poblado S.A.S.", "Comercializadora Andina Ltda.", "Rentas del Valle S.A.S."]
# (street of the barrio, barrio, municipality): an address reads true only with its own city.
_BARRIOS = [
    ("Cra. 76 # 33A", "Laureles", "Medellín"),
    ("Cl. 10 # 43D", "El Poblado", "Medellín"),
    ("Cra. 80 # 28", "Belén", "Medellín"),
    ("Cra. 43A # 36 Sur", "La Magnolia", "Envigado"),
    ("Cl. 75 Sur # 43A", "Restrepo Naranjo", "Sabaneta"),
    ("Cra. 85 # 65", "Robledo", "Medellín"),
    ("Cl. 44 # 84", "La América", "Medellín"),
    ("Cra. 68 # 96", "Castilla", "Medellín"),
]


def _logo_png(color: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    imagen = Image.new("RGB", (360, 96), color)
    dibujo = ImageDraw.Draw(imagen)
    fuente = ImageFont.load_default(size=34)
    dibujo.text((18, 26), "Inmobiliaria Andes", fill="#FFFFFF", font=fuente)
    salida = io.BytesIO()
    imagen.save(salida, format="PNG")
    return salida.getvalue()


def _cargar_entidad() -> Entidad:
    entidad, _creada = Entidad.objects.update_or_create(
        pk=1,
        defaults={
            "nombre": "Inmobiliaria Andes S.A.S.",
            "nit": "9001234568",
            "telefono": "(604) 444 1234",
            "direccion": "Cra. 43A # 1-50, Of. 802",
            "ciudad": "Medellín",
            "email": "servicioalcliente@inmobiliariaandes.co",
            "color_primario": "#1A4F8B",
            "color_secundario": "#F2A900",
            "mensaje_bienvenida": "Bienvenido al Área de Clientes de Inmobiliaria Andes. "
            "Consulte sus facturas, pagos y solicitudes en un solo lugar.",
            "dominio_portal": "clientes.inmobiliariaandes.co",
        },
    )
    _asegurar_logo(entidad)
    return entidad


LOGO_DEMO = "entidad/logo-andes.png"


def _asegurar_logo(entidad: Entidad) -> None:
    """Store the demo logo only when it is missing or changed: a rerun (or a new database over the same
    media folder) must not leave another copy of the file each time. A logo staff uploaded is kept."""
    almacen = entidad.logo.storage
    if entidad.logo and entidad.logo.name != LOGO_DEMO and almacen.exists(entidad.logo.name):
        return
    contenido = _logo_png(entidad.color_primario)
    if almacen.exists(LOGO_DEMO):
        with almacen.open(LOGO_DEMO, "rb") as archivo:
            igual = archivo.read() == contenido
        if not igual:
            almacen.delete(LOGO_DEMO)
    else:
        igual = False
    if not igual:
        almacen.save(LOGO_DEMO, ContentFile(contenido))
    if not igual or entidad.logo.name != LOGO_DEMO:
        entidad.logo.name = LOGO_DEMO
        entidad.save(update_fields=["logo", "actualizado_en"])  # a new ?v= for browsers' caches


def _cargar_staff() -> None:
    for username, password, grupo, nombre, apellido in STAFF:
        group, _ = Group.objects.get_or_create(name=grupo)
        user, creado = Usuario.objects.get_or_create(
            username=username,
            defaults={
                "first_name": nombre,
                "last_name": apellido,
                "is_staff": True,
                "email": f"{username}@andes.test",
            },
        )
        if creado:
            user.set_password(password)
            user.is_superuser = grupo == "Administrador"
            user.save()
        user.groups.add(group)


def _tercero(documento, *, tipo=TipoDocumento.CC, inquilino=False, propietario=False, email=True, **campos):
    nombre = (campos.get("nombres") or campos.get("razon_social") or "cliente").split()[0].lower()
    nombre_email = unicodedata.normalize("NFKD", nombre).encode("ascii", "ignore").decode()
    defaults = {
        "tipo_documento": tipo,
        "es_inquilino": inquilino,
        "es_propietario": propietario,
        "email": f"{nombre_email}.{documento[-4:]}@correo.test" if email else "",
        "ciudad": "Medellín",
        **campos,
    }
    tercero, _ = Tercero.objects.update_or_create(numero_documento=documento, defaults=defaults)
    return tercero


def _portal(tercero: Tercero, password: str) -> None:
    if tercero.usuario_id:
        return
    user = Usuario.objects.create_user(
        username=tercero.numero_documento, email=tercero.email, password=password
    )
    tercero.usuario = user
    tercero.save(update_fields=["usuario"])


def cargar(*, hoy: date, stdout=None) -> dict[str, int]:
    rnd = random.Random(2026)  # same data on every run
    _cargar_entidad()
    _cargar_staff()

    inquilino = _tercero(
        PORTAL_INQUILINO[0],
        inquilino=True,
        nombres="Ana María",
        apellidos="Restrepo Vélez",
        celular="300 123 4567",
        direccion="Cl. 10 # 35-20, Apto 301",
    )
    propietario = _tercero(
        PORTAL_PROPIETARIO[0],
        propietario=True,
        nombres="Hernán",
        apellidos="Uribe Salazar",
        celular="310 555 1212",
        direccion="Cra. 70 # 44-10",
    )
    ambos = _tercero(
        PORTAL_AMBOS[0],
        inquilino=True,
        propietario=True,
        nombres="Gloria Inés",
        apellidos="Mejía Cardona",
        celular="315 777 8899",
        direccion="Tv. 39 # 74B-15",
    )
    for tercero, (_, password) in (
        (inquilino, PORTAL_INQUILINO),
        (propietario, PORTAL_PROPIETARIO),
        (ambos, PORTAL_AMBOS),
    ):
        _portal(tercero, password)

    inquilinos = [inquilino, ambos]
    propietarios = [propietario, ambos]
    for i in range(34):
        documento = str(1036600000 + i * 7919)
        es_propietario = i % 3 == 0
        es_inquilino = not es_propietario or i % 9 == 0
        tercero = _tercero(
            documento,
            inquilino=es_inquilino,
            propietario=es_propietario,
            email=i % 8 != 5,  # a few without email, as in real agencies
            nombres=_NOMBRES[i % len(_NOMBRES)],
            apellidos=_APELLIDOS[(i * 5) % len(_APELLIDOS)],
            celular=f"3{rnd.randint(0, 2)}{rnd.randint(0, 9)} {rnd.randint(100, 999)} {rnd.randint(1000, 9999)}",
            direccion=f"Cl. {rnd.randint(1, 99)} # {rnd.randint(1, 99)}-{rnd.randint(1, 99)}",
            codigo_cliente=f"C-{1000 + i}",
        )
        (propietarios if es_propietario else inquilinos).append(tercero)
        if es_inquilino and es_propietario:
            inquilinos.append(tercero)
    for i, razon in enumerate(_EMPRESAS):
        base = str(800100200 + i * 37)
        empresa = _tercero(
            base + nit.calc_check_digit(base),
            tipo=TipoDocumento.NIT,
            propietario=True,
            razon_social=razon,
            telefono="(604) 321 0000",
            codigo_cliente=f"E-{100 + i}",
        )
        propietarios.append(empresa)

    # One property per owner (the demo owner gets two), each with an active lease when a tenant is free.
    inquilinos_libres = list(dict.fromkeys(inquilinos))
    propiedades = 0
    for i, dueno in enumerate([*list(dict.fromkeys(propietarios)), propietario]):
        codigo = f"P-{100 + i}"
        calle, barrio, ciudad = _BARRIOS[i % len(_BARRIOS)]
        propiedad, _ = Propiedad.objects.update_or_create(
            codigo=codigo,
            defaults={
                "direccion": f"{calle}-{10 + 3 * i}, {barrio}",
                "ciudad": ciudad,
                "tipo": [TipoPropiedad.APARTAMENTO, TipoPropiedad.CASA, TipoPropiedad.LOCAL][i % 3],
            },
        )
        PropiedadPropietario.objects.get_or_create(propiedad=propiedad, tercero=dueno)
        propiedades += 1
        candidatos = [t for t in inquilinos_libres if t != dueno]
        if not candidatos:
            continue
        arrendatario = candidatos[0]
        inquilinos_libres.remove(arrendatario)
        canon = Decimal(rnd.choice([1_200_000, 1_450_000, 1_800_000, 2_100_000, 2_650_000, 3_400_000]))
        # Leases began 12 to 23 months before `hoy` and run 2 or 3 years, so all twelve demo months are
        # covered on any day. A rerun keeps an existing lease as it is (its dates and number do not move).
        inicio = mes_sumar(hoy, -23 + i % 12)
        contrato = Contrato.objects.filter(propiedad=propiedad, numero__startswith="CT-").first()
        if contrato is None:
            contrato = Contrato.objects.create(
                numero=f"CT-{inicio.year}-{100 + i:03d}",
                propiedad=propiedad,
                inquilino=arrendatario,
                canon=canon,
                fecha_inicio=inicio,
                fecha_fin=mes_sumar(inicio, 24 + 12 * (i % 2)),
                comision_porcentaje=Decimal("10.00"),
                dia_vencimiento=5,
                estado=EstadoContrato.ACTIVO,
            )
        codeudor = candidatos[-1]
        if codeudor != arrendatario:
            contrato.codeudores.add(codeudor)

    resumen = {
        "terceros": Tercero.objects.count(),
        "propiedades": propiedades,
        "contratos": Contrato.objects.count(),
    }
    if stdout is not None:
        stdout.write(
            f"  terceros: {resumen['terceros']}, propiedades: {propiedades}, contratos: {resumen['contratos']}"
        )
    return resumen
