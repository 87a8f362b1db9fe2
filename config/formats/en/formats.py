# The English translation keeps the agency's Colombian money and date conventions.
from config.formats.es_CO.formats import *  # noqa: F403
