using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Suppressions;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// Parser.Parse lexes into arrays kept from the previous parse (LexBuffers): no result may depend on what a
    /// reused array held before, and parses on several threads at once (the IDE) must not share arrays.
    /// </summary>
    [TestClass]
    public sealed class ParserBufferReuseTests
    {
        [TestMethod]
        public void ASmallFileParsesTheSameAfterALargerOne()
        {
            string small = "create table a (id int primary key);\n-- replicaguard-ignore RG1001\nalter table a add column b text;\nselect 1";
            string before = Describe(Parser.Parse(new SourceFile("small.sql", small)));

            Parser.Parse(new SourceFile("large.sql", LargeText(seed: 1, statements: 3000)));
            string after = Describe(Parser.Parse(new SourceFile("small.sql", small)));

            Assert.AreEqual(before, after);
            StringAssert.Contains(after, "CreateTableStatement");
            StringAssert.Contains(after, "suppression");
        }

        [TestMethod]
        public void ALargeFileParsesTheSameAfterOthers()
        {
            string large = LargeText(seed: 2, statements: 2000);
            string first = Describe(Parser.Parse(new SourceFile("large.sql", large)));
            Parser.Parse(new SourceFile("other.sql", LargeText(seed: 3, statements: 5000)));
            Parser.Parse(new SourceFile("empty.sql", ""));
            Assert.AreEqual(first, Describe(Parser.Parse(new SourceFile("large.sql", large))));
        }

        [TestMethod]
        public void ParsesOnSeveralThreadsMatchParsesOnOne()
        {
            string[] texts = Enumerable.Range(0, 6).Select(i => LargeText(seed: 10 + i, statements: 300 + 150 * i)).ToArray();
            string[] expected = texts.Select(t => Describe(Parser.Parse(new SourceFile("f.sql", t)))).ToArray();
            var mismatches = new List<string>();
            Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                int which = i % texts.Length;
                string actual = Describe(Parser.Parse(new SourceFile("f.sql", texts[which])));
                if (actual != expected[which])
                {
                    lock (mismatches)
                    {
                        mismatches.Add("file " + which);
                    }
                }
            });
            Assert.AreEqual(0, mismatches.Count, string.Join(", ", mismatches));
        }

        /// <summary>Varied statements with comments, suppressions and trivia, different for each seed.</summary>
        private static string LargeText(int seed, int statements)
        {
            var text = new StringBuilder();
            var random = new System.Random(seed);
            for (int i = 0; i < statements; i++)
            {
                switch (random.Next(5))
                {
                    case 0:
                        text.Append("CREATE TABLE t").Append(i).Append(" (id bigint NOT NULL, name text);\n");
                        break;
                    case 1:
                        text.Append("-- replicaguard-ignore RG1001\nALTER TABLE ONLY t").Append(i).Append(" ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n");
                        break;
                    case 2:
                        text.Append("/* block ").Append(i).Append(" */ CREATE INDEX i").Append(i).Append(" ON t").Append(i).Append(" USING btree (name);\n\n");
                        break;
                    case 3:
                        text.Append("SELECT '").Append(new string('x', random.Next(40))).Append("';\n");
                        break;
                    default:
                        text.Append("COMMENT ON TABLE t").Append(i).Append(" IS 'c';   \n");
                        break;
                }
            }
            return text.ToString();
        }

        private static string Describe(ParsedFile parsed)
        {
            var text = new StringBuilder();
            foreach (Statement statement in parsed.Statements)
            {
                text.Append(statement.GetType().Name).Append(' ').Append(statement.Span).Append(' ').Append(statement.SemicolonToken).Append('\n');
            }
            foreach (Suppression suppression in parsed.Suppressions)
            {
                text.Append("suppression ").Append(suppression.Span).Append(' ').Append(string.Join(",", suppression.RuleIds))
                    .Append(' ').Append(string.Join(",", suppression.Statements)).Append('\n');
            }
            return text.ToString();
        }
    }
}
