using Npgsql;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Installs replicaguard_probe.probe() into postgres and template1 (so every database created later has it).
    /// It runs the semantics page's section 7 probe for all leaf permanent user tables in ONE round trip:
    /// each probe sits in its own exception block (a subtransaction, the same as a savepoint).
    /// </summary>
    public static class ProbeFunction
    {
        public const string SchemaName = "replicaguard_probe";

        // Probes use SET col = DEFAULT: legal for every column kind (identity ALWAYS and generated columns
        // reject SET col = col before the executor runs). A table with no columns gets a temporary column
        // (rolled back with its block; adding a column never changes the replica identity) so UPDATE is probed too.
        // A successful probe raises RGOK0 so the block rolls back either way.
        private const string Sql = @"
CREATE SCHEMA IF NOT EXISTS replicaguard_probe;
CREATE OR REPLACE FUNCTION replicaguard_probe.probe()
RETURNS TABLE(schema_name text, table_name text, update_error text, update_detail text, delete_error text, delete_detail text)
LANGUAGE plpgsql AS $probe$
DECLARE
  r record;
  col text;
  msg text;
  det text;
BEGIN
  FOR r IN
    SELECT c.oid, n.nspname::text AS nsp, c.relname::text AS rel
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND c.relpersistence = 'p'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'replicaguard_probe')
      AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 2, 3
  LOOP
    schema_name := r.nsp; table_name := r.rel;
    update_error := NULL; update_detail := NULL; delete_error := NULL; delete_detail := NULL;
    col := (SELECT a.attname::text FROM pg_attribute a
            WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum LIMIT 1);
    BEGIN
      IF col IS NULL THEN
        EXECUTE format('ALTER TABLE %I.%I ADD COLUMN replicaguard_probe_col int', r.nsp, r.rel);
        col := 'replicaguard_probe_col';
      END IF;
      EXECUTE format('UPDATE %I.%I SET %I = DEFAULT WHERE false', r.nsp, r.rel, col);
      RAISE EXCEPTION USING ERRCODE = 'RGOK0', MESSAGE = 'probe ok';
    EXCEPTION WHEN OTHERS THEN
      IF SQLSTATE <> 'RGOK0' THEN
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
        update_error := msg; update_detail := NULLIF(det, '');
      END IF;
    END;
    BEGIN
      EXECUTE format('DELETE FROM %I.%I WHERE false', r.nsp, r.rel);
      RAISE EXCEPTION USING ERRCODE = 'RGOK0', MESSAGE = 'probe ok';
    EXCEPTION WHEN OTHERS THEN
      IF SQLSTATE <> 'RGOK0' THEN
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
        delete_error := msg; delete_detail := NULLIF(det, '');
      END IF;
    END;
    RETURN NEXT;
  END LOOP;
END
$probe$;";

        public static void Install(PgServer server)
        {
            foreach (string database in new[] { "template1", "postgres" })
            {
                using NpgsqlConnection connection = server.Open(database);
                using var command = new NpgsqlCommand(Sql, connection);
                command.ExecuteNonQuery();
            }
        }
    }
}
