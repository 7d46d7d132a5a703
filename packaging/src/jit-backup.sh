#!/bin/bash
# Back up a JIT store as a dated tarball and keep the last 7 days.
#   BACKUP_DIR (default /var/backups/jit), DATA_DIR (default /var/lib/jit), KEEP_DAYS (default 7)
# `jit backup` reads the store under its shared lock (writers wait, no commit is half in the archive), writes
# the archive to a temp file, reads it back entry by entry and only then renames it into place. Any failure
# (full disk, unreadable store, lock not free within JIT_LOCK_TIMEOUT) exits non-zero with the reason on
# stderr and leaves no archive behind; old archives are then kept.
# Restore: systemctl stop jit-api jit-dispatch; empty /var/lib/jit; tar -xzf jit-DATE.tar.gz -C /var/lib/jit/;
#          sudo -u jit JIT_DATA_DIR=/var/lib/jit jit validate; systemctl start jit-api jit-dispatch
set -euo pipefail
BACKUP_DIR="${BACKUP_DIR:-/var/backups/jit}"
DATA_DIR="${DATA_DIR:-/var/lib/jit}"
KEEP_DAYS="${KEEP_DAYS:-7}"
DATE=$(date +%Y%m%d-%H%M%S)
ARCHIVE="$BACKUP_DIR/jit-$DATE.tar.gz"

fail() {
  echo "jit-backup: FAILED: $*" >&2
  exit 1
}

[ -f "$DATA_DIR/index.json" ] || fail "$DATA_DIR is not a JIT store (no index.json)"
mkdir -p "$BACKUP_DIR" || fail "cannot create $BACKUP_DIR"

if ! JIT_DATA_DIR="$DATA_DIR" JIT_LOCK_TIMEOUT="${JIT_LOCK_TIMEOUT:-60}" "${JIT:-jit}" backup "$ARCHIVE" >/dev/null; then
  fail "no archive written (jit backup's error is above); older backups were kept"
fi
# jit backup has verified the archive; check once more that it is there and lists the index.
tar -tzf "$ARCHIVE" index.json >/dev/null 2>&1 || fail "$ARCHIVE is missing or incomplete"

# Keep last 7 days
find "$BACKUP_DIR" -name "jit-*.tar.gz" -mtime +"$KEEP_DAYS" -delete

echo "Backup completed: $ARCHIVE"
