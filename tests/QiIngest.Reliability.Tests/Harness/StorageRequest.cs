namespace QiIngest.Reliability.Tests.Harness;

/// <summary>One storage request as the fault policy sees it, before it is sent.</summary>
/// <param name="Index">Its number among the requests of its injector, from 1.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Role">The container or table; for a table transaction, the table named in its body.</param>
/// <param name="IsTransaction">Whether it is a table entity-group transaction (<c>$batch</c>).</param>
/// <param name="Path">The request path below the account, for messages.</param>
/// <param name="InnerMethod">For a transaction, the method of its first action (<c>DELETE</c> for a cleanup); else <paramref name="Method"/>.</param>
internal sealed record StorageRequest(int Index, string Method, StorageRole Role, bool IsTransaction, string Path, string InnerMethod)
{
    /// <summary>What kind of request this is, without the keys: <c>PUT Receipts</c>, <c>$batch Observations</c>.</summary>
    public string Label => IsTransaction ? $"$batch {Role}" : $"{Method} {Role}";
}
