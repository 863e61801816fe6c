using System.Security.Cryptography;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests;

public class ReturnFileTests
{
    private static readonly IngestLimits Limits = new() { MaxFileBytes = 10 };

    [Fact]
    public async Task SpoolAsync_StreamWithinTheLimit_IsCopiedHashedAndMeasured()
    {
        byte[] bytes = [1, 2, 3, 4, 5];

        await using var file = await ReturnFile.SpoolAsync(new MemoryStream(bytes), bytes.Length, Limits);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        Assert.Equal(5, file.Size);
        Assert.Null(file.SizeIssue);
        Assert.Equal(0, file.Content.Position);
        Assert.Equal(bytes, new BinaryReader(file.Content).ReadBytes(10));
    }

    [Fact]
    public async Task SpoolAsync_DeclaredLengthOverTheLimit_IsNotRead()
    {
        var content = new MemoryStream(new byte[20]);

        await using var file = await ReturnFile.SpoolAsync(content, 20, Limits);

        Assert.Equal(0, content.Position);
        Assert.Null(file.Sha256);
        Assert.Equal(new Issue(IssueType.LimitExceeded, "The file is 20 bytes, more than the limit of 10: split it into several returns or ask the national team to raise the limit."), file.SizeIssue);
        Assert.Throws<InvalidOperationException>(() => file.Content);
    }

    [Fact]
    public async Task SpoolAsync_UndeclaredStreamPastTheLimit_StopsWithTheLimitIssue()
    {
        await using var file = await ReturnFile.SpoolAsync(new MemoryStream(new byte[20]), null, Limits);

        Assert.Null(file.Size);
        Assert.Equal("The file is more than the limit of 10 bytes: split it into several returns or ask the national team to raise the limit.", file.SizeIssue?.Message);
    }

    [Fact]
    public async Task OpenAsync_LocalFile_IsHashedInPlace()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, [7, 8, 9]);

            await using (var file = await ReturnFile.OpenAsync(path, Limits))
            {
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 7, 8, 9 })), file.Sha256);
                Assert.Equal(3, file.Size);
                Assert.Equal(0, file.Content.Position);
            }

            await File.WriteAllBytesAsync(path, new byte[11]);
            await using var tooLarge = await ReturnFile.OpenAsync(path, Limits);
            Assert.Equal("The file is 11 bytes, more than the limit of 10: split it into several returns or ask the national team to raise the limit.", tooLarge.SizeIssue?.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
