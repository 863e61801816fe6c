using System.Text.Json;
using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Tables;

/// <summary>Totals and changes as the ledger stores them: JSON strings with exact decimals.</summary>
internal static class TotalsJson
{
    public static string Write(IReadOnlyDictionary<string, decimal?> totals) => JsonSerializer.Serialize(new SortedDictionary<string, decimal?>(totals.ToDictionary(), StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, decimal?> Read(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, decimal?>() : JsonSerializer.Deserialize<Dictionary<string, decimal?>>(json) ?? [];

    public static string WriteChanges(IReadOnlyList<Change> changes) => JsonSerializer.Serialize(changes, ReceiptJson.Options);

    public static IReadOnlyList<Change> ReadChanges(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<Change>>(json, ReceiptJson.Options) ?? [];
}
