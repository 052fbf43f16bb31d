-- OrleansChat schema migration 8: message search (docs/architecture.md, "Message search").
-- chat_search is the 'simple' configuration (no stemming, no stop words: right for any language, where an English
-- stemmer would mangle German or Russian) with unaccent before it, so "cafe" finds "café" and "Muller" finds "Müller".
-- Chinese, Japanese and Korean are written without spaces: chat_search_text puts a separator (U+001F, a control
-- character no message holds) after each of their characters, making each one a word, and a query's run of them a
-- phrase (SearchText in Grains/Search does the same to queries and to SQLite's index; the ranges must match).
-- The tsvector is a stored generated column of the message's current text: an edit or a delete (which rewrite body and
-- deleted in the group commit) updates it in the same transaction; only undeleted messages have one. The GIN index
-- covers (room_id, search) (btree_gin), so a search of the user's rooms intersects both in the index.
-- unaccent and btree_gin are trusted extensions: the database owner may create them.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TEXT SEARCH CONFIGURATION chat_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION chat_search
    ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;

CREATE FUNCTION chat_search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(body, '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])', E'\\1\x1F', 'g');

-- A message's words and the name of the file it carries (migration 7), so that a file is found by its name; dots,
-- dashes and underscores in the name separate words (the default parser would read budget-2027.pdf as one file name).
ALTER TABLE room_events ADD COLUMN search tsvector GENERATED ALWAYS AS (
    CASE WHEN kind = 'message' AND NOT deleted AND (body <> '' OR attachment IS NOT NULL)
        THEN to_tsvector('chat_search'::regconfig, chat_search_text(body || coalesce(E'\n' || regexp_replace(attachment ->> 'name', '[._-]+', ' ', 'g'), '')))
    END
) STORED;

CREATE INDEX room_events_search ON room_events USING gin (room_id, search) WHERE search IS NOT NULL;
