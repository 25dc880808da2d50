#!/usr/bin/env bash
# Runs the README's network command as a newcomer would, on this checkout:
# `npm start` until the network is up (build included; up to 300 s on a loaded
# machine), then `npm run demo`, then Ctrl-C.
# A run of its own: unique bus prefix, stream and database names.
set -euo pipefail
cd "$(dirname "$0")/.."
run="readme$(date +%s)$$"
log="$(mktemp)"
export BUS_PREFIX="$run" BUS_STREAM="README_${run}" DATABASE_PREFIX="$run"

# Job control: npm start gets its own process group, as in a terminal, so
# Ctrl-C (SIGINT to that group) reaches it and not this script.
set -m
npm start >"$log" 2>&1 &
starter=$!
set +m
cleanup() {
  kill -INT -- -"$starter" 2>/dev/null || true
  wait "$starter" 2>/dev/null || true
  for db in intake shelter health rehabilitation legal_aid reintegration reporting uptd_ppa_bintan rs_bhayangkara_tanjungpinang; do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${run}_${db} WITH (FORCE)" >/dev/null 2>&1 || true
  done
  # npm start's two database roles (scripts/network/database-roles.ts), once their databases are gone.
  for role in node owner; do
    psql -h 127.0.0.1 -U postgres -qc "DROP ROLE IF EXISTS ${run}_${role}" >/dev/null 2>&1 || true
  done
  # The network's streams (broadcasts, one per agency, the buckets) if it ran on the shared bus.
  node -e "import('@nats-io/transport-node').then(async ({connect}) => { const { jetstreamManager } = await import('@nats-io/jetstream'); const nc = await connect({ servers: 'nats://127.0.0.1:4222' }); const jsm = await jetstreamManager(nc); for await (const n of jsm.streams.names()) if (n.startsWith('README_${run}') || n.startsWith('KV_README_${run}')) await jsm.streams.delete(n).catch(() => {}); await nc.close(); })" || true
  rm -f "$log" ".data/demo-accounts.${run}.json"
}
trap cleanup EXIT

for _ in $(seq 1 600); do
  grep -q "The network is up" "$log" && break
  if ! kill -0 "$starter" 2>/dev/null; then cat "$log"; echo "npm start exited early" >&2; exit 1; fi
  sleep 0.5
done
grep -q "The network is up" "$log" || { tail -50 "$log"; echo "the network did not come up in 300 s" >&2; exit 1; }

demo="$(npm run --silent demo)"
echo "$demo"
grep -q "for shelter: completed" <<<"$demo" || { echo "demo did not see the shelter referral completed" >&2; exit 1; }
grep -q '"cases": ' <<<"$demo" || { echo "demo did not get statistics" >&2; exit 1; }
# The dashboard, as the README says to open it: the page and its script from the reporting node.
page="$(curl -sf http://127.0.0.1:3007/dashboard)" || { echo "no dashboard at http://127.0.0.1:3007/dashboard" >&2; exit 1; }
script="$(grep -o '/dashboard/assets/dashboard-[0-9a-f]*\.js' <<<"$page")" || { echo "the dashboard page names no script" >&2; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:3007$script" || { echo "the dashboard's script is not served" >&2; exit 1; }
echo "dashboard: http://127.0.0.1:3007/dashboard serves the page and $script"

kill -INT -- -"$starter"
code=0
wait "$starter" || code=$?
echo "npm start exited with $code after Ctrl-C"
if pgrep -f "dist/apps/.*/src/main.js" >/dev/null && [ -z "${ALLOW_OTHER_NODES:-}" ]; then
  echo "warning: node processes still running after Ctrl-C" >&2
fi
echo "README commands: OK"
