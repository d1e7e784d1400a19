#!/usr/bin/env bash
# Adds a migration for BOTH providers and regenerates the idempotent SQL Server script.
#   db/migrations.sh add NAME     new migration in each provider's assembly + script
#   db/migrations.sh script       regenerate db/sqlserver/InvestigationConsole.sql only
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
ef() { dotnet ef "$@"; }
case "${1:-}" in
  add)
    name="${2:?usage: db/migrations.sh add NAME}"
    for p in Sqlite SqlServer; do
      ef migrations add "$name" --project "src/InvestigationConsole.Migrations.$p" \
        --startup-project "src/InvestigationConsole.Migrations.$p" --output-dir Migrations
    done
    "$0" script
    ;;
  script)
    ef migrations script --idempotent --project src/InvestigationConsole.Migrations.SqlServer \
      --startup-project src/InvestigationConsole.Migrations.SqlServer \
      --output db/sqlserver/InvestigationConsole.sql
    ;;
  *) echo "usage: db/migrations.sh add NAME | script" >&2; exit 2 ;;
esac
