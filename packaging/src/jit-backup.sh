#!/bin/bash
# Back up a JIT store as a dated tarball and keep the last 7 days.
#   BACKUP_DIR (default /var/backups/jit), DATA_DIR (default /var/lib/jit), KEEP_DAYS (default 7)
# The copy is consistent even while jit commands, jit-server or jit-dispatch write: it holds the store's
# lock (shared, like a reader) while tar runs, so no commit is half-applied in the archive.
# Restore: systemctl stop jit-api; tar -xzf jit-DATE.tar.gz -C /var/lib/jit/; systemctl start jit-api
set -euo pipefail
BACKUP_DIR="${BACKUP_DIR:-/var/backups/jit}"
DATA_DIR="${DATA_DIR:-/var/lib/jit}"
KEEP_DAYS="${KEEP_DAYS:-7}"
DATE=$(date +%Y%m%d-%H%M%S)

[ -f "$DATA_DIR/index.json" ] || { echo "jit-backup: $DATA_DIR is not a JIT store (no index.json)" >&2; exit 1; }
mkdir -p "$BACKUP_DIR"
tmp="$BACKUP_DIR/.jit-$DATE.tar.gz.partial"
# `jit lock --shared` takes the same OS lock jit readers take; writers wait until tar is done (up to their
# JIT_LOCK_TIMEOUT). Runtime files (locks, cache, temp files) are left out: a restore rebuilds them.
JIT_DATA_DIR="$DATA_DIR" JIT_LOCK_TIMEOUT=60 "${JIT:-jit}" lock --shared -- \
  tar -czf "$tmp" -C "$DATA_DIR" --exclude='./.store.lock' --exclude='./cache' --exclude='./tmp' \
      --exclude='*.lock' .
mv "$tmp" "$BACKUP_DIR/jit-$DATE.tar.gz"

# Keep last 7 days
find "$BACKUP_DIR" -name "jit-*.tar.gz" -mtime +"$KEEP_DAYS" -delete

echo "Backup completed: $BACKUP_DIR/jit-$DATE.tar.gz"
