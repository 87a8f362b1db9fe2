"""The one way to build an email: subject / text / HTML from templates, one branded layout.

    correo_crear(plantilla="envios/contrasena", contexto={...}, para="ana@correo.test", marca=marca)

renders ``templates/envios/email/contrasena_subject.txt``, ``…_body.txt`` and ``…_body.html``.
HTML bodies extend ``email/base.html`` (logo, colours, footer); the text body gets the same
footer (``email/pie.txt``) appended here. Reply-To is the agency's address. The logo travels
inside the message as an inline image (``cid:``), so it shows in mail clients that block remote
images and needs no public URL.

nucleo imports no app: the agency's data arrives as a ``Marca`` (terceros builds it from
Entidad with ``terceros.selectors.marca_correo``).
"""

from dataclasses import dataclass
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from nucleo import colores

LOGO_CID = "logo-marca"


@dataclass(frozen=True)
class Marca:
    """What every email shows of the agency."""

    nombre: str
    nit: str = ""
    telefono: str = ""
    email: str = ""
    color_primario: str = "#1A4F8B"
    color_secundario: str = "#F2A900"
    portal_url: str = ""
    logo: bytes = b""
    logo_subtipo: str = "png"  # image/<subtipo>

    @property
    def color_texto(self) -> str:
        """Text on the primary colour (header, buttons): white or black, whichever reads at 4.5:1."""
        return colores.texto_sobre(self.color_primario)

    @property
    def color_enlace(self) -> str:
        """The primary colour as link text on white, darkened until it reads at 4.5:1."""
        return colores.legible_sobre(self.color_primario)

    @property
    def pie(self) -> list[str]:
        """The footer's parts, the same in the HTML and the text."""
        partes = [self.nombre]
        if self.nit:
            partes.append(f"NIT {self.nit}")
        partes += [p for p in (self.telefono, self.email) if p]
        return partes


def correo_crear(
    *, plantilla: str, contexto: dict, para: str | list[str], marca: Marca
) -> EmailMultiAlternatives:
    """The message for `plantilla` ("<app>/<name>"), ready for `send()` or a batch connection."""
    app, nombre = plantilla.split("/", 1)
    base = f"{app}/email/{nombre}"
    contexto = {**contexto, "marca": marca, "logo_cid": LOGO_CID if marca.logo else ""}
    asunto = " ".join(render_to_string(f"{base}_subject.txt", contexto).split())
    texto = (
        render_to_string(f"{base}_body.txt", contexto).rstrip()
        + "\n\n"
        + render_to_string("email/pie.txt", contexto)
    )
    mensaje = EmailMultiAlternatives(
        subject=asunto,
        body=texto,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[para] if isinstance(para, str) else list(para),
        reply_to=[marca.email] if marca.email else None,
    )
    mensaje.attach_alternative(render_to_string(f"{base}_body.html", contexto), "text/html")
    if marca.logo:
        # multipart/related: the HTML and the image it references travel together.
        mensaje.mixed_subtype = "related"
        imagen = MIMEImage(marca.logo, _subtype=marca.logo_subtipo)
        imagen.add_header("Content-ID", f"<{LOGO_CID}>")
        imagen.add_header("Content-Disposition", "inline", filename=f"logo.{marca.logo_subtipo}")
        mensaje.attach(imagen)
    return mensaje
