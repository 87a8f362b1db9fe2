"""Helpers shared by portal and security tests."""

from django.urls import reverse

from tests.factories import CLAVE_PRUEBA

INGRESAR = "/customerarea/ingresar/"


def ingresar(client, documento, clave=CLAVE_PRUEBA, ip="10.0.0.1", **extra):
    """POST the portal login form as a browser would."""
    return client.post(INGRESAR, {"username": documento, "password": clave, **extra}, REMOTE_ADDR=ip)


def url(nombre, *args):
    return reverse(nombre, args=args)
