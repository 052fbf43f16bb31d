-- OrleansChat schema migration 4: cleanup of dead silos' membership rows, as newer ADO.NET clustering providers
-- expect it (only rows of silos declared dead; the single-row form deletes a row only if it is still exactly what the
-- provider read, so a concurrent change wins).

UPDATE OrleansQuery SET QueryText = $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
  AND COALESCE(suspect_times, '') = ''
$q$
WHERE QueryKey = 'CleanupDefunctSiloEntriesKey';

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND address = @Address AND port = @Port AND generation = @Generation
  AND i_am_alive_time = @IAmAliveTime AND start_time = @StartTime
  AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '')
$q$)
ON CONFLICT (QueryKey) DO NOTHING;
