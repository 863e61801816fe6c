using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QiIngest.Core.Receipts;

/// <summary>How receipts and reports are written as JSON: camelCase, indented, Chinese kept readable.</summary>
public static class ReceiptJson
{
    /// <summary>The serializer options for receipts.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The receipt as UTF-8 JSON.</summary>
    public static byte[] Serialize(Receipt receipt) => JsonSerializer.SerializeToUtf8Bytes(receipt, Options);

    /// <summary>Reads a receipt back.</summary>
    public static Receipt Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<Receipt>(json, Options) ?? throw new JsonException("The receipt is empty.");
}
