"""One base for refused operations: app errors are siblings under it."""

from envios.errores import EnviosError
from facturacion.services import FacturacionError
from nucleo.errores import OperacionRechazada
from pagos.services import PagosError
from terceros.services import TercerosError


def test_app_errors_are_siblings_under_the_one_base():
    for error in (FacturacionError, PagosError, EnviosError, TercerosError):
        assert error.__bases__ == (OperacionRechazada,)
    assert not issubclass(PagosError, FacturacionError)
