#!/bin/sh
# Check deploy/nginx/area-clientes.conf with a local nginx (`nginx -t`), outside Docker: the upstream
# host "web" becomes 127.0.0.1 and a throwaway self-signed certificate stands in for the real one.
set -eu
raiz=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/certs" "$tmp/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -keyout "$tmp/certs/privkey.pem" -out "$tmp/certs/fullchain.pem" 2>/dev/null
sed -e "s#server web:8000;#server 127.0.0.1:8000;#" -e "s#/etc/nginx/certs/#$tmp/certs/#g" \
  "$raiz/deploy/nginx/area-clientes.conf" > "$tmp/area-clientes.conf"
cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
    access_log off;
    include $tmp/area-clientes.conf;
}
CONF
nginx -t -p "$tmp" -c "$tmp/nginx.conf"
