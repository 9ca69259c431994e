#!/usr/bin/env bash
# Side-by-side build benchmark: thidua and Hugo on the same generated stories.
#
#   benches/compare.sh                 # N = 1000 10000 50000
#   benches/compare.sh 1000 10000      # chosen sizes
#   RUNS=5 WORK=/dev/shm/thidua-bench SEED=2025 INSTALL_HUGO=1 HUGO=hugo benches/compare.sh
#
# For each N it generates the corpus once (examples/corpus: a thidua site and its Hugo twin
# with equivalent pages, see benches/hugo/), then builds it with both tools, alternating them:
# one warm-up build each, then RUNS timed builds each. Every build writes into a
# just-emptied folder in a tmpfs (WORK, default /dev/shm/...), because on a disk,
# rebuilding into a just-deleted folder slows down run after run and hides real differences.
# It prints, per N and tool: median wall time, median CPU time (user+sys), peak RSS (from
# /usr/bin/time), pages and files written, and the thidua/Hugo ratio of the medians. For
# thidua it also times a rebuild over the previous output (the everyday case: the old
# output is swapped out and removed within the build).
#
# Hugo is optional: when `hugo` is missing and INSTALL_HUGO=1 (the default) and we are root
# on a Debian-like system, it is installed with apt-get (Debian package `hugo`); otherwise
# only thidua is measured (HUGO=none skips it on purpose). The machine is shared? Look at
# the load average printed per N, and prefer the CPU column.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/thidua-bench}
INSTALL_HUGO=${INSTALL_HUGO:-1}
SEED=${SEED:-2025}
TODAY=2025-06-15
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 50000); fi

die() { echo "compare.sh: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for peak RSS (Debian package: time)"
case "$WORK" in /dev/shm/*|/run/*|/tmp/*) ;; *) echo "note: WORK=$WORK; a tmpfs gives steadier numbers" >&2 ;; esac

HUGO=${HUGO:-hugo}
if [ "$HUGO" = hugo ] && ! command -v hugo >/dev/null 2>&1 && [ "$INSTALL_HUGO" = 1 ] \
  && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing hugo (apt-get) …" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
HAVE_HUGO=0
command -v "$HUGO" >/dev/null 2>&1 && HAVE_HUGO=1

cargo build --release --quiet --bin thidua --example corpus
THIDUA=$PWD/target/release/thidua
CORPUS=$PWD/target/release/examples/corpus
mkdir -p "$WORK"

# -- measuring -------------------------------------------------------------------------------

# run_timed OUT_PREFIX CMD…: runs CMD, appends "wall_s cpu_s rss_kb" to OUT_PREFIX.times.
run_timed() {
  local prefix=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$prefix.rusage" "$@" >/dev/null 2>"$prefix.stderr" \
    || { cat "$prefix.stderr" >&2; die "failed: $*"; }
  end=$(date +%s%N)
  read -r user sys rss <"$prefix.rusage"
  awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" \
    'BEGIN { printf "%.3f %.2f %d\n", (e - s) / 1e9, u + y, r }' >>"$prefix.times"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { awk -v c="$2" '{ print $c }' "$1"; }
max_of() { sort -n | tail -1; }

build_thidua() { # OUT
  run_timed "$1" "$THIDUA" build --root "$WORK/corpus-$N" --output "$2" --today "$TODAY"
}
build_hugo() { # OUT
  run_timed "$1" "$HUGO" --source "$WORK/hugo-$N" --destination "$2" \
    --cacheDir "$WORK/hugo-cache" --quiet
}

count_files() { find "$1" -type f ! -name .thidua-output | wc -l; }
count_pages() { find "$1" -type f \( -name '*.html' -o -name '*.xml' \) | wc -l; }

# -- the runs --------------------------------------------------------------------------------

echo "# thidua vs Hugo — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -m | awk '/Mem:/ { printf "%.1f GiB", $2 / 1024 }') memory, $(uname -sr)"
echo "- thidua $("$THIDUA" --version | awk '{ print $2 }') ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), $(rustc --version)"
if [ "$HAVE_HUGO" = 1 ]; then echo "- $("$HUGO" version | cut -d' ' -f1-2)"; else echo "- Hugo: \`$HUGO\` not found, thidua only"; fi
echo "- output in $WORK ($(df -T "$WORK" | awk 'NR == 2 { print $2 }')); $RUNS timed runs per tool after one warm-up, tools alternating"
echo
echo "| stories | tool | median wall | median CPU (user+sys) | peak RSS | pages (files) | thidua / Hugo |"
echo "|---:|---|---:|---:|---:|---:|---:|"

for N in "${sizes[@]}"; do
  # Generated once per size and seed; again when the generator was rebuilt since.
  if [ ! -f "$WORK/corpus-$N/.complete" ] || [ "$CORPUS" -nt "$WORK/corpus-$N/.complete" ] \
    || [ "$(cat "$WORK/corpus-$N/.complete")" != "$SEED" ]; then
    rm -rf "$WORK/corpus-$N" "$WORK/hugo-$N"
    "$CORPUS" --stories "$N" --seed "$SEED" --out "$WORK/corpus-$N" --hugo "$WORK/hugo-$N"
    echo "$SEED" >"$WORK/corpus-$N/.complete"
  fi
  log="$WORK/log-$N"
  rm -rf "$log" && mkdir -p "$log"
  tools=(thidua)
  [ "$HAVE_HUGO" = 1 ] && tools+=(hugo)
  load_before=$(cut -d' ' -f1 /proc/loadavg)

  for run in $(seq 0 "$RUNS"); do
    for tool in "${tools[@]}"; do
      out="$WORK/out-$tool"
      rm -rf "$out"
      prefix="$log/$tool"
      [ "$run" = 0 ] && prefix="$log/warmup-$tool"
      "build_$tool" "$prefix" "$out"
    done
  done
  # The everyday case for thidua: rebuild over the previous output.
  for run in $(seq 1 "$RUNS"); do
    build_thidua "$log/thidua-rebuild" "$WORK/out-thidua"
  done

  hugo_wall=""
  [ "$HAVE_HUGO" = 1 ] && hugo_wall=$(column_of "$log/hugo.times" 1 | median)
  for tool in "${tools[@]}" thidua-rebuild; do
    times="$log/$tool.times"
    wall=$(column_of "$times" 1 | median)
    cpu=$(column_of "$times" 2 | median)
    rss=$(column_of "$times" 3 | max_of)
    label=$tool pages="" ratio=""
    if [ "$tool" = thidua-rebuild ]; then
      label="thidua, rebuild over its output"
    else
      pages="$(count_pages "$WORK/out-$tool") ($(count_files "$WORK/out-$tool"))"
    fi
    if [ "$tool" = thidua ] && [ -n "$hugo_wall" ]; then
      ratio=$(awk -v a="$wall" -v b="$hugo_wall" 'BEGIN { printf "%.2f", a / b }')
    fi
    printf '| %s | %s | %.2f s | %.2f s | %d MiB | %s | %s |\n' \
      "$N" "$label" "$wall" "$cpu" $((rss / 1024)) "$pages" "$ratio"
  done
  echo "<!-- N=$N: load average before $load_before, after $(cut -d' ' -f1 /proc/loadavg); raw times in $log -->"
done

# The preview: a one-story edit and an unchanged save, from the file write to the reload
# event (or the "no page changed" rebuild), on the bundled site and 1,000 and 10,000 stories.
if [ "${PREVIEW:-1}" = 1 ]; then
  echo
  echo "## Preview (thidua serve)"
  echo
  cargo bench --quiet --bench preview_latency 2>/dev/null | grep '^|'
fi
