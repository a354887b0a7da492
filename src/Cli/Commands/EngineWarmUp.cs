using System;
using System.Collections.Generic;
using System.Threading;
using ReplicaGuard.Cli.Input;
using ReplicaGuard.Text;

namespace ReplicaGuard.Cli.Commands
{
    /// <summary>
    /// Pays the engine's one-time costs on the second core while the main thread parses a large input. A cold process
    /// spends ~12 ms of CPU before its first statements replay at full speed (loading the model's and rules' types,
    /// resolving the precompiled code's fixups, static constructors; measured by replaying GitLab's structure.sql
    /// twice in one process: 33-42 ms the first time, 21-28 ms the second). Those costs are paid once per process
    /// whichever thread pays them, so replaying a small made-up history beside the parse moves them off the main
    /// thread at the price of the small history's own work (well under a millisecond). Its result is dropped.
    /// </summary>
    public static class EngineWarmUp
    {
        /// <summary>Below this, the main thread would reach the replay before the warm-up has done much.</summary>
        public const long MinimumInputChars = 256 * 1024;

        /// <summary>The statements most histories are made of, each form once, with a publication so that the rules judge the tables.</summary>
        public const string SampleHistory =
            "SET search_path = public;\n" +
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" +
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;\n" +
            "CREATE TABLE a (id bigint NOT NULL, name text DEFAULT 'x'::text, at timestamp with time zone, n integer[]);\n" +
            "CREATE SEQUENCE a_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;\n" +
            "ALTER SEQUENCE a_id_seq OWNED BY a.id;\n" +
            "ALTER TABLE ONLY a ALTER COLUMN id SET DEFAULT nextval('a_id_seq'::regclass);\n" +
            "ALTER TABLE ONLY a ADD CONSTRAINT a_pkey PRIMARY KEY (id);\n" +
            "CREATE TABLE b (id bigserial PRIMARY KEY, a_id bigint REFERENCES a (id) ON DELETE CASCADE, v jsonb, CONSTRAINT b_v CHECK (v IS NOT NULL));\n" +
            "CREATE TABLE c (k text NOT NULL, p integer) PARTITION BY LIST (k);\n" +
            "CREATE TABLE c_1 PARTITION OF c FOR VALUES IN ('1');\n" +
            "CREATE UNIQUE INDEX index_b_on_a_id ON b USING btree (a_id) WHERE (a_id IS NOT NULL);\n" +
            "CREATE INDEX index_a_on_lower_name ON ONLY a USING gin (lower(name) gin_trgm_ops);\n" +
            "ALTER TABLE ONLY b ADD CONSTRAINT fk_b FOREIGN KEY (a_id) REFERENCES a(id) ON DELETE CASCADE;\n" +
            "ALTER TABLE b ADD COLUMN w text, ALTER COLUMN v DROP NOT NULL;\n" +
            "ALTER TABLE c REPLICA IDENTITY FULL;\n" +
            "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\n" +
            "COMMENT ON TABLE a IS 'a';\n" +
            "CREATE VIEW v AS SELECT id FROM a;\n" +
            "CREATE PUBLICATION p FOR ALL TABLES;\n" +
            "INSERT INTO a (id, name) VALUES (1, 'x');\n" +
            "UPDATE c SET p = 1 WHERE k = '1';\n" +
            "DROP INDEX index_a_on_lower_name;\n";

        /// <summary>Starts the warm-up when there is a second core and enough input for it to pay.</summary>
        public static void StartIfWorthIt(CheckInput input)
        {
            if (Environment.ProcessorCount < 2 || InputChars(input) < MinimumInputChars)
            {
                return;
            }
            // Settings of its own (the main thread's are not shared across threads): the same version and profile.
            var settings = new AnalysisSettings { PostgresVersion = input.Settings.PostgresVersion, Profile = input.Settings.Profile };
            var thread = new Thread(() => Run(settings)) { IsBackground = true, Name = "replicaguard engine warm-up" };
            thread.Start();
        }

        /// <summary>Runs the engine once on <see cref="SampleHistory"/>; never fails the process (it only moves work earlier).</summary>
        public static void Run(AnalysisSettings settings)
        {
            try
            {
                Engine.Analyze(new List<SourceFile> { new SourceFile("replicaguard-warm-up.sql", SampleHistory) }, settings);
            }
            catch (Exception)
            {
                // Whatever went wrong here goes wrong again, and is reported, on the main thread.
            }
        }

        private static long InputChars(CheckInput input)
        {
            long chars = 0;
            foreach (History history in input.Histories)
            {
                foreach (SourceFile file in history.Files)
                {
                    chars += file.Text.Length;
                }
            }
            return chars;
        }
    }
}
