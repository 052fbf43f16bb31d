-- OrleansChat schema migration 3: grain state for Orleans' ADO.NET persistence provider
-- (Microsoft.Orleans.Persistence.AdoNet, invariant "Npgsql"), used as the "chat" grain storage in cluster mode.
-- Written for this project; the provider fixes the query keys, the @parameter names and the columns it reads.
--
-- One row per grain and state name. The provider passes the grain id as two 64-bit halves (Guid and integer keys)
-- and a string part (string keys, key extensions), plus hashes of both that this schema does not need: the natural
-- key is the primary key. A missing string part is stored as '' so that it can be part of the key.
-- version is the grain's ETag: every write names the version it read, and a stale one changes nothing.

CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id  text COLLATE "C" NOT NULL,
    grain_type  text COLLATE "C" NOT NULL,
    grain_id_n0 bigint           NOT NULL,
    grain_id_n1 bigint           NOT NULL,
    grain_id    text COLLATE "C" NOT NULL,
    payload     bytea            NULL,
    version     integer          NOT NULL,
    modified_at timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_pkey PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id = COALESCE(@GrainIdExtensionString, '')
$q$),

-- First write (no version yet): insert version 1 unless a row exists. Later writes: replace the payload if the
-- version matches. Returns the new version, or no row when the write lost a race (the provider then throws
-- InconsistentStateException and the grain's write fails).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id = COALESCE(@GrainIdExtensionString, '')
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_pkey DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$q$),

-- Clearing keeps the row (and its version), without a payload.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id = COALESCE(@GrainIdExtensionString, '')
RETURNING version AS "NewGrainStateVersion"
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id = COALESCE(@GrainIdExtensionString, '')
RETURNING version + 1 AS "NewGrainStateVersion"
$q$);
