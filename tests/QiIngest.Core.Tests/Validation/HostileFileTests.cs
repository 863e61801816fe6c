namespace QiIngest.Core.Tests.Validation;

/// <summary>
/// Expected bad input never throws: damaged, truncated and shuffled copies of every golden return end in a result
/// (usually rejected), never in an exception.
/// </summary>
public class HostileFileTests
{
    public static TheoryData<string> GoldenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var (blobName, _) in SharedData.GoldenFiles().Where(f => f.BlobName.Contains("/2023/", StringComparison.Ordinal)))
        {
            data.Add(blobName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Check_DamagedCopies_NeverThrow(string blobName)
    {
        var parts = blobName.Split('/');
        var original = File.ReadAllBytes(Path.Combine(SharedData.GoldenUploads, blobName));
        var random = new Random(blobName.Length * 7919);

        for (var round = 0; round < 60; round++)
        {
            var damaged = (byte[])original.Clone();
            switch (round % 4)
            {
                case 0:
                    for (var i = 0; i < 1 + random.Next(8); i++)
                    {
                        damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    damaged = damaged[..random.Next(damaged.Length)];
                    break;
                case 2:
                    var at = random.Next(damaged.Length);
                    damaged = [.. damaged[..at], .. damaged[at..].Reverse()];
                    break;
                default:
                    random.NextBytes(damaged.AsSpan(random.Next(damaged.Length / 2)));
                    break;
            }

            var result = Checks.Run(damaged, parts[0], parts[1], parts[2]);

            Assert.NotNull(result.Outcome);
            Assert.True(result.IsAccepted || result.ErrorCount > 0);

            // Whatever broke, a reporter reads it in Chinese too (issue 12, item 3).
            Assert.All(result.Errors.Concat(result.Warnings), i => Assert.True(BilingualMessageTests.HasChinese(i.MessageZh), $"{blobName} round {round}: {i.Type}: {i.Message}"));
        }
    }
}
