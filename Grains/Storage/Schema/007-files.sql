-- OrleansChat schema migration 7: shared files. A message may carry a file: room_events.attachment holds its
-- description (JSON: id, name, size, content type, image and thumbnail sizes). The bytes live in this database, not
-- on a gateway's disk, so that every gateway serves every file: files describes each (the room it was shared in, for
-- the membership check of every download, and its uploader, for the quota), file_chunks holds the bytes in chunks of
-- 512 KiB (variant 0 the file, 1 its thumbnail). A message's delete removes its file in the same transaction.

ALTER TABLE room_events ADD COLUMN attachment jsonb NULL;

CREATE TABLE files (
    id           text        PRIMARY KEY,
    room_id      text        NOT NULL,
    owner_id     uuid        NOT NULL,
    name         text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    thumb_size   bigint      NULL,
    created_at   timestamptz NOT NULL
);

CREATE INDEX files_owner ON files (owner_id);

CREATE TABLE file_chunks (
    file_id text     NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    variant smallint NOT NULL,
    part    integer  NOT NULL,
    data    bytea    NOT NULL,
    PRIMARY KEY (file_id, variant, part)
);

-- Images and most shared files are compressed already: storing the chunks without trying pglz saves the CPU.
ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
