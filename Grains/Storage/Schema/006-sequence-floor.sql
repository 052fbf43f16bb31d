-- OrleansChat schema migration 6: the sequence floor a restore records (scripts/restore.sh). Every room's next sequence
-- number is above it, so that numbers issued before the restore (and held by clients) are never issued again.
-- One row at most; IF NOT EXISTS because a restore of a dump made before this migration creates it itself.

CREATE TABLE IF NOT EXISTS sequence_floor (
    id    integer PRIMARY KEY CHECK (id = 1),
    floor bigint  NOT NULL
);
