using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using QiIngest.Core;
using QiIngest.Storage;

namespace QiIngest.Api;

/// <summary>
/// Issues upload grants. In Azure the data account is reached by the app's identity, so the SAS is a user-delegation
/// SAS signed with a key the identity obtains; locally (Azurite) the client holds the account key and signs a service
/// SAS. Either way: create and write only, this one blob only, for <see cref="ApiOptions.UploadGrantLifetime"/>.
/// </summary>
internal sealed class UploadGrants(QiStorage storage, IOptions<ApiOptions> options, TimeProvider clock)
{
    /// <summary>Delegation keys are asked for with a little slack, for clocks that run behind.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    public async Task<UploadGrant> IssueAsync(UploadPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var period = path.Period.ToString();
        var blob = storage.Uploads.GetBlobClient(BlobLayout.Upload(path.Reporter, period, path.FileName));
        var now = clock.GetUtcNow();
        var expires = now + options.Value.UploadGrantLifetime;
        var sas = new BlobSasBuilder(BlobSasPermissions.Create | BlobSasPermissions.Write, expires)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
        };
        Uri url;
        string signature;
        if (blob.CanGenerateSasUri)
        {
            url = blob.GenerateSasUri(sas);
            signature = "service";
        }
        else
        {
            sas.Protocol = SasProtocol.Https;
            var key = await storage.Blobs.GetUserDelegationKeyAsync(now - ClockSlack, expires, cancellationToken);
            url = new Azure.Storage.Blobs.BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, storage.Blobs.AccountName) }.ToUri();
            signature = "user-delegation";
        }

        return new UploadGrant(
            url,
            "PUT",
            new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" },
            blob.Name,
            expires,
            $"/{ApiRoutes.Prefix}/returns/{Uri.EscapeDataString(path.Reporter)}/{period}/receipts/{Uri.EscapeDataString(path.FileName)}",
            signature);
    }
}
