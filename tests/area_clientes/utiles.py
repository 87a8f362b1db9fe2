"""Helpers shared by portal and security tests."""

from django.urls import reverse

from tests.factories import CLAVE_PRUEBA

INGRESAR = "/customerarea/ingresar/"


def ingresar(client, documento, clave=CLAVE_PRUEBA, ip="10.0.0.1", *, cabeceras=None, **campos):
    """POST the portal login form as a browser would: extra form fields, and headers (`HTTP_…`)."""
    datos = {"username": documento, "password": clave, **campos}
    return client.post(INGRESAR, datos, REMOTE_ADDR=ip, **(cabeceras or {}))


def url(nombre, *args):
    return reverse(nombre, args=args)
