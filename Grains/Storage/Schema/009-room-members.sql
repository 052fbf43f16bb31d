-- OrleansChat schema migration 9: a room's members as rows (issue 16). They used to be one record in the room's grain
-- state, rewritten whole by every join, leave, kick, ban or role change; now each change writes its member's row,
-- in the group commit that writes the room's events (a join's system line and the joiner's row commit together).
-- A room reads its rows once per activation. Rooms whose grain state still holds members move them here when they
-- activate (RoomGrain), so the table starts empty.

CREATE TABLE room_members (
    room_id     text        NOT NULL,
    user_id     uuid        NOT NULL,
    name        text        NOT NULL,
    role        text        NOT NULL,
    joined_at   timestamptz NOT NULL,
    avatar      integer     NOT NULL DEFAULT 0,
    status      text        NULL,
    last_active timestamptz NULL,
    PRIMARY KEY (room_id, user_id)
);
