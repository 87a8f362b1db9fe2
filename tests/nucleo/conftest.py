"""The Área de Clientes settings fixture of the envíos tests."""

from tests.envios.conftest import config_envios  # noqa: F401
