using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli;
using ReplicaGuard.Cli.Output;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class ProgressTests
    {
        private static string Run(bool terminal, TimeSpan elapsed)
        {
            var error = new StringWriter();
            var console = new CliConsole(new StringWriter(), error, ".", false, progressAllowed: terminal);
            using (var progress = new Progress(console, () => elapsed))
            {
                progress.Report("analysing a (1/2)");
            }
            return error.ToString();
        }

        [TestMethod]
        public void ShownOnATerminalAfterOneSecondAndClearedAtTheEnd()
        {
            Assert.AreEqual("\r\u001b[Kanalysing a (1/2)\r\u001b[K", Run(terminal: true, TimeSpan.FromSeconds(2)));
        }

        [TestMethod]
        public void NothingForShortRunsOrWhenStderrIsNotATerminal()
        {
            Assert.AreEqual("", Run(terminal: true, TimeSpan.FromMilliseconds(300)));
            Assert.AreEqual("", Run(terminal: false, TimeSpan.FromSeconds(5)));
        }
    }
}
