from terceros.selectors import entidad_actual


def entidad(request):
    """The agency's branding on every page."""
    return {"entidad": entidad_actual()}
