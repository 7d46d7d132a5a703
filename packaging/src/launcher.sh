#!/bin/sh
# JIT launcher. The Java application (a shaded jar) is appended to this script, so this one file is the
# whole program: the JVM reads the jar behind the script as its class path. Needs Java 17+ on PATH or in
# JAVA_HOME. The main class is named here rather than run with `java -jar`, which would open the jar (parse
# its ~4,000-entry directory, inflate its manifest) before the first line runs: with the class-data archive
# below nothing else needs the jar, so this saves every run about 15 ms.
#
# Start-up speed: on first run the JVM records the classes it loads into a class-data-sharing archive in
# the per-user cache (XDG_CACHE_HOME or ~/.cache); later runs map that archive instead of loading and
# verifying classes again. Set JIT_CDS=0 to disable, JIT_JAVA_OPTS to add JVM options.
self=$0
case $self in
  */*) ;;
  *) self=$(command -v -- "$0") ;;
esac
case $self in
  /*) ;;
  *) self=$PWD/$self ;;
esac

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java=$JAVA_HOME/bin/java
elif command -v java >/dev/null 2>&1; then
  java=java
else
  echo "@NAME@: no Java runtime found: install Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME" >&2
  exit 127
fi

opts="@JVM_OPTS@ -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"

cache=${XDG_CACHE_HOME:-}
[ -z "$cache" ] && [ -n "${HOME:-}" ] && cache=$HOME/.cache
if [ "${JIT_CDS:-1}" != 0 ] && [ -n "$cache" ]; then
  # The archive is only valid for this exact file (path, size, time) and this Java runtime: all are in its name.
  key=$(stat -c %s-%Y -- "$self" 2>/dev/null)-$(printf '%s' "$self:$java:${JAVA_HOME:-}" | cksum | cut -d' ' -f1)
  archive=$cache/jit/cds/@NAME@-$key.jsa
  # Each upgrade (or other copy) of this executable gets an archive of its own: keep the three newest.
  prune() {
    ls -t "$cache/jit/cds"/@NAME@-[0-9]*.jsa 2>/dev/null | tail -n +4 | while IFS= read -r old; do rm -f -- "$old"; done
  }
  if [ -f "$archive" ]; then
    exec "$java" $opts -XX:SharedArchiveFile="$archive" ${JIT_JAVA_OPTS:-} -cp "$self" @MAIN@ "$@"
  fi
  train=@TRAIN@
  if [ -n "$train" ] && mkdir -p "$cache/jit/cds" 2>/dev/null && mkdir "$archive.training" 2>/dev/null; then
    # Record the archive from a training run in the background (one at a time, via the directory lock), so
    # it holds what every command needs and this command is not slowed down. A static archive (class list,
    # then a dump) rather than a dynamic one: dumped with the default G1 collector it also holds the classes'
    # pre-built heap objects, which saves every later run about 9 ms.
    (
      tmp=$archive.$$.tmp
      "$java" -Xshare:off -XX:DumpLoadedClassList="$tmp.classes" -cp "$self" "$train" >/dev/null 2>&1 </dev/null \
        && "$java" -Xshare:dump -XX:SharedClassListFile="$tmp.classes" -XX:SharedArchiveFile="$tmp" -cp "$self" \
          >/dev/null 2>&1 </dev/null \
        && [ -s "$tmp" ] && mv -f "$tmp" "$archive" && prune
      rm -f "$tmp" "$tmp.classes"
      rmdir "$archive.training"
    ) >/dev/null 2>&1 </dev/null &
  fi
  if [ -n "$train" ]; then
    exec "$java" $opts ${JIT_JAVA_OPTS:-} -cp "$self" @MAIN@ "$@"
  fi
  if mkdir -p "$cache/jit/cds" 2>/dev/null && [ -w "$cache/jit/cds" ]; then
    # This first run records the archive as the JVM exits. The shell stays to move the archive into place,
    # so the JVM runs as its child: signals to the shell (a service stop, Ctrl-C) are passed on to it.
    tmp=$archive.$$.tmp
    exec 3<&0
    "$java" $opts -XX:ArchiveClassesAtExit="$tmp" ${JIT_JAVA_OPTS:-} -cp "$self" @MAIN@ "$@" 0<&3 3<&- &
    pid=$!
    exec 3<&-
    trap 'kill -TERM $pid 2>/dev/null' INT TERM HUP
    status=0
    wait $pid || status=$?
    # A trapped signal ends the wait early: wait again until the JVM has really exited.
    while kill -0 $pid 2>/dev/null; do
      status=0
      wait $pid || status=$?
    done
    [ -s "$tmp" ] && mv -f "$tmp" "$archive" 2>/dev/null && prune
    rm -f "$tmp"
    exit $status
  fi
fi
exec "$java" $opts ${JIT_JAVA_OPTS:-} -cp "$self" @MAIN@ "$@"
