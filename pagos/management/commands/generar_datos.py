"""A large synthetic data set for benchmarks: terceros with portal logins, properties, contracts,
rent invoices (with items), receipts applied to them, owner payouts and, with `--pqrs N`, PQRS
(`pqrs/generar.py`).

Bypasses the per-row services for speed (bulk inserts in chunks) but keeps the numbering
consistent: invoice consecutives are reserved as one block of the active resolution (or of a
resolution created for the purpose), receipt and voucher numbers as blocks of their counters.
"""

import random
import time
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from facturacion.models import EstadoFactura, Factura, ItemFactura, ResolucionFacturacion, TipoFactura
from facturacion.services import fecha_en_periodo, nombre_periodo
from nucleo.consecutivos import consecutivo_reservar
from nucleo.fechas import mes_sumar
from nucleo.models import Consecutivo
from pagos.models import AplicacionPago, Egreso, EstadoEgreso, MetodoPago, Pago
from terceros.models import Contrato, Propiedad, PropiedadPropietario, Tercero, TipoDocumento, Usuario

PREFIJO_CODIGO = "GD-"
DOCUMENTO_BASE = 900_000_000
LOTE = 5000
CANONES = [Decimal(v) for v in (850_000, 1_200_000, 1_450_000, 1_800_000, 2_100_000, 2_650_000, 3_400_000)]
NOMBRES = ["Ana", "Luis", "Marta", "Jorge", "Sofía", "Andrés", "Camila", "Pedro", "Lucía", "Mateo"]
APELLIDOS = ["Gómez", "Rojas", "Pérez", "Restrepo", "Vélez", "Castro", "Mejía", "Ospina", "Arango", "Zapata"]


def _reservar_facturas(cantidad: int, desde_fecha: date) -> tuple[ResolucionFacturacion, int]:
    resolucion = ResolucionFacturacion.objects.select_for_update().filter(activa=True).first()
    if resolucion is None or resolucion.disponibles < cantidad or resolucion.vigente_desde > desde_fecha:
        ResolucionFacturacion.objects.filter(activa=True).update(activa=False)
        resolucion = ResolucionFacturacion.objects.create(
            numero=f"GD-{int(time.time())}",
            fecha=desde_fecha,
            prefijo="GD",
            desde=1,
            hasta=max(cantidad * 2, 1_000_000),
            vigente_desde=desde_fecha,
            vigente_hasta=date(desde_fecha.year + 10, 1, 1),
            activa=True,
        )
        resolucion = ResolucionFacturacion.objects.select_for_update().get(pk=resolucion.pk)
    primero = max(resolucion.consecutivo_actual + 1, resolucion.desde)
    resolucion.consecutivo_actual = primero + cantidad - 1
    resolucion.save(update_fields=["consecutivo_actual"])
    return resolucion, primero


