#!/usr/bin/env bash
# A year of a whole city loaded into the running system (deploy/run.sh) through its public APIs, with a
# progress bar: geography, companies, estates, members, instructors and their monthly visits, 12345
# hotline work orders through their lifecycle, inspections, the four quarters closed, teams, activities
# and disputes, dated over the year. It ends by checking that the Overview's monthly series equal what
# it generated. Resumable: a journal beside the system's data (.data/history.json) records each chunk
# done, so a run that stopped goes on where it stopped. docs/performance.md has what it measures.
#   deploy/history.sh                        a city-year, ≈1,000,000 events (hours on a small machine)
#   deploy/history.sh --events 100000        a tenth of it; --year 2024 (default: last year); --width 16
#   REDPROPERTY_GATEWAY overrides http://localhost:5080
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. deploy/lib.sh
require_node
exec node deploy/tools/history.mjs "$@"
