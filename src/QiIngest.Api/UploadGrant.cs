namespace QiIngest.Api;

/// <summary>
/// A short-lived, write-only grant to put one file at <c>uploads/{reporter}/{period}/{file}</c>: the browser sends
/// <c>PUT {UploadUrl}</c> with the header <c>x-ms-blob-type: BlockBlob</c>, and the blob trigger does the rest.
/// </summary>
/// <param name="UploadUrl">The blob's URL with its SAS.</param>
/// <param name="Method">PUT.</param>
/// <param name="Headers">The headers the PUT must carry.</param>
/// <param name="BlobName">The blob's name in the uploads container.</param>
/// <param name="ExpiresOn">When the grant ends.</param>
/// <param name="Receipt">Where the receipt will be, in this API.</param>
/// <param name="Signature">How it is signed: user-delegation (the app's identity) or service (an account key, locally).</param>
public sealed record UploadGrant(Uri UploadUrl, string Method, IReadOnlyDictionary<string, string> Headers, string BlobName, DateTimeOffset ExpiresOn, string Receipt, string Signature);
