using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using ReplicaGuard.Migrations;
using ReplicaGuard.Syntax;
using ReplicaGuard.Text;

namespace ReplicaGuard.FrontEnds
{
    /// <summary>
    /// Parses per file, keyed by path and checked against the file's content and the settings that shape a parse
    /// (PostgreSQL version, placeholders): editing one file re-parses that file only. One entry per path, so the
    /// cache holds at most one parse of each file ever seen.
    /// </summary>
    internal sealed class ParseCache
    {
        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>();
        private readonly System.Func<SourceFile, int, System.Threading.CancellationToken, ParsedFile> _parse;

        public ParseCache()
            : this(Parser.Parse)
        {
        }

        /// <summary>Test seam: <paramref name="parse"/> stands in for <see cref="Parser.Parse"/> (tests inject a failing engine).</summary>
        internal ParseCache(System.Func<SourceFile, int, System.Threading.CancellationToken, ParsedFile> parse)
        {
            _parse = parse;
        }

        /// <summary>How many parses this cache has run (tests check that unchanged files are not re-parsed).</summary>
        public int ParseCount;

        /// <summary>
        /// The cache as one analysis reads it: the settings' parse shape is worked out once, not once per file
        /// (a history of 1,000 files asked for it 1,000 times on every edit).
        /// </summary>
        public SettingsParses For(AnalysisSettings settings) => new SettingsParses(this, settings, Shape(settings));

        private ParsedFile GetOrParse(MigrationInput input, AnalysisSettings settings, string shape, System.Threading.CancellationToken cancellationToken)
        {
            if (_entries.TryGetValue(input.FullPath, out Entry? entry)
                && entry.Shape == shape
                && string.Equals(entry.Parsed.File.OriginalText, input.Text, System.StringComparison.Ordinal))
            {
                return entry.Parsed;
            }

            SourceFile file = SourcePreparation.Prepare(input.FullPath, input.Text, settings.Placeholders);
            ParsedFile parsed = _parse(file, settings.PostgresVersion, cancellationToken);
            System.Threading.Interlocked.Increment(ref ParseCount);
            _entries[input.FullPath] = new Entry(shape, parsed);
            return parsed;
        }

        private static string Shape(AnalysisSettings settings)
        {
            var keys = new List<string>(settings.Placeholders.Keys);
            keys.Sort(System.StringComparer.Ordinal);
            var builder = new StringBuilder().Append(settings.PostgresVersion);
            foreach (string key in keys)
            {
                builder.Append('\0').Append(key).Append('\0').Append(settings.Placeholders[key]);
            }
            return builder.ToString();
        }

        /// <summary>Parses under one settings object, which must not change while this is in use.</summary>
        internal sealed class SettingsParses
        {
            private readonly ParseCache _cache;
            private readonly AnalysisSettings _settings;
            private readonly string _shape;

            public SettingsParses(ParseCache cache, AnalysisSettings settings, string shape)
            {
                _cache = cache;
                _settings = settings;
                _shape = shape;
            }

            public ParsedFile GetOrParse(MigrationInput input, System.Threading.CancellationToken cancellationToken = default)
                => _cache.GetOrParse(input, _settings, _shape, cancellationToken);
        }

        private sealed class Entry
        {
            public Entry(string shape, ParsedFile parsed)
            {
                Shape = shape;
                Parsed = parsed;
            }

            public string Shape { get; }
            public ParsedFile Parsed { get; }
        }
    }
}
