#!/usr/bin/env bash
# The production stack outside Docker: gunicorn, a Celery worker and Celery beat as three separate
# processes, DEBUG off, against PostgreSQL and Redis (docker-compose.yml runs the same commands).
#
#   scripts/prod.sh                  migrate, collectstatic, start all three; SIGTERM/Ctrl-C stops them
#   scripts/prod.sh web|worker|beat  run one of them in the foreground (the fault tests kill and restart these)
#   scripts/prod.sh preparar         only migrate and collect static files
#
# No proxy here: gunicorn listens on loopback. Put the compose file's nginx (deploy/nginx/) in front and
# set PROXIES_CONFIABLES=1; without it, a client must send X-Forwarded-Proto: https itself, since
# SECURE_SSL_REDIRECT redirects plain HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DEBUG=0
: "${SECRET_KEY:?Defina SECRET_KEY}"
: "${EMAIL_URL:?Defina EMAIL_URL (p. ej. smtp+tls://usuario:clave@servidor:587)}"
case "${DATABASE_URL:-}" in postgres://* | postgresql://*) ;; *) echo "DATABASE_URL debe ser PostgreSQL" >&2; exit 2 ;; esac
case "${REDIS_URL:-}" in redis://* | rediss://*) ;; *) echo "REDIS_URL debe ser Redis" >&2; exit 2 ;; esac
export PROXIES_CONFIABLES=${PROXIES_CONFIABLES:-1}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
RUN_DIR=${RUN_DIR:-var/prod}
mkdir -p "$RUN_DIR" var/media

case "${1:-todo}" in
  web)
    exec "$PY" -m gunicorn config.wsgi --bind "$HOST:$PORT" --workers "${WEB_WORKERS:-3}" \
      --timeout 30 --graceful-timeout 10 --access-logfile - \
      --control-socket "$RUN_DIR/gunicorn.ctl" ;;
  worker)
    exec "$PY" -m celery -A config worker -l info --concurrency "${WORKER_CONCURRENCY:-2}" \
      -n "worker-$PORT@%h" ;;
  beat)
    exec "$PY" -m celery -A config beat -l info --schedule "$RUN_DIR/celerybeat-schedule" ;;
  todo | preparar) ;;
  *) echo "Uso: scripts/prod.sh [web|worker|beat|preparar]" >&2; exit 2 ;;
esac

"$PY" manage.py migrate --noinput -v0
# Collecting (hashing and compressing ~70 MB of vendor assets) takes minutes on a busy machine:
# only when the manifest is missing or older than what it is made from.
manifiesto=staticfiles/staticfiles.json
if [ ! -f "$manifiesto" ] || [ -n "$(find static package-lock.json pyproject.toml -newer "$manifiesto" -print -quit)" ]; then
  echo "prod: collectstatic"
  "$PY" manage.py collectstatic --noinput -v0
  touch "$manifiesto"
fi
[ "${1:-todo}" = preparar ] && exit 0

pids=()
parar() {
  trap - TERM INT EXIT
  echo "prod: deteniendo (${pids[*]})"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  echo "prod: detenido"
}
trap 'parar; exit 0' TERM INT
trap parar EXIT
for parte in web worker beat; do
  "$0" "$parte" >"$RUN_DIR/$parte.log" 2>&1 &
  pids+=($!)
  echo $! >"$RUN_DIR/$parte.pid"
done
echo "prod: web http://$HOST:$PORT/customerarea/ (pid ${pids[0]}), worker ${pids[1]}, beat ${pids[2]}; registros en $RUN_DIR/"
# If any of the three exits, stop the others: a half stack must not look healthy.
set +e
wait -n "${pids[@]}"
estado=$?
echo "prod: un proceso terminó (código $estado)" >&2
exit "$estado"
