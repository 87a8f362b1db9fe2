"""docker-compose: only the proxy is published, and it never passes on a client's forwarding headers.

`deploy/probar-proxy.sh` checks the nginx file's syntax with `nginx -t`.
"""

import re
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
NGINX = (RAIZ / "deploy/nginx/area-clientes.conf").read_text()


def test_gunicorn_is_not_published_only_the_proxy_is():
    servicios = COMPOSE["services"]
    publicados = {nombre for nombre, s in servicios.items() if s.get("ports")}
    assert publicados == {"proxy"}
    assert servicios["proxy"]["ports"] == ["80:80", "443:443"]
    assert servicios["web"]["expose"] == ["8000"]
    assert "web" in servicios["proxy"]["depends_on"]


def test_the_proxy_mounts_the_config_in_the_repo():
    montajes = COMPOSE["services"]["proxy"]["volumes"]
    origen = next(m.split(":")[0] for m in montajes if m.endswith("/etc/nginx/conf.d/default.conf:ro"))
    assert (RAIZ / origen).resolve() == RAIZ / "deploy/nginx/area-clientes.conf"
    assert re.search(r"server web:8000;", NGINX)


def test_the_proxy_overwrites_the_headers_django_trusts():
    sin_comentarios = "\n".join(linea.split("#", 1)[0] for linea in NGINX.splitlines())
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in sin_comentarios
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in sin_comentarios
    assert "$proxy_add_x_forwarded_for" not in sin_comentarios
    assert "$http_x_forwarded" not in sin_comentarios
    # Plain HTTP only redirects (and serves the ACME challenge): the app is reached over TLS.
    assert "return 301 https://$host$request_uri;" in sin_comentarios
    assert re.search(r"listen 443 ssl", sin_comentarios)


def test_the_app_trusts_the_one_proxy_in_front_of_it():
    # Without it every client behind nginx has the proxy's address: one guesser locks out everyone.
    assert COMPOSE["services"]["web"]["environment"].get("PROXIES_CONFIABLES") == "1"
