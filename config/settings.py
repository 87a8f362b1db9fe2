"""Settings for Área de Clientes, read from the environment in one place.

Defaults run on a fresh machine with no services: SQLite under var/, a filesystem
Celery broker, mail written to files under var/mail/. See .env.example.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("TESTING", default="pytest" in sys.modules)

if DEBUG or TESTING:
    SECRET_KEY = env("SECRET_KEY", default="solo-para-desarrollo-no-usar-en-produccion-" + "x" * 20)
else:
    # Production has no default: a missing key must stop the process.
    SECRET_KEY = env("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "axes",
    "django_recaptcha",
    "nucleo",
    "terceros",
    "facturacion",
    "pagos",
    "pqrs",
    "envios",
    "area_clientes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Polling (htmx, ?sondeo=1) does not renew the idle timeout: nucleo/middleware.py.
    "nucleo.middleware.SesionMiddleware",
    "nucleo.middleware.IdiomaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must be the last middleware.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "terceros.context_processors.entidad",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run's web process and Celery worker share this file. WAL lets readers and a writer
    # work at once; IMMEDIATE takes the write lock at BEGIN, so a transaction that read first
    # never fails to upgrade (SQLite answers that at once with "database is locked", whatever
    # the timeout); the timeout is how long a writer waits for the other one.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-20000",
        }
    )
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        # Tests use a file next to this one, not pytest-django's in-memory default: the same
        # journal and locking as make run, and a second process can open it.
        _sqlite = Path(DATABASES["default"]["NAME"])
        DATABASES["default"].setdefault("TEST", {}).setdefault(
            "NAME", str(_sqlite.with_name(f"test_{_sqlite.name}"))
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis that is down degrades the limits to per-process counters, never a 500.
            "BACKEND": "nucleo.cache.RedisCacheTolerante",
            "LOCATION": REDIS_URL,
            # A Redis that hangs must not hang the page either.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- auth -------------------------------------------------------------------
AUTH_USER_MODEL = "terceros.Usuario"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend plus the temporary passwords of envíos (DESIGN §6).
    "envios.autenticacion.ClaveTemporalBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # A portal password must not be (or contain) the client's document number, their username.
    {"NAME": "area_clientes.validators.NoEsDocumentoValidator"},
]
LOGIN_URL = "gestion:ingresar"
LOGIN_REDIRECT_URL = "gestion:inicio"
PORTAL_LOGIN_URL = "area_clientes:ingresar"

# Sessions: idle timeout, renewed on every request except timed polling (nucleo.middleware.SesionMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Login lockout (django-axes): document + IP, never the document alone.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errores/429.html"
# One Spanish page for portal, /gestion/ and /admin/ lockouts, always with this status.
AXES_LOCKOUT_CALLABLE = "area_clientes.bloqueo.respuesta_bloqueo"
AXES_USERNAME_CALLABLE = "area_clientes.bloqueo.usuario_del_intento"
AXES_HTTP_RESPONSE_CODE = 429
# Clients are told apart by nucleo.limites.ip_cliente (X-Forwarded-For only from trusted proxies).
AXES_CLIENT_IP_CALLABLE = "nucleo.limites.ip_cliente"
AXES_VERBOSE = False

# Reverse proxies in front of the app that append the client's address to X-Forwarded-For
# (nginx or Caddy alone: 1; a CDN in front of nginx: 2). 0: the header is never trusted.
PROXIES_CONFIABLES = env.int("PROXIES_CONFIABLES", default=0)
# Cache counters, each over a window of LIMITES_MINUTOS: failed logins from one client IP
# (any documents or usernames), and wrong current passwords typed inside one user's sessions.
LIMITES_MINUTOS = env.int("LIMITES_MINUTOS", default=15)
INGRESO_MAX_FALLOS_POR_IP = env.int("INGRESO_MAX_FALLOS_POR_IP", default=30)
CONTRASENA_ACTUAL_MAX_FALLOS = env.int("CONTRASENA_ACTUAL_MAX_FALLOS", default=5)

# reCAPTCHA v2 checkbox: no keys, no captcha (warning at start-up).
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY", default="")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY", default="")
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])

# Temporary passwords and signed links.
CONTRASENA_TEMPORAL_HORAS = env.int("CONTRASENA_TEMPORAL_HORAS", default=72)
RECUPERAR_CONTRASENA_HORAS = env.int("RECUPERAR_CONTRASENA_HORAS", default=2)
# Self-service reset requests per hour (cache-based): per document and per client IP.
RECUPERAR_MAX_POR_DOCUMENTO = env.int("RECUPERAR_MAX_POR_DOCUMENTO", default=3)
RECUPERAR_MAX_POR_IP = env.int("RECUPERAR_MAX_POR_IP", default=10)
# Upper bound for Django's own check; each link type enforces its own lifetime (nucleo/tokens.py).
PASSWORD_RESET_TIMEOUT = max(CONTRASENA_TEMPORAL_HORAS, RECUPERAR_CONTRASENA_HORAS, 72) * 3600

# Rows per page of every list (nucleo.paginacion); a view may ask for another size.
PAGINACION_POR_PAGINA = env.int("PAGINACION_POR_PAGINA", default=25)

# --- i18n -------------------------------------------------------------------
LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", "Español"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True

# --- static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Vendor assets come from npm and are collected, never committed.
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- email ------------------------------------------------------------------
if env("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    if _email.get("EMAIL_FILE_PATH") and not _email["EMAIL_FILE_PATH"].startswith("/"):
        _email["EMAIL_FILE_PATH"] = "/" + _email["EMAIL_FILE_PATH"]
    globals().update(_email)
elif DEBUG or TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
else:
    # Production must say where mail goes: password emails silently written to disk would be lost.
    raise ImproperlyConfigured(
        "EMAIL_URL is required when DEBUG is off (e.g. smtp+tls://user:pass@host:587)."
    )
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Área de Clientes <no-responder@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- celery -----------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
else:
    # A broker that needs no server and works between processes (memory:// does not).
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "celery"
    # The transport does not create its folders: without them every enqueue raises (a fresh checkout
    # run without `make run`, the SQLite test pass).
    for _carpeta in ("out", "processed"):
        (_broker_dir / _carpeta).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- envios (portal passwords) ----------------------------------------------
ENVIOS_LOTE = env.int("ENVIOS_LOTE", default=20)
ENVIOS_INTERVALO = env.int("ENVIOS_INTERVALO", default=60)
ENVIOS_MAX_POR_HORA = env.int("ENVIOS_MAX_POR_HORA", default=0)  # 0: no cap
ENVIOS_MAX_INTENTOS = env.int("ENVIOS_MAX_INTENTOS", default=5)
# The pause before a failed send is retried: this, doubled at each attempt (at most an hour).
ENVIOS_REINTENTO_BASE_SEGUNDOS = env.int("ENVIOS_REINTENTO_BASE_SEGUNDOS", default=60)
# A row left ENVIANDO this long (a worker died mid-send) is reclaimed and sent again.
ENVIOS_ENVIANDO_VENCE_SEGUNDOS = env.int("ENVIOS_ENVIANDO_VENCE_SEGUNDOS", default=900)

# --- pqrs -----------------------------------------------------------------------
# The daily reminder to each assignee of their PQRS due today and overdue (CELERY_TIMEZONE's hour).
PQRS_RECORDATORIO_HORA = env.int("PQRS_RECORDATORIO_HORA", default=7)

CELERY_BEAT_SCHEDULE = {
    "envios-enviar-lote": {
        "task": "envios.tasks.enviar_lote",
        "schedule": float(ENVIOS_INTERVALO),
    },
    "pqrs-recordar-vencimientos": {
        "task": "pqrs.tasks.pqrs_recordar_vencimientos",
        "schedule": crontab(hour=PQRS_RECORDATORIO_HORA, minute=0),
    },
}

# --- payments ---------------------------------------------------------------
PAYU_MERCHANT_ID = env("PAYU_MERCHANT_ID", default="")
PAYU_ACCOUNT_ID = env("PAYU_ACCOUNT_ID", default="")
PAYU_API_KEY = env("PAYU_API_KEY", default="")
PAYU_API_LOGIN = env("PAYU_API_LOGIN", default="")
PAYU_TEST = env.bool("PAYU_TEST", default=True)
# MD5 (PayU's default) or SHA256 for the form's signature.
PAYU_ALGORITMO = env("PAYU_ALGORITMO", default="MD5")
# Overrides of PayU's URLs (a fake gateway on loopback for benchmarks); empty: PayU's own.
PAYU_URL_CHECKOUT = env("PAYU_URL_CHECKOUT", default="")
PAYU_URL_CONSULTAS = env("PAYU_URL_CONSULTAS", default="")
# Seconds to connect to and to read from a gateway's API (reconciliation, "Consultar estado"): a
# gateway that hangs leaves the attempt pending for the next run instead of holding the worker.
PAGOS_API_TIMEOUT = (
    env.float("PAGOS_API_TIMEOUT_CONEXION", default=5.0),
    env.float("PAGOS_API_TIMEOUT_LECTURA", default=20.0),
)
# Wompi (Bancolombia).
WOMPI_PUBLIC_KEY = env("WOMPI_PUBLIC_KEY", default="")
WOMPI_PRIVATE_KEY = env("WOMPI_PRIVATE_KEY", default="")
WOMPI_INTEGRITY_SECRET = env("WOMPI_INTEGRITY_SECRET", default="")
WOMPI_EVENTS_SECRET = env("WOMPI_EVENTS_SECRET", default="")
WOMPI_TEST = env.bool("WOMPI_TEST", default=True)
WOMPI_URL_API = env("WOMPI_URL_API", default="")
# payu | wompi | simulada (the local gateway: demo and tests; it approves without money).
PAGOS_PASARELA = env("PAGOS_PASARELA", default="simulada")
PAGOS_SIMULADA_SECRETO = env("PAGOS_SIMULADA_SECRETO", default="")
# The simulator approves without money: only in development and tests unless set on purpose (a
# demo server). Elsewhere, with no real gateway configured, the portal offers no online payment.
PAGOS_SIMULADA_PERMITIDA = env.bool("PAGOS_SIMULADA_PERMITIDA", default=DEBUG or TESTING)
# An attempt the gateway never saw (the payer left its page) expires after this.
PAGOS_EXPIRACION_MINUTOS = env.int("PAGOS_EXPIRACION_MINUTOS", default=120)
# Seconds between reconciliation runs (beat); each run asks only about what is due.
PAGOS_CONCILIAR_INTERVALO = env.int("PAGOS_CONCILIAR_INTERVALO", default=120)
CELERY_BEAT_SCHEDULE["pagos-conciliar"] = {
    "task": "pagos.tasks.conciliar_pagos",
    "schedule": float(PAGOS_CONCILIAR_INTERVALO),
}

# --- public URL of the portal (emails carry absolute links) ------------------
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security -----------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
# A stale form answers the branded Spanish 403, not Django's English page.
CSRF_FAILURE_VIEW = "nucleo.paginas_error.csrf_fallido"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

_recaptcha = ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"]
_payu = ["https://checkout.payulatam.com", "https://sandbox.checkout.payulatam.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *_recaptcha],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF, *_payu],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    },
}

# --- logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"simple": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "simple"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
