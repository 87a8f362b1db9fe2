"""Login with the client's own password or with one of their temporary passwords."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from envios.services.claves import SESION_CLAVE_TEMPORAL, clave_temporal_usar


class ClaveTemporalBackend(ModelBackend):
    """ModelBackend, plus: a valid temporary password logs in once and marks the session.

    Replaces ModelBackend in AUTHENTICATION_BACKENDS (after axes), so the password hasher runs
    once per attempt on both the known and the unknown-document paths.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        usuario = super().authenticate(request, username=username, password=password, **kwargs)
        if usuario is not None or username is None or password is None:
            return usuario
        clave = clave_temporal_usar(username=username, contrasena=password)
        if clave is None or not self.user_can_authenticate(clave.usuario):
            return None
        usuario = clave.usuario
        usuario.clave_temporal_id = clave.pk
        return usuario

    def get_user(self, user_id):
        """The session's user with its Tercero in the same query (LEFT JOIN; None for staff).

        Every portal page needs both (`cliente_required`, the menu by profile): one round trip
        instead of two. Read fresh on every request, as ModelBackend does; nothing is cached.
        """
        try:
            usuario = get_user_model()._default_manager.select_related("tercero").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return usuario if self.user_can_authenticate(usuario) else None


def marcar_sesion_temporal(sender, request, user, **kwargs):
    """`user_logged_in`: a session opened with a temporary password must choose a password first."""
    if request is None or not hasattr(request, "session"):
        return
    clave_id = getattr(user, "clave_temporal_id", None)
    if clave_id:
        request.session[SESION_CLAVE_TEMPORAL] = clave_id
    else:
        request.session.pop(SESION_CLAVE_TEMPORAL, None)
