-- OrleansChat schema migration 10: the user-name search index as rows (issue 16). It used to be the grain state of
-- UserIndexGrain, one record per first letter of the names, rewritten whole by every new user or rename (0.5 MB per
-- new guest at 40,000 users); now a name is one row. The key is the normalised (lower-case) name; a search reads a
-- range of it, so the key is in the "C" collation: byte order, which is code point order, and a B-tree that serves
-- `key >= prefix AND key < end` whatever the database's default collation. Shards whose grain state still holds
-- names move them here when they activate (UserIndexGrain), so the table starts empty.

CREATE TABLE user_names (
    key     text COLLATE "C" PRIMARY KEY,
    user_id uuid             NOT NULL,
    name    text             NOT NULL
);
