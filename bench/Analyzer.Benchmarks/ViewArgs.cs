using System;
using System.Globalization;

namespace ReplicaGuard.Benchmarks
{
    /// <summary>A quick view's arguments after its name, read by position; a bad or missing one ends the view with a usage line.</summary>
    internal sealed class ViewArgs
    {
        private readonly string[] _args;

        /// <param name="args">The command line: the view's name, then its arguments.</param>
        public ViewArgs(string[] args)
        {
            _args = args;
        }

        /// <summary>A positive whole number at <paramref name="position"/> (1 = first after the name); <paramref name="fallback"/> when absent, required when null.</summary>
        public int Count(int position, string what, int? fallback = null)
        {
            string? text = Text(position);
            if (text == null)
            {
                return fallback ?? throw new ViewUsageException($"{what} is missing");
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                throw new ViewUsageException($"{what} must be a whole number of 1 or more, not '{text}'");
            }
            return value;
        }

        /// <summary>A file of the generated 1,000-file history by its 0-based index, or null when absent.</summary>
        public int? FileIndex(int position, int files)
        {
            string? text = Text(position);
            if (text == null)
            {
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value >= files)
            {
                throw new ViewUsageException($"the file must be an index from 0 to {files - 1}, not '{text}'");
            }
            return value;
        }

        /// <summary>One of <paramref name="allowed"/> at <paramref name="position"/>, or null when absent.</summary>
        public string? Word(int position, params string[] allowed)
        {
            string? text = Text(position);
            if (text != null && Array.IndexOf(allowed, text) < 0)
            {
                throw new ViewUsageException($"expected {string.Join(" or ", allowed)}, not '{text}'");
            }
            return text;
        }

        /// <summary>Any text at <paramref name="position"/>, or null when absent.</summary>
        public string? Text(int position) => position < _args.Length ? _args[position] : null;

        /// <summary>Fails on arguments past <paramref name="count"/>: a typo there would otherwise be ignored silently.</summary>
        public void NoMoreThan(int count)
        {
            if (_args.Length - 1 > count)
            {
                throw new ViewUsageException($"unexpected argument '{_args[count + 1]}'");
            }
        }
    }

    /// <summary>A quick view's arguments are wrong: the message says which, and the usage line follows it.</summary>
    internal sealed class ViewUsageException : Exception
    {
        public ViewUsageException(string message)
            : base(message)
        {
        }
    }
}
