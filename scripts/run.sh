#!/usr/bin/env bash
# Start the web server and a Celery worker with beat; stop both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
mkdir -p var/log var/mail

"$PY" -m celery -A config worker -B -l info --concurrency 2 >var/log/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM

cat <<MSG

  Área de Clientes está corriendo
  ------------------------------------------------------------
  Portal de clientes:  http://127.0.0.1:$PORT/customerarea/
  Gestión (personal):  http://127.0.0.1:$PORT/gestion/
  Admin de Django:     http://127.0.0.1:$PORT/admin/

  Personal      admin / Gestion.2026       (Administrador)
                auxiliar / Gestion.2026    (Auxiliar)
  Inquilino     1020304050 / Inquilino.2026
  Propietario   79111222 / Propietario.2026
  Ambos         52333444 / Ambos.2026

  Correos enviados: var/mail/     Worker + beat: var/log/worker.log
  Ctrl-C para detener.

MSG
# Loopback only: this is a DEBUG server with demo logins. HOST=0.0.0.0 to open it to the LAN.
"$PY" manage.py runserver "${HOST:-127.0.0.1}:$PORT"
