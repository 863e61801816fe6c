using System.Security.Cryptography;
using QiIngest.Core.Validation;

namespace QiIngest.Core;

/// <summary>
/// A return's bytes as the checker reads them: on local disk, seekable, hashed (SHA-256) and measured once. A blob is
/// spooled to a temporary file while it is hashed; a local file is hashed in place. A file over the size limit of
/// section 7 is not read at all: it carries only its size and the <c>limit-exceeded</c> issue. The blob trigger,
/// <c>qi check</c> and the offline rollup all read returns through this type.
/// </summary>
public sealed class ReturnFile : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly FileStream? _content;

    private ReturnFile(FileStream? content, string? sha256, long? size, Issue? sizeIssue)
    {
        _content = content;
        Sha256 = sha256;
        Size = size;
        SizeIssue = sizeIssue;
    }

    /// <summary>The bytes, at position 0; throws when the file is over the size limit (it was not read).</summary>
    public Stream Content => _content ?? throw new InvalidOperationException("The file is over the size limit and was not read.");

    /// <summary>SHA-256 of the bytes, lower-case hex; null when the file is over the size limit.</summary>
    public string? Sha256 { get; }

    /// <summary>The size in bytes; null when a stream of unknown length went past the limit.</summary>
    public long? Size { get; }

    /// <summary>The <c>limit-exceeded</c> issue of a file over the size limit; null otherwise.</summary>
    public Issue? SizeIssue { get; }

    /// <summary>The one message of a file over the size limit.</summary>
    /// <param name="size">The file's size, or null when only "more than the limit" is known.</param>
    /// <param name="maxBytes">The limit.</param>
    public static string SizeLimitMessage(long? size, long maxBytes) => size is { } known
        ? $"The file is {known:N0} bytes, more than the limit of {maxBytes:N0}: split it into several returns or ask the national team to raise the limit."
        : $"The file is more than the limit of {maxBytes:N0} bytes: split it into several returns or ask the national team to raise the limit.";

    /// <summary>
    /// Copies <paramref name="content"/> to a temporary file (deleted on dispose) while hashing it. When
    /// <paramref name="declaredLength"/> (a download's <c>Content-Length</c>) is over the limit, nothing is read.
    /// </summary>
    public static async Task<ReturnFile> SpoolAsync(Stream content, long? declaredLength, IngestLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        if (declaredLength > limits.MaxFileBytes)
        {
            return OverLimit(declaredLength, limits);
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            long size = 0;
            int n;
            while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += n;
                if (size > limits.MaxFileBytes)
                {
                    await file.DisposeAsync();
                    return OverLimit(null, limits);
                }

                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            }

            file.Position = 0;
            return new ReturnFile(file, Convert.ToHexStringLower(hash.GetHashAndReset()), size, null);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a local file in place (no copy) and hashes it; one over the limit is not read.</summary>
    public static async Task<ReturnFile> OpenAsync(string path, IngestLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(limits);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var size = file.Length;
            if (size > limits.MaxFileBytes)
            {
                await file.DisposeAsync();
                return OverLimit(size, limits);
            }

            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            file.Position = 0;
            return new ReturnFile(file, sha256, size, null);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _content?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <inheritdoc/>
    public void Dispose() => _content?.Dispose();

    private static ReturnFile OverLimit(long? size, IngestLimits limits) =>
        new(null, null, size, new Issue(IssueType.LimitExceeded, SizeLimitMessage(size, limits.MaxFileBytes)));
}
