-- OrleansChat schema migration 11: the unique key that makes a retry of any age idempotent leads with the client id
-- (docs/architecture.md, "Room event log"). Led by the room, the entries of a room sit in that room's part of the
-- index and random (UUIDv4) ids scatter them inside it, so a group commit of N rooms dirtied N index pages. Clients
-- now send time-ordered ids (UUIDv7): led by them, the new entries of every room land on the index's rightmost pages.
-- Same columns, so the same uniqueness; the new constraint is built (it reads the table once, blocking writes) before
-- the old one is dropped, in the migration's transaction.

ALTER TABLE room_events ADD CONSTRAINT room_events_client_msg_id UNIQUE (client_msg_id, room_id, author_id);
ALTER TABLE room_events DROP CONSTRAINT room_events_client_msg;
