namespace QiIngest.Cli.Storage;

/// <summary>A return that <see cref="ReturnUploader"/> put into the uploads container.</summary>
/// <param name="Path">Where it went: reporter, period and file name.</param>
/// <param name="BlobName">Its name within the container: <c>{reporter}/{period}/{file}</c>.</param>
/// <param name="Sha256">The hash of the bytes uploaded, lower-case hex: the receipt of these bytes carries it.</param>
/// <param name="LastModified">When the service stored it.</param>
/// <param name="Length">Its size in bytes.</param>
internal sealed record UploadedReturn(Core.UploadPath Path, string BlobName, string Sha256, DateTimeOffset LastModified, long Length);
