-- OrleansChat schema migration 2: the tables and named queries of Orleans' ADO.NET clustering provider
-- (Microsoft.Orleans.Clustering.AdoNet, invariant "Npgsql"). Written for this project; the provider only fixes the
-- contract: the query keys, the @parameter names it binds and the column names it reads back.
--
-- Each Orleans cluster (ClusterId, the provider's "DeploymentId") has one version row, bumped by every membership
-- change: a writer passes the version it read and the change applies only if nobody changed the table since
-- (optimistic concurrency). Silo status numbers are Orleans' SiloStatus: 3 = Active, 6 = Dead.

-- Orleans reads every query it runs from this table, by key. The name and both column names are fixed by the
-- provider ("SELECT QueryKey, QueryText FROM OrleansQuery"); PostgreSQL folds them to lower case.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text COLLATE "C" PRIMARY KEY,
    version       integer          NOT NULL DEFAULT 0,
    changed_at    timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   text COLLATE "C" NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text COLLATE "C" NOT NULL,
    port            integer          NOT NULL,
    generation      integer          NOT NULL,
    silo_name       text             NOT NULL,
    host_name       text             NOT NULL,
    status          integer          NOT NULL,
    proxy_port      integer          NOT NULL DEFAULT 0,
    suspect_times   text             NULL,
    start_time      timestamptz      NOT NULL,
    i_am_alive_time timestamptz      NOT NULL,
    CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation)
);

-- The named queries. Column aliases are quoted so that they reach the provider with the capitalisation it asks for.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- A cluster's first silo creates the version row; returns 1 if it did, 0 if it existed.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created
$q$),

-- A silo registers itself. The version bump and the insert succeed together or not at all: the insert reads the
-- bumped row, and a duplicate key fails the whole statement. Returns 1 on success, 0 if the version was stale.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*)::integer FROM inserted
$q$),

-- A silo's status or suspicion list changes. The version is bumped only if the row exists, so a 0 result changed
-- nothing.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND EXISTS (
          SELECT 1 FROM orleans_membership m
          WHERE m.deployment_id = @DeploymentId AND m.address = @Address AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id
), changed AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer FROM changed
$q$),

-- The heartbeat: no version bump, nobody waits on it.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- One silo's row, or only the version when it has none: the version row is always returned.
('MembershipReadRowKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- What Orleans clients (our gateways) connect to: active silos that accept clients.
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Rows of silos that stopped long ago (dead, or never became active) are removed; active ones never are.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$);
