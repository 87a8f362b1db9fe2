# The English translation keeps the agency's Colombian money and date conventions
# (21/11/2026, $ 1.200.000); only the month-name patterns lose the Spanish "de".
from config.formats.es_CO.formats import *  # noqa: F403

MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
