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
    /// thread; the price is the small history's own work and the one-time costs of paths the real input may not take
    /// (0-10 ms of CPU in all, measured under load). Its result is dropped.
    /// </summary>
    public static class EngineWarmUp
    {
        /// <summary>
        /// Below this the main thread's parse (~20 ms per million chars, cold) ends before the warm-up has replayed its
        /// history, and both threads would wait on the same type loads: on a 420K-char file the warm-up cost 6-14 ms of
        /// CPU and no wall time could be shown to be saved.
        /// </summary>
        public const long MinimumInputChars = 1 << 20;

        /// <summary>
        /// The statement forms a schema dump like GitLab's is made of (tables, sequences, partitions attached with their
        /// indexes, keys, foreign keys, triggers), each once, with a publication of keyed tables: a clean history, so that
        /// the warm-up pays for the paths clean histories take and not for building diagnostics and fixes.
        /// </summary>
        public const string SampleHistory =
            "SET search_path = public;\n" +
            "CREATE SCHEMA parts;\n" +
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" +
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;\n" +
            "CREATE TABLE a (id bigint NOT NULL, name text DEFAULT 'x'::text, at timestamp with time zone, n integer[]);\n" +
            "COMMENT ON TABLE a IS 'a';\n" +
            "CREATE SEQUENCE a_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;\n" +
            "ALTER SEQUENCE a_id_seq OWNED BY a.id;\n" +
            "CREATE TABLE b (id bigint NOT NULL, a_id bigint, v jsonb, CONSTRAINT b_v CHECK ((v IS NOT NULL)));\n" +
            "CREATE TABLE c (id bigint NOT NULL, k text NOT NULL) PARTITION BY LIST (k);\n" +
            "CREATE TABLE parts.c_1 (id bigint NOT NULL, k text NOT NULL);\n" +
            "CREATE VIEW v AS SELECT id FROM a;\n" +
            "ALTER TABLE ONLY a ALTER COLUMN id SET DEFAULT nextval('a_id_seq'::regclass);\n" +
            "ALTER TABLE ONLY c ATTACH PARTITION parts.c_1 FOR VALUES IN ('1');\n" +
            "ALTER TABLE ONLY a ADD CONSTRAINT a_pkey PRIMARY KEY (id);\n" +
            "ALTER TABLE ONLY b ADD CONSTRAINT b_pkey PRIMARY KEY (id);\n" +
            "ALTER TABLE ONLY c ADD CONSTRAINT c_pkey PRIMARY KEY (id, k);\n" +
            "ALTER TABLE ONLY parts.c_1 ADD CONSTRAINT c_1_pkey PRIMARY KEY (id, k);\n" +
            "CREATE INDEX index_a_on_lower_name ON a USING gin (lower(name) gin_trgm_ops);\n" +
            "CREATE UNIQUE INDEX index_b_on_a_id ON b USING btree (a_id) WHERE (a_id IS NOT NULL);\n" +
            "CREATE INDEX index_c_on_k ON ONLY c USING btree (k);\n" +
            "CREATE INDEX c_1_k_idx ON parts.c_1 USING btree (k);\n" +
            "ALTER INDEX c_pkey ATTACH PARTITION parts.c_1_pkey;\n" +
            "ALTER INDEX index_c_on_k ATTACH PARTITION parts.c_1_k_idx;\n" +
            "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\n" +
            "ALTER TABLE ONLY b ADD CONSTRAINT fk_b FOREIGN KEY (a_id) REFERENCES a(id) ON DELETE CASCADE;\n" +
            "ALTER TABLE b ADD COLUMN w text;\n" +
            "CREATE PUBLICATION p FOR TABLE a, b;\n" +
            "INSERT INTO a (id, name) VALUES (1, 'x');\n";

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
