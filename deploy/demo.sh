#!/usr/bin/env bash
# The seed's district (docs/domain.md: Maiji District, 2022) loaded into the running system through its
# public APIs only, with a progress bar: geography, companies, party members, branches, instructors
# and visits, zones, posts, committees, meetings, complaints, inspections, the 2022Q2 period with its
# red and black lists, projects, teams, activities, disputes. Idempotent: run it twice and nothing
# is added. It ends by checking that /api/overview/figures equals the report's table and that every
# service's own summary agrees, and fails otherwise.
#   deploy/demo.sh            against deploy/run.sh's gateway (REDPROPERTY_GATEWAY overrides http://localhost:5080)
#   deploy/demo.sh --reload   every step again even when the district is loaded
# The same at start-up: deploy/run.sh Demo=true (the AppHost's "demo" resource runs it once all is up).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. deploy/lib.sh
require_node
exec node deploy/tools/demo.mjs "$@"
