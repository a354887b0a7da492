using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.FrontEnds;
using ReplicaGuard.Syntax;

namespace ReplicaGuard.Tests
{
    /// <summary>
    /// The parse cache reuses a file's parse only under settings that parse it the same way (PostgreSQL version,
    /// placeholders), whichever settings object they come in.
    /// </summary>
    [TestClass]
    public sealed class ParseCacheTests
    {
        private static readonly MigrationInput Input = new MigrationInput("/p/V1__init.sql", "CREATE TABLE ${name} (id int PRIMARY KEY);\n");

        [TestMethod]
        public void EqualSettingsInNewObjectsReuseTheParse()
        {
            var cache = new ParseCache();
            ParsedFile first = cache.For(Settings(16, "a")).GetOrParse(Input);
            ParsedFile again = cache.For(Settings(16, "a")).GetOrParse(Input);
            Assert.AreSame(first, again);
            Assert.AreEqual(1, cache.ParseCount);
        }

        [TestMethod]
        public void AnotherPostgresVersionParsesAgain()
        {
            var cache = new ParseCache();
            cache.For(Settings(16, "a")).GetOrParse(Input);
            cache.For(Settings(13, "a")).GetOrParse(Input);
            Assert.AreEqual(2, cache.ParseCount);
        }

        [TestMethod]
        public void AnotherPlaceholderValueParsesAgain()
        {
            var cache = new ParseCache();
            ParsedFile a = cache.For(Settings(16, "a")).GetOrParse(Input);
            ParsedFile b = cache.For(Settings(16, "b")).GetOrParse(Input);
            Assert.AreEqual(2, cache.ParseCount);
            StringAssert.Contains(b.File.Text, "CREATE TABLE b ");
            StringAssert.Contains(a.File.Text, "CREATE TABLE a ");
        }

        [TestMethod]
        public void OneSettingsViewServesEveryFileOfAHistory()
        {
            var cache = new ParseCache();
            ParseCache.SettingsParses parses = cache.For(Settings(16, "a"));
            ParsedFile one = parses.GetOrParse(Input);
            ParsedFile two = parses.GetOrParse(new MigrationInput("/p/V2__more.sql", "CREATE TABLE c (id int);\n"));
            Assert.AreSame(one, parses.GetOrParse(Input));
            Assert.AreEqual(1, two.Statements.Count);
            Assert.AreEqual(2, cache.ParseCount);
        }

        private static AnalysisSettings Settings(int version, string name)
        {
            var settings = new AnalysisSettings { PostgresVersion = version };
            settings.Placeholders["name"] = name;
            return settings;
        }
    }
}
