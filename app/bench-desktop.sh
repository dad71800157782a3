#!/usr/bin/env bash
# Measures the desktop's two performance targets in a headless window (see BrowseBenchmark): a page of a
# 1M-partition table on the Browse page, and the frame gaps while the Load page loads 1M partitions.
# Usage: app/bench-desktop.sh [browse partitions] [runs] [load partitions]     (defaults: 1000000 15 1000000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -o -pl app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
exec java ${LAKEPORT_BENCH_JAVA_OPTS:--Xmx6g -XX:+UseG1GC} \
  -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dprism.text=t2k \
  -Dheadless.geometry=1600x1200-32 -Djava.awt.headless=true \
  -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)" \
  dev.lakeport.app.bench.BrowseBenchmark "$@"
