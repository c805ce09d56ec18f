#!/usr/bin/env bash
# Starts Rapport from its extracted jar the fast way (docs/operations.md, "Faster starts"): with the application
# context processed ahead of time (Spring AOT, generated into the jar by ./mvnw package) and with the classes a start
# needs mapped from an archive instead of read, verified and parsed from the jars: on Java 25 or later the AOT cache
# (classes loaded and linked, method profiles), on Java 17 to 24 an AppCDS archive.
#
#   bin/rapport-cds.sh path/to/rapport-<version>.jar [Rapport arguments...]
#
# The first call (and the first after the jar changed) extracts the jar into <jar>-extracted/ next to it and writes
# the archive with a training run: Rapport started on a scratch H2 database in a temporary directory, stopped by
# Spring once its context is ready (-Dspring.context.exit=onRefresh); the training run touches neither your database
# nor ./data. Then, and on every later call, it runs Rapport with the archive and your arguments and environment
# (SPRING_DATASOURCE_URL, RAPPORT_SECURITY_ADMIN_PASSWORD, ...). JAVA_OPTS is passed to both JVMs (heap, GC):
# the archive is kept for the options and the JDK it was trained with and written again when they change.
# RAPPORT_AOT=false starts without Spring AOT (for settings that add or remove beans, see docs/operations.md).
set -euo pipefail
jar="${1:?usage: $0 path/to/rapport.jar [arguments...]}"
shift
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
read -r -a opts <<< "${JAVA_OPTS:-}"
if [ "${RAPPORT_AOT:-true}" = "true" ]; then
  opts+=(-Dspring.aot.enabled=true)
fi
dir="${jar%.jar}-extracted"
app="$dir/$(basename "$jar")"
extracted="$dir/extracted"   # touched after extracting: the extracted files keep the jar entries' own times
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
  archive="$dir/rapport.aot"
  train=(-XX:AOTCacheOutput="$archive")
  use=(-XX:AOTCache="$archive")
else
  archive="$dir/rapport.jsa"
  train=(-XX:ArchiveClassesAtExit="$archive")
  use=(-XX:SharedArchiveFile="$archive")
fi
stamp="$dir/trained-with"
trained="java $version ${opts[*]}"
if [ ! -f "$extracted" ] || [ "$jar" -nt "$extracted" ]; then
  rm -rf "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir"
  touch "$extracted"
fi
if [ ! -f "$archive" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$trained" ]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  rm -f "$dir/rapport.aot" "$dir/rapport.jsa"
  # a scratch H2 database: the training run starts Rapport (migrations, metadata, bootstrap) and exits once the
  # context is refreshed, before the lifecycle beans (web port, job scheduler, seeds) start
  env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
    "$java" "${opts[@]}" "${train[@]}" -Dspring.context.exit=onRefresh -jar "$app" \
    --spring.datasource.url="jdbc:h2:file:$scratch/training;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    --spring.datasource.username=sa --spring.datasource.password= \
    --rapport.security.admin-password="$(head -c 24 /dev/urandom | base64)" --server.port=0 \
    --rapport.mail.key-file="$scratch/mail.key" > "$scratch/training.log" 2>&1 \
    || { echo "training run failed; starting without the archive (log: $scratch/training.log)" >&2;
         trap - EXIT; exec "$java" "${opts[@]}" -jar "$app" "$@"; }
  printf '%s' "$trained" > "$stamp"
  rm -rf "$scratch"
  trap - EXIT
fi
exec "$java" "${opts[@]}" "${use[@]}" -jar "$app" "$@"
