from nucleo.errores import OperacionRechazada


class EnviosError(OperacionRechazada):
    """A refused password-generation or sending operation."""
