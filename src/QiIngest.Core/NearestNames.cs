namespace QiIngest.Core;

/// <summary>
/// "Did you mean": the known names nearest to a name that did not resolve, by edit distance over characters (so a
/// Chinese name matches character by character: <c>团体标谁</c> is one edit from <c>团体标准</c>). Names are compared
/// as <see cref="Text.Key"/>s; a swap of two neighbours is one edit.
/// </summary>
internal sealed class NearestNames
{
    /// <summary>Longer text is not a misspelt name: it is not compared (and the comparison stays cheap).</summary>
    private const int MaxLength = 64;

    /// <summary>At most this many suggestions.</summary>
    private const int MaxSuggestions = 3;

    private readonly (string Key, string Display)[] _names;

    /// <param name="names">Each accepted name and how a suggestion shows it (<c>STD_SOCIAL_ORG (团体标准)</c>), in the order ties are listed.</param>
    public NearestNames(IEnumerable<(string Name, string Display)> names)
    {
        _names = [.. names.Select(n => (Key: Text.Key(n.Name), n.Display)).Where(n => n.Key.Length is > 0 and <= MaxLength).DistinctBy(n => n.Key)];
    }

    /// <summary>The displays of the nearest names, nearest first; empty when none is near enough.</summary>
    public IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var key = Text.Key(text);
        if (key.Length > MaxLength)
        {
            return [];
        }

        var found = new List<(int Distance, int Order, string Display)>();
        for (var i = 0; i < _names.Length; i++)
        {
            var (name, display) = _names[i];

            // Near enough: a third of the longer name's characters at most, and something in common with the text.
            var limit = Math.Min(Math.Max(1, Math.Max(key.Length, name.Length) / 3), key.Length - 1);
            if (limit < 1 || Math.Abs(key.Length - name.Length) > limit)
            {
                continue;
            }

            var distance = Distance(key, name, limit);
            if (distance <= limit)
            {
                found.Add((distance, i, display));
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var best = found.Min(f => f.Distance);
        List<string> nearest = [.. found.Where(f => f.Distance == best).OrderBy(f => f.Order).Select(f => f.Display).Distinct(StringComparer.Ordinal)];

        // A code is a number: 810000 is one digit from 210000, 510000 and 610000 alike, and none of them is a better guess.
        return nearest.Count > 1 && !key.AsSpan().ContainsAnyExceptInRange('0', '9') ? [] : [.. nearest.Take(MaxSuggestions)];
    }

    /// <summary>"did you mean A, B or C?" for a message, or null when nothing is near.</summary>
    public string? DidYouMean(string? text)
    {
        var found = Find(text);
        return found.Count switch
        {
            0 => null,
            1 => $"did you mean {found[0]}?",
            _ => $"did you mean {string.Join(", ", found.Take(found.Count - 1))} or {found[^1]}?",
        };
    }

    /// <summary>"是否指 A、B 或 C？" for a message in Chinese, or null when nothing is near.</summary>
    public string? DidYouMeanZh(string? text)
    {
        var found = Find(text);
        return found.Count switch
        {
            0 => null,
            1 => $"是否指 {found[0]}？",
            _ => $"是否指 {string.Join("、", found.Take(found.Count - 1))} 或 {found[^1]}？",
        };
    }

    /// <summary>Optimal string alignment distance (insert, delete, replace, swap neighbours); above <paramref name="limit"/> it stops early.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
