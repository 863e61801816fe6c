namespace QiIngest.Reliability.Tests.Harness;

/// <summary>One upload a scenario made, in upload order.</summary>
/// <param name="Order">Its place in the upload order, from 1.</param>
/// <param name="BlobName">Its name within the uploads container.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="Sha256">The bytes' hash, lower-case hex.</param>
internal sealed record Upload(int Order, string BlobName, byte[] Content, string Sha256)
{
    public string Reporter => BlobName.Split('/')[0];

    public string Period => BlobName.Split('/')[1];
}
