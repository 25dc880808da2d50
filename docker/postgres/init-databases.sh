#!/bin/sh
# One database per node, created on the PostgreSQL container's first start.
# Each node applies its own migrations when it starts.
set -e
for db in rujukan_intake rujukan_shelter rujukan_health rujukan_rehabilitation rujukan_legal_aid rujukan_reintegration rujukan_reporting; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -c "CREATE DATABASE $db"
done
