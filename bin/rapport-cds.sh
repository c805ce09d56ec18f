#!/usr/bin/env bash
# Starts Rapport from its extracted jar with an AppCDS archive (class data sharing): the JVM maps the classes a
# start needs from the archive instead of reading, verifying and parsing them from the jars. See docs/operations.md.
#
#   bin/rapport-cds.sh path/to/rapport-<version>.jar [Rapport arguments...]
#
# The first call (and the first after the jar changed) extracts the jar into <jar>-extracted/ next to it and writes
# the archive with a training run: Rapport started on a scratch H2 database in a temporary directory, stopped by
# Spring once its context is ready (-Dspring.context.exit=onRefresh); the training run touches neither your database
# nor ./data. Then, and on every later call, it runs Rapport with the archive and your arguments and environment
# (SPRING_DATASOURCE_URL, RAPPORT_SECURITY_ADMIN_PASSWORD, ...). JAVA_OPTS is passed to both JVMs (heap, GC):
# the archive is kept for the options it was trained with and written again when they change.
set -euo pipefail
jar="${1:?usage: $0 path/to/rapport.jar [arguments...]}"
shift
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
read -r -a opts <<< "${JAVA_OPTS:-}"
dir="${jar%.jar}-extracted"
app="$dir/$(basename "$jar")"
archive="$dir/rapport.jsa"
stamp="$dir/trained-with"
extracted="$dir/extracted"   # touched after extracting: the extracted files keep the jar entries' own times
if [ ! -f "$extracted" ] || [ "$jar" -nt "$extracted" ]; then
  rm -rf "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir"
  touch "$extracted"
fi
if [ ! -f "$archive" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${JAVA_OPTS:-}" ]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  rm -f "$archive"
  # a scratch H2 database: the training run starts Rapport (migrations, metadata, bootstrap) and exits once the
  # context is refreshed, before the lifecycle beans (web port, job scheduler, seeds) start
  env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
    "$java" "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh -jar "$app" \
    --spring.datasource.url="jdbc:h2:file:$scratch/training;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    --spring.datasource.username=sa --spring.datasource.password= \
    --rapport.security.admin-password="$(head -c 24 /dev/urandom | base64)" --server.port=0 \
    --rapport.mail.key-file="$scratch/mail.key" > "$scratch/training.log" 2>&1 \
    || { echo "CDS training run failed; starting without the archive (log: $scratch/training.log)" >&2;
         trap - EXIT; exec "$java" "${opts[@]}" -jar "$app" "$@"; }
  printf '%s' "${JAVA_OPTS:-}" > "$stamp"
  rm -rf "$scratch"
  trap - EXIT
fi
exec "$java" "${opts[@]}" -XX:SharedArchiveFile="$archive" -jar "$app" "$@"
