using System.Collections.Generic;

namespace ReplicaGuard.Syntax
{
    /// <summary>PostgreSQL's SplitIdentifierString: "a, \"B\", $user" as a list of names (unquoted ones folded).</summary>
    public static class SearchPathList
    {
        /// <summary>The names, or null when the server would reject the list syntax.</summary>
        public static List<string>? Split(string value)
        {
            var result = new List<string>();
            int i = 0;
            int n = value.Length;
            while (i < n && char.IsWhiteSpace(value[i]))
            {
                i++;
            }
            if (i == n)
            {
                return result; // empty string: empty list
            }
            while (true)
            {
                string name;
                if (i < n && value[i] == '"')
                {
                    var sb = new System.Text.StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= n)
                        {
                            return null; // unterminated quote
                        }
                        if (value[i] == '"')
                        {
                            if (i + 1 < n && value[i + 1] == '"')
                            {
                                sb.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        sb.Append(value[i++]);
                    }
                    name = sb.ToString();
                }
                else
                {
                    int start = i;
                    while (i < n && value[i] != ',' && !char.IsWhiteSpace(value[i]))
                    {
                        i++;
                    }
                    if (i == start)
                    {
                        return null; // empty element
                    }
                    name = Identifiers.FoldCase(value.Substring(start, i - start));
                }
                result.Add(Identifiers.Truncate(name));
                while (i < n && char.IsWhiteSpace(value[i]))
                {
                    i++;
                }
                if (i >= n)
                {
                    return result;
                }
                if (value[i] != ',')
                {
                    return null;
                }
                i++;
                while (i < n && char.IsWhiteSpace(value[i]))
                {
                    i++;
                }
            }
        }
    }
}
