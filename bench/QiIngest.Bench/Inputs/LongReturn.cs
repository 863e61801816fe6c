using System.Globalization;
using System.Text;

namespace QiIngest.Bench.Inputs;

/// <summary>
/// Writes a deterministic long-layout CSV return (section 5.1) with region detail: one row per (region, province
/// indicator). Regions are NAMES (<c>区县000123</c>, section 5.4): codes 44xxxx would give only 10^4 × 8 distinct pairs.
/// The same arguments always give the same bytes.
/// </summary>
internal static class LongReturn
{
    /// <summary>The eight province indicators by Chinese name, with the unit the file gives them in.</summary>
    private static readonly (string Name, string Unit, bool Money)[] Indicators =
    [
        ("团体标准", "项", false),
        ("检验检测机构", "家", false),
        ("民营检验检测机构", "家", false),
        ("检验检测营业收入", "万元", true),
        ("获认可合格评定机构", "家", false),
        ("质量基础设施一站式服务站", "个", false),
        ("认证小微企业融资授信", "万元", true),
        ("减免认证费用", "万元", true),
    ];

    /// <summary>How many indicators each region reports.</summary>
    public static int IndicatorsPerRegion => Indicators.Length;

    /// <summary>
    /// Writes <paramref name="rows"/> data rows (a multiple of 8 is exact; the rest is cut off at the last whole region)
    /// to <paramref name="path"/>. When <paramref name="rowBytes"/> is positive, a <c>备注</c> column pads every row to
    /// about that many UTF-8 bytes.
    /// </summary>
    /// <returns>The data rows written and the file's size in bytes.</returns>
    public static (int Rows, long Bytes) Write(string path, int rows, int rowBytes = 0, int seed = 1)
    {
        var regions = Math.Max(1, rows / Indicators.Length);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(rowBytes > 0 ? "地区,指标,数值,单位,备注" : "地区,指标,数值,单位");
        var line = new StringBuilder(256);
        for (var region = 0; region < regions; region++)
        {
            var institutions = 50 + (int)(Mix(seed, region, 1) % 950);
            var privateShare = 40 + (int)(Mix(seed, region, 2) % 41);
            for (var i = 0; i < Indicators.Length; i++)
            {
                var (name, unit, money) = Indicators[i];
                var h = Mix(seed, region, i + 10);
                line.Clear();
                line.Append("区县").Append(region.ToString("D6", CultureInfo.InvariantCulture)).Append(',').Append(name).Append(',');
                if (money)
                {
                    line.Append((h % 10_000_000).ToString(CultureInfo.InvariantCulture)).Append('.').Append((h / 10_000_000 % 100).ToString("D2", CultureInfo.InvariantCulture));
                }
                else
                {
                    var value = i switch
                    {
                        1 => institutions,
                        2 => institutions * privateShare / 100,
                        _ => (long)(h % 5000),
                    };
                    line.Append(value.ToString(CultureInfo.InvariantCulture));
                }

                line.Append(',').Append(unit);
                if (rowBytes > 0)
                {
                    line.Append(',');
                    var used = Encoding.UTF8.GetByteCount(line.ToString()) + 1;
                    Pad(line, rowBytes - used, h);
                }

                writer.WriteLine(line);
            }
        }

        writer.Flush();
        return (regions * Indicators.Length, file.Length);
    }

    /// <summary>How many rows padded to <paramref name="rowBytes"/> fit in <paramref name="bytes"/> (whole regions only).</summary>
    public static int RowsFor(long bytes, int rowBytes) => (int)(bytes / rowBytes) / Indicators.Length * Indicators.Length;

    /// <summary>A note of about <paramref name="bytes"/> UTF-8 bytes: a Chinese lead-in, then ASCII letters.</summary>
    private static void Pad(StringBuilder line, int bytes, ulong h)
    {
        const string Lead = "已复核"; // 9 bytes
        if (bytes >= Lead.Length * 3)
        {
            line.Append(Lead);
            bytes -= Lead.Length * 3;
        }

        for (var k = 0; k < bytes; k++)
        {
            line.Append((char)('a' + (int)((h >> (k % 48)) % 26)));
        }
    }

    /// <summary>SplitMix64 of (seed, region, slot): deterministic, well spread, no shared state.</summary>
    private static ulong Mix(int seed, int region, int slot)
    {
        var z = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)region * 0xBF58476D1CE4E5B9UL) ^ ((ulong)slot * 0x94D049BB133111EBUL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
