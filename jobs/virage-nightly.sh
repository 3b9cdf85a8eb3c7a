#!/usr/bin/env bash
# Runs Virage's nightly job for one run date (default: yesterday, UTC). Scheduling only: no logic here.
#
#   jobs/virage-nightly.sh [RUN_DATE]
#
# Environment (all optional):
#   VIRAGE_JAR        jar to run (default: target/virage.jar, or target/virage-cluster.jar with SPARK_MASTER)
#   VIRAGE_INPUT      input root (default: --demo, the embedded demo input)
#   VIRAGE_WAREHOUSE  lakehouse root (default: ./lakehouse)
#   SPARK_MASTER      when set, run through spark-submit with this master (yarn, k8s://..., spark://...);
#                     (build target/virage-cluster.jar with `mvn -q -Pcluster package -DskipTests`)
#   VIRAGE_ARGS       extra arguments, e.g. "--config /etc/virage.conf"
# Exit code: the job's own (0 success, 1 failed, 2 usage or configuration, 3 bad input,
# 4 another command is writing the warehouse: retry later, 52 the JVM ran out of memory: more heap).
#   OPENBLAS_NUM_THREADS  defaults to 1 here: MLlib may use the machine's OpenBLAS, whose own threads
#                     only compete with Spark's tasks (README, "Native BLAS")
set -euo pipefail
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
here="$(cd "$(dirname "$0")/.." && pwd)"
run_date="${1:-$(date -u -d yesterday +%F)}"
default_jar="$here/target/virage.jar"
[ -n "${SPARK_MASTER:-}" ] && default_jar="$here/target/virage-cluster.jar"
jar="${VIRAGE_JAR:-$default_jar}"
source_args=(--demo)
[ -n "${VIRAGE_INPUT:-}" ] && source_args=(--input "$VIRAGE_INPUT")
args=(nightly "${source_args[@]}" --warehouse "${VIRAGE_WAREHOUSE:-./lakehouse}" --run-date "$run_date")
# shellcheck disable=SC2206
[ -n "${VIRAGE_ARGS:-}" ] && args+=(${VIRAGE_ARGS})

if [ -n "${SPARK_MASTER:-}" ]; then
  exec spark-submit --master "$SPARK_MASTER" --class io.virage.cli.VirageCli "$jar" "${args[@]}"
else
  exec java -jar "$jar" "${args[@]}"
fi
