using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Syntax;
using ReplicaGuard.Syntax.Ast;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    /// <summary>The hand-over from the parsing thread to the replaying one: every statement, in order, file by file.</summary>
    [TestClass]
    public sealed class StatementFeedTests
    {
        [TestMethod]
        public void EveryStatementArrivesInOrderWhateverTheBatchBoundaries()
        {
            var text = new StringBuilder();
            const int b = StatementFeed.BatchSize;
            for (int i = 0; i < 3 * b; i++)
            {
                text.Append("CREATE TABLE t").Append(i).Append(" (id int);\n");
            }
            IReadOnlyList<Statement> statements = Parser.Parse(new SourceFile("m/all.sql", text.ToString())).Statements;
            int[] sizes = { 0, 1, b - 1, b, b + 1, 2 * b + 3, 0, 3 * b };
            var files = new List<ParsedFile>();
            foreach (int size in sizes)
            {
                files.Add(Parser.Parse(new SourceFile("m/" + files.Count + ".sql", "")));
            }
            var feed = new StatementFeed();
            Task producer = Task.Run(() =>
            {
                for (int f = 0; f < sizes.Length; f++)
                {
                    feed.BeginFile(files[f]);
                    for (int i = 0; i < sizes[f]; i++)
                    {
                        feed.Add(statements[i]);
                    }
                    feed.EndFile();
                }
                feed.Finish();
            });
            int file = 0;
            for (ParsedFile? next = feed.NextFile(CancellationToken.None); next != null; next = feed.NextFile(CancellationToken.None), file++)
            {
                Assert.AreSame(files[file], next);
                int count = 0;
                while (feed.NextStatement(CancellationToken.None, out Statement statement))
                {
                    Assert.AreSame(statements[count], statement, $"file {file}, statement {count}");
                    count++;
                }
                Assert.AreEqual(sizes[file], count, $"file {file}");
            }
            Assert.AreEqual(sizes.Length, file);
            producer.Wait();
        }

        [TestMethod]
        public void TheParsesFailureReachesTheReplay()
        {
            var feed = new StatementFeed();
            feed.BeginFile(Parser.Parse(new SourceFile("m/a.sql", "")));
            feed.Fail(new InvalidOperationException("the parse broke"));
            InvalidOperationException thrown = Assert.ThrowsExactly<InvalidOperationException>(() => feed.NextFile(CancellationToken.None));
            Assert.AreEqual("the parse broke", thrown.Message);
        }

        [TestMethod]
        public void AWaitingReplayStopsWhenCancelled()
        {
            var feed = new StatementFeed();
            using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
            {
                Assert.ThrowsExactly<OperationCanceledException>(() => feed.NextFile(cancel.Token));
            }
        }
    }
}
