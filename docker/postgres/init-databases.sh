#!/bin/sh
# One database per node, created on the PostgreSQL container's first start, with two roles:
# <database>_migrator owns the database and every table (the node runs its migrations as it,
# DATABASE_MIGRATION_URL), and <database>_node, the role the node serves with (DATABASE_URL),
# owns nothing and gets row access only, granted by the migrations (docs/security.md).
set -e
create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v db="$1" -v node="$1_node" -v migrator="$1_migrator" \
    -v node_pw="$2" -v migrator_pw="$3" <<'SQL'
CREATE ROLE :"migrator" LOGIN PASSWORD :'migrator_pw';
CREATE ROLE :"node" LOGIN PASSWORD :'node_pw';
CREATE DATABASE :"db" OWNER :"migrator";
REVOKE CONNECT ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"node";
SQL
}
create rujukan_intake "$INTAKE_DB_PASSWORD" "$INTAKE_DB_MIGRATOR_PASSWORD"
create rujukan_shelter "$SHELTER_DB_PASSWORD" "$SHELTER_DB_MIGRATOR_PASSWORD"
create rujukan_health "$HEALTH_DB_PASSWORD" "$HEALTH_DB_MIGRATOR_PASSWORD"
create rujukan_rehabilitation "$REHABILITATION_DB_PASSWORD" "$REHABILITATION_DB_MIGRATOR_PASSWORD"
create rujukan_legal_aid "$LEGAL_AID_DB_PASSWORD" "$LEGAL_AID_DB_MIGRATOR_PASSWORD"
create rujukan_reintegration "$REINTEGRATION_DB_PASSWORD" "$REINTEGRATION_DB_MIGRATOR_PASSWORD"
create rujukan_reporting "$REPORTING_DB_PASSWORD" "$REPORTING_DB_MIGRATOR_PASSWORD"
