#!/usr/bin/env bash
# Lighthouse (npm package, this folder) in the system Chromium on the demo home, section and
# article pages served by `baspa serve`; prints the four scores and keeps the reports in out/.
#
#   bench/lighthouse/run.sh            # a fresh demo database in bench/lighthouse/out/home
#   PORT=8765 bench/lighthouse/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
port=${PORT:-8765}
mkdir -p "$out"
[ -d "$here/node_modules/lighthouse" ] || npm ci --prefix "$here" --no-audit --no-fund --loglevel=error

export BASPA_HOME="$out/home" DJANGO_SETTINGS_MODULE=baspa.settings.dev
unset DATABASE_URL REDIS_URL
"$root/.venv/bin/baspa" demo --no-serve >/dev/null
"$root/.venv/bin/baspa" serve --port "$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -fs "$base/robots.txt" >/dev/null && break; sleep 1; done

# The first section and the newest article, as the sitemaps list them.
section=$(curl -fs "$base/sitemap-pages-kk.xml" | grep -o '<loc>[^<]*</loc>' | sed -n 2p | sed 's/<[^>]*>//g')
article=$(curl -fs "$base/sitemap-articles-kk.xml" | grep -o '<loc>[^<]*</loc>' | sed -n 1p | sed 's/<[^>]*>//g')

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
flags="--headless --no-sandbox --disable-gpu --disable-background-networking"
printf '%-8s %-11s %-13s %-14s %-4s  %s\n' page performance accessibility best-practices seo url
for pair in "home $base/" "section $section" "article $article"; do
  set -- $pair
  "$here/node_modules/.bin/lighthouse" "$2" --quiet --chrome-flags="$flags" \
    --output=json --output-path="$out/$1.json" >/dev/null 2>>"$out/lighthouse.log"
  node -e '
    const r = require(process.argv[1]);
    const s = (k) => Math.round(r.categories[k].score * 100);
    console.log([process.argv[2].padEnd(8), String(s("performance")).padEnd(11),
      String(s("accessibility")).padEnd(13), String(s("best-practices")).padEnd(14),
      String(s("seo")).padEnd(4), " " + process.argv[3]].join(" "));
  ' "$out/$1.json" "$1" "$2"
done
