using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ReplicaGuard.Text;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>
    /// Synthetic migration histories whose size grows by a factor: every file creates its own tables, so a history
    /// k times as large has k times as many files, tables, names to look up and publication members. Each file
    /// touches tables of earlier files (foreign keys, ALTER, publication membership) so that lookups reach across
    /// the whole catalog, and some tables lack a key so the rules have work to do.
    /// </summary>
    internal static class HistoryGenerator
    {
        public const int FilesPerUnit = 10;

        public static List<SourceFile> Generate(int units)
        {
            int count = units * FilesPerUnit;
            var files = new List<SourceFile>(count);
            for (int i = 0; i < count; i++)
            {
                files.Add(new SourceFile(Name(i), File(i)));
            }
            return files;
        }

        public static string Name(int i) => "migrations/" + (i + 1).ToString("D6", CultureInfo.InvariantCulture) + "_step.sql";

        public static string File(int i, string comment = "")
        {
            var sb = new StringBuilder(2048);
            sb.Append("-- migration ").Append(i).Append(comment).Append('\n');
            if (i == 0)
            {
                sb.Append("CREATE SCHEMA app;\n");
                sb.Append("CREATE PUBLICATION pub_all FOR ALL TABLES;\n");
                sb.Append("CREATE PUBLICATION pub_some;\n");
            }
            sb.Append("SET lock_timeout = '2s';\n");
            sb.Append("CREATE TABLE app.orders_").Append(i).Append(" (\n")
              .Append("    id bigint NOT NULL,\n")
              .Append("    customer_id bigint,\n")
              .Append("    amount numeric(12,2) DEFAULT 0 NOT NULL,\n")
              .Append("    tags text[],\n")
              .Append("    created_at timestamp with time zone DEFAULT now() NOT NULL\n);\n");
            sb.Append("ALTER TABLE ONLY app.orders_").Append(i).Append(" ADD CONSTRAINT orders_").Append(i).Append("_pkey PRIMARY KEY (id);\n");
            sb.Append("CREATE TABLE app.events_").Append(i).Append(" (seq bigserial, payload jsonb, order_id bigint);\n");
            sb.Append("CREATE INDEX index_events_").Append(i).Append("_on_order_id ON app.events_").Append(i).Append(" USING btree (order_id);\n");
            sb.Append("CREATE TABLE public.lookup_").Append(i).Append(" (code text PRIMARY KEY, label varchar(200) COLLATE \"C\");\n");
            sb.Append("CREATE UNIQUE INDEX lookup_").Append(i).Append("_label ON public.lookup_").Append(i).Append(" (label);\n");
            sb.Append("ALTER TABLE public.lookup_").Append(i).Append(" ALTER COLUMN label SET NOT NULL;\n");
            sb.Append("ALTER TABLE public.lookup_").Append(i).Append(" REPLICA IDENTITY USING INDEX lookup_").Append(i).Append("_label;\n");
            if (i > 0)
            {
                int earlier = i / 2;
                sb.Append("ALTER TABLE app.events_").Append(i).Append(" ADD CONSTRAINT fk_").Append(i)
                  .Append(" FOREIGN KEY (order_id) REFERENCES app.orders_").Append(earlier).Append("(id);\n");
                sb.Append("ALTER TABLE app.orders_").Append(earlier).Append(" ADD COLUMN note_").Append(i).Append(" text;\n");
                sb.Append("ALTER PUBLICATION pub_some ADD TABLE app.orders_").Append(earlier).Append(";\n");
                sb.Append("COMMENT ON TABLE app.orders_").Append(i).Append(" IS 'orders, part ").Append(i).Append("';\n");
                sb.Append("UPDATE app.orders_").Append(earlier).Append(" SET amount = amount + 1 WHERE id = ").Append(i).Append(";\n");
            }
            if (i % 7 == 3)
            {
                sb.Append("DROP TABLE IF EXISTS app.events_").Append(i - 1).Append(";\n");
            }
            sb.Append("CREATE OR REPLACE FUNCTION app.touch_").Append(i).Append("() RETURNS trigger LANGUAGE plpgsql AS $$\n")
              .Append("BEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND;\n$$;\n");
            return sb.ToString();
        }
    }
}
