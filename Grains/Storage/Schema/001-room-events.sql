-- OrleansChat schema migration 1: the room event log (docs/architecture.md, "Room event log"). Ids are opaque, so they
-- compare bytewise ("C"): cheaper than a linguistic collation.

CREATE TABLE IF NOT EXISTS room_events (
    room_id       text COLLATE "C" NOT NULL,
    seq           bigint           NOT NULL,
    kind          text             NOT NULL,
    author_id     uuid             NOT NULL,
    author_name   text             NOT NULL,
    client_msg_id text COLLATE "C" NOT NULL,
    body          text             NOT NULL,
    target_seq    bigint           NULL,
    created_at    timestamptz      NOT NULL,
    CONSTRAINT room_events_pkey PRIMARY KEY (room_id, seq),
    CONSTRAINT room_events_client_msg UNIQUE (room_id, author_id, client_msg_id)
)
