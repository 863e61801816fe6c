using System.Reflection;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using QiIngest.Core.Receipts;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;

namespace QiIngest.Functions.Tests;

public class IngestUploadTests
{
    [Fact]
    public async Task RunAsync_BlobOfTheUploadsContainer_HandsItsNameToTheIngestor()
    {
        var ingestor = new Mock<IUploadIngestor>(MockBehavior.Strict);
        using var cts = new CancellationTokenSource();
        ingestor.Setup(i => i.IngestAsync("110000/2023/qi-beijing.csv", cts.Token)).ReturnsAsync((Receipt?)null);

        await Function(ingestor.Object, "uploads2").RunAsync(Blob("uploads2"), "110000/2023/qi-beijing.csv", cts.Token);

        ingestor.Verify(i => i.IngestAsync("110000/2023/qi-beijing.csv", cts.Token), Times.Once);
    }

    [Theory]
    [InlineData("receipts", "110000/2023/a.csv.json")]
    [InlineData("uploads", null)]
    public async Task RunAsync_EventForAnotherContainerOrWithoutName_IsSkipped(string container, string? name)
    {
        var ingestor = new Mock<IUploadIngestor>(MockBehavior.Strict);

        await Function(ingestor.Object, "uploads2").RunAsync(Blob(container), name, CancellationToken.None);

        ingestor.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_InfrastructureFault_Propagates()
    {
        var ingestor = new Mock<IUploadIngestor>();
        ingestor.Setup(i => i.IngestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "Server busy"));

        var e = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => Function(ingestor.Object, "uploads").RunAsync(Blob("uploads"), "110000/2023/a.csv", CancellationToken.None));

        Assert.Equal(503, e.Status);
    }

    [Fact]
    public void RunAsync_Trigger_IsEventGridBlobTriggerOnTheConfiguredContainerBindingBlobClient()
    {
        var method = typeof(IngestUpload).GetMethod(nameof(IngestUpload.RunAsync))!;
        var blob = method.GetParameters()[0];
        var trigger = blob.GetCustomAttribute<BlobTriggerAttribute>()!;

        Assert.Equal("IngestUpload", method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal("%QiIngest:Storage:UploadsContainer%/{name}", trigger.BlobPath);
        Assert.Equal(BlobTriggerSource.EventGrid, trigger.Source);
        Assert.Equal("QiStorage", trigger.Connection);
        Assert.Equal(typeof(BlobClient), blob.ParameterType);
        Assert.Equal(typeof(CancellationToken), method.GetParameters()[^1].ParameterType);
    }

    private static IngestUpload Function(IUploadIngestor ingestor, string uploads) =>
        new(new UploadTrigger(ingestor, Options.Create(new StorageOptions { UploadsContainer = uploads }), NullLogger<UploadTrigger>.Instance));

    private static BlobClient Blob(string container)
    {
        var blob = new Mock<BlobClient>();
        blob.SetupGet(b => b.BlobContainerName).Returns(container);
        return blob.Object;
    }
}
