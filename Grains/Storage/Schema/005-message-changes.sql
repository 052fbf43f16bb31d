-- OrleansChat schema migration 5: edits, deletes, reactions and pins. A message's row holds the message as it is now
-- (updated in the same transaction as the change event that changes it), so that a page of history stays one query:
-- its current text (an edit rewrites body; a delete empties it and the bodies of its edit events), when it was last
-- edited, whether it was deleted, its reactions (JSON) and whether it is pinned. A reaction event's row holds the
-- message's reactions after it; a pin event's row whether it pinned or unpinned.
-- The indexes are partial: plain messages (no target, not pinned) cost nothing more to insert.

ALTER TABLE room_events
    ADD COLUMN edited_at timestamptz NULL,
    ADD COLUMN deleted   boolean     NOT NULL DEFAULT false,
    ADD COLUMN reactions text        NULL,
    ADD COLUMN pinned    boolean     NOT NULL DEFAULT false;

CREATE INDEX room_events_target ON room_events (room_id, target_seq) WHERE target_seq IS NOT NULL;

CREATE INDEX room_events_pinned ON room_events (room_id, seq) WHERE pinned;