class Command(BaseCommand):
    help = (
        "Genera un conjunto grande de datos sintéticos para pruebas de rendimiento (solo en bases de prueba)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--terceros", type=int, required=True, help="Cantidad de terceros (ej. 20000).")
        parser.add_argument(
            "--facturas", type=int, default=None, help="Cantidad de facturas (por defecto 25 por tercero)."
        )
        parser.add_argument(
            "--pqrs", type=int, default=0, help="Cantidad de PQRS de los terceros generados (ej. 100000)."
        )
        parser.add_argument(
            "--clave", default="Bench.2026", help="Contraseña de los usuarios del portal generados."
        )
        parser.add_argument(
            "--semilla", type=int, default=2026, help="Semilla aleatoria (mismos datos cada vez)."
        )

    def handle(self, *args, **opciones):
        n_terceros = opciones["terceros"]
        n_facturas = opciones["facturas"] if opciones["facturas"] is not None else n_terceros * 25
        if n_terceros < 10:
            raise CommandError("Use al menos 10 terceros.")
        if Tercero.objects.filter(codigo_cliente__startswith=PREFIJO_CODIGO).exists():
            raise CommandError("Ya hay datos generados en esta base (códigos GD-…). Use una base nueva.")
        rnd = random.Random(opciones["semilla"])
        inicio = time.monotonic()
        hoy = timezone.localdate()

        # Terceros: 7 of 10 tenants, 3 of 10 owners; every one with a portal login (one hash for all).
        clave = make_password(opciones["clave"])
        usuarios = Usuario.objects.bulk_create(
            [Usuario(username=str(DOCUMENTO_BASE + i), password=clave) for i in range(n_terceros)],
            batch_size=LOTE,
        )
        terceros = Tercero.objects.bulk_create(
            [
                Tercero(
                    tipo_documento=TipoDocumento.CC,
                    numero_documento=str(DOCUMENTO_BASE + i),
                    nombres=rnd.choice(NOMBRES),
                    apellidos=f"{rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}",
                    email=f"gd{i}@bench.test",
                    codigo_cliente=f"{PREFIJO_CODIGO}{i}",
                    es_inquilino=i % 10 < 7,
                    es_propietario=i % 10 >= 7,
                    habeas_data_aceptado_en=timezone.now(),
                    usuario=usuarios[i],
                )
                for i in range(n_terceros)
            ],
            batch_size=LOTE,
        )
        inquilinos = [t for t in terceros if t.es_inquilino]
        propietarios = [t for t in terceros if t.es_propietario]
        self.stdout.write(
            f"terceros: {len(terceros)} ({len(inquilinos)} inquilinos, {len(propietarios)} propietarios)"
        )

        propiedades = Propiedad.objects.bulk_create(
            [
                Propiedad(
                    codigo=f"{PREFIJO_CODIGO}P{i}",
                    direccion=f"Cl. {i % 99 + 1} # {i % 70 + 1}-{i % 90 + 1}",
                    ciudad="Medellín",
                )
                for i in range(len(inquilinos))
            ],
            batch_size=LOTE,
        )
        PropiedadPropietario.objects.bulk_create(
            [
                PropiedadPropietario(propiedad=p, tercero=propietarios[i % len(propietarios)])
                for i, p in enumerate(propiedades)
            ],
            batch_size=LOTE,
        )
        meses_por_contrato = max(1, -(-n_facturas // len(inquilinos)))
        primer_periodo = mes_sumar(hoy, -meses_por_contrato - 1)
        contratos = Contrato.objects.bulk_create(
            [
                Contrato(
                    numero=f"{PREFIJO_CODIGO}{i}",
                    propiedad=p,
                    inquilino=t,
                    canon=rnd.choice(CANONES),
                    fecha_inicio=primer_periodo,
                    fecha_fin=date(hoy.year + 2, 1, 1),
                    dia_vencimiento=5,
                )
                for i, (p, t) in enumerate(zip(propiedades, inquilinos, strict=True))
            ],
            batch_size=LOTE,
        )
        self.stdout.write(f"propiedades y contratos: {len(contratos)}")

        dueno_de = {
            pp.propiedad_id: pp.tercero_id
            for pp in PropiedadPropietario.objects.filter(propiedad__in=propiedades)
        }
        periodos = [mes_sumar(hoy, -k) for k in range(meses_por_contrato - 1, -1, -1)]
        with transaction.atomic():
            resolucion, consecutivo = _reservar_facturas(n_facturas, primer_periodo)
            pagados_max = n_facturas
            numero_pago = consecutivo_reservar(nombre="recibo_caja", cantidad=pagados_max)
            egresos_max = len(contratos) * min(6, len(periodos))
            numero_egreso = consecutivo_reservar(nombre="comprobante_egreso", cantidad=egresos_max)
        emitidas = pagadas = egresos = 0
        for desde in range(0, len(contratos), 500):
            grupo = contratos[desde : desde + 500]
            facturas = []
            for contrato in grupo:
                for periodo in periodos:
                    if emitidas + len(facturas) >= n_facturas:
                        break
                    vence = fecha_en_periodo(periodo, contrato.dia_vencimiento)
                    reciente = periodo >= mes_sumar(hoy, -1)
                    pagada = rnd.random() < (0.55 if reciente else 0.93)
                    facturas.append(
                        Factura(
                            tipo=TipoFactura.ARRENDAMIENTO,
                            numero=f"{resolucion.prefijo}-{consecutivo}",
                            resolucion=resolucion,
                            consecutivo=consecutivo,
                            tercero_id=contrato.inquilino_id,
                            contrato=contrato,
                            periodo=periodo,
                            descripcion=f"Canon de arrendamiento {nombre_periodo(periodo)}",
                            fecha_emision=periodo,
                            fecha_vencimiento=vence,
                            subtotal=contrato.canon,
                            iva=Decimal(0),
                            total=contrato.canon,
                            saldo=Decimal(0) if pagada else contrato.canon,
                            estado=EstadoFactura.PAGADA if pagada else EstadoFactura.FACTURADA,
                        )
                    )
                    consecutivo += 1
            Factura.objects.bulk_create(facturas, batch_size=LOTE)
            ItemFactura.objects.bulk_create(
                [
                    ItemFactura(
                        factura=f, descripcion=f.descripcion, valor_unitario=f.total, subtotal=f.total
                    )
                    for f in facturas
                ],
                batch_size=LOTE,
            )
            pagos, aplicaciones, nuevos_egresos = [], [], []
            for f in facturas:
                if f.estado != EstadoFactura.PAGADA:
                    continue
                fecha = min(f.fecha_vencimiento + timedelta(days=rnd.randint(-4, 8)), hoy)
                pago = Pago(
                    numero=numero_pago,
                    tercero_id=f.tercero_id,
                    fecha=max(fecha, f.fecha_emision),
                    valor=f.total,
                    metodo=rnd.choice(
                        [MetodoPago.TRANSFERENCIA, MetodoPago.CONSIGNACION, MetodoPago.EFECTIVO]
                    ),
                )
                numero_pago += 1
                pagos.append(pago)
                aplicaciones.append(AplicacionPago(pago=pago, factura=f, valor=f.total))
                if f.periodo >= mes_sumar(hoy, -6) and f.periodo < hoy.replace(day=1):
                    comision = (f.total * Decimal("0.10")).quantize(Decimal(1))
                    iva = (comision * Decimal("0.19")).quantize(Decimal(1))
                    nuevos_egresos.append(
                        Egreso(
                            numero=numero_egreso,
                            propietario_id=dueno_de[f.contrato.propiedad_id],
                            contrato=f.contrato,
                            propiedad_id=f.contrato.propiedad_id,
                            periodo=f.periodo,
                            canon_recaudado=f.total,
                            comision_porcentaje=Decimal("10"),
                            comision=comision,
                            iva_comision=iva,
                            neto=f.total - comision - iva,
                            estado=EstadoEgreso.CONFIRMADO,
                            fecha_pago=min(pago.fecha + timedelta(days=5), hoy),
                            metodo=MetodoPago.TRANSFERENCIA,
                        )
                    )
                    numero_egreso += 1
            Pago.objects.bulk_create(pagos, batch_size=LOTE)
            AplicacionPago.objects.bulk_create(aplicaciones, batch_size=LOTE)
            Egreso.objects.bulk_create(nuevos_egresos, batch_size=LOTE)
            emitidas += len(facturas)
            pagadas += len(pagos)
            egresos += len(nuevos_egresos)
            self.stdout.write(f"  facturas: {emitidas}/{n_facturas}", ending="\r")
        # Give back the receipt and voucher numbers reserved and not used, so the counters stay
        # gap-free (run on an idle benchmark database: nothing else numbers meanwhile).
        assert consecutivo - 1 == resolucion.consecutivo_actual, "the invoice block is used exactly"
        with transaction.atomic():
            Consecutivo.objects.filter(nombre="recibo_caja").update(ultimo=numero_pago - 1)
            Consecutivo.objects.filter(nombre="comprobante_egreso").update(ultimo=numero_egreso - 1)
        if opciones["pqrs"] > 0:
            # Imported here: pagos does not depend on pqrs, only this benchmark command reaches it.
            from pqrs.generar import pqrs_generar

            gestores = [
                Usuario.objects.get_or_create(username=f"gestor{i}", defaults={"is_staff": True})[0]
                for i in range(10)
            ]
            creadas = pqrs_generar(
                cantidad=opciones["pqrs"], terceros=[t.pk for t in terceros], gestores=gestores, rnd=rnd
            )
            self.stdout.write(f"\npqrs: {creadas} (asignadas a gestor0…gestor9 o sin asignar)")
        self.stdout.write(
            f"\nfacturas: {emitidas}, pagos: {pagadas}, egresos: {egresos}; "
            f"{time.monotonic() - inicio:.0f} s. Clave de los usuarios del portal: {opciones['clave']}"
        )
