using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReplicaGuard.Cli.Output;
using ReplicaGuard.Diagnostics;
using ReplicaGuard.Rules;
using ReplicaGuard.Text;

namespace ReplicaGuard.Tests
{
    [TestClass]
    public sealed class GithubAndJsonReporterTests
    {
        [TestMethod]
        public void GithubAnnotationHasTheWorkflowCommandShape()
        {
            var file = new SourceFile("db/0001_init.sql", "-- init\nCREATE TABLE t (a int);\n");
            string report = GithubReporter.Format(new[] { TestData.Make(TestData.At(file, "CREATE TABLE t"), message: "No identity") });
            Assert.AreEqual(
                "::error file=db/0001_init.sql,line=2,col=1,endLine=2,endColumn=15,title=RG1001::No identity [public.t]%0Ahelp: " + RuleCatalog.RG1001.HelpUri + "\n",
                report);
        }

        [TestMethod]
        public void GithubEscapesDataAndPropertiesLikeTheToolkit()
        {
            // A file name with ':' ',' '%' and a message with '%', CR, LF, ':' and ','.
            var file = new SourceFile("db/v1:a,b%c.sql", "CREATE TABLE t (a int);\n");
            var related = new SourceFile("db/r.sql", "x");
            Diagnostic diagnostic = TestData.Make(
                TestData.At(file, "t"),
                message: "100% sure:\r\nline two, ok",
                objectName: null,
                related: new[] { new Location(related, new TextSpan(0, 1)) });

            string line = GithubReporter.Format(new[] { diagnostic });

            StringAssert.StartsWith(line, "::error file=db/v1%3Aa%2Cb%25c.sql,line=1,col=14,endLine=1,endColumn=15,title=RG1001::");
            StringAssert.Contains(line, "::100%25 sure:%0D%0Aline two, ok%0Arelated: db/r.sql(1,1)%0Ahelp: ");
            Assert.AreEqual(1, line.Split('\n').Length - 1, "one line per result");
            Assert.AreEqual("a%25b%0D%0Ac", GithubReporter.EscapeData("a%b\r\nc"));
            Assert.AreEqual("a%3Ab%2Cc%25%0A", GithubReporter.EscapeProperty("a:b,c%\n"));
        }

        [TestMethod]
        [DataRow(Severity.Error, "::error ")]
        [DataRow(Severity.Warning, "::warning ")]
        [DataRow(Severity.Suggestion, "::notice ")]
        public void GithubCommandFollowsSeverity(Severity severity, string prefix)
        {
            var file = new SourceFile("a.sql", "CREATE TABLE t (a int);");
            StringAssert.StartsWith(GithubReporter.Format(new[] { TestData.Make(TestData.At(file, "t"), severity: severity) }), prefix);
        }

        [TestMethod]
        public void JsonHasVersionSummaryLocationsAndFixes()
        {
            var file = new SourceFile("a.sql", "-- x\nCREATE TABLE t (a int NOT NULL);\n");
            int at = file.OriginalText.IndexOf(')');
            var fix = new CodeFix("Add a primary key", new[] { new TextEdit(file, new TextSpan(at, 0), ", PRIMARY KEY (a)") }, "pk");
            Diagnostic diagnostic = TestData.Make(TestData.At(file, "CREATE TABLE t"), fixes: new[] { fix },
                related: new[] { TestData.At(file, "x") });

            using JsonDocument document = JsonDocument.Parse(JsonReporter.Format(new[] { diagnostic }, fileCount: 3, toolVersion: "1.2.3"));
            JsonElement root = document.RootElement;
            Assert.AreEqual(1, root.GetProperty("version").GetInt32());
            Assert.AreEqual("1.2.3", root.GetProperty("tool").GetProperty("version").GetString());
            Assert.AreEqual(1, root.GetProperty("summary").GetProperty("errors").GetInt32());
            Assert.AreEqual(3, root.GetProperty("summary").GetProperty("files").GetInt32());
            JsonElement result = root.GetProperty("results")[0];
            Assert.AreEqual("RG1001", result.GetProperty("ruleId").GetString());
            Assert.AreEqual("error", result.GetProperty("severity").GetString());
            Assert.AreEqual("public.t", result.GetProperty("objectName").GetString());
            JsonElement location = result.GetProperty("location");
            Assert.AreEqual("a.sql", location.GetProperty("file").GetString());
            Assert.AreEqual(2, location.GetProperty("line").GetInt32());
            Assert.AreEqual(1, location.GetProperty("column").GetInt32());
            Assert.AreEqual(15, location.GetProperty("endColumn").GetInt32());
            Assert.AreEqual(5, location.GetProperty("offset").GetInt32());
            Assert.AreEqual(14, location.GetProperty("length").GetInt32());
            Assert.AreEqual(1, result.GetProperty("relatedLocations")[0].GetProperty("line").GetInt32());
            JsonElement edit = result.GetProperty("fixes")[0].GetProperty("edits")[0];
            Assert.AreEqual(at, edit.GetProperty("offset").GetInt32());
            Assert.AreEqual(0, edit.GetProperty("length").GetInt32());
            Assert.AreEqual(", PRIMARY KEY (a)", edit.GetProperty("newText").GetString());
        }
    }
}
