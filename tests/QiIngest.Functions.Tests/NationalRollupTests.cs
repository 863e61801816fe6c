using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Moq;
using QiIngest.Storage.Rollup;

namespace QiIngest.Functions.Tests;

public class NationalRollupTests
{
    [Fact]
    public async Task RunAsync_Tick_RunsTheRollupOnce()
    {
        var rollup = new Mock<INationalRollup>(MockBehavior.Strict);
        rollup.Setup(r => r.RunAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RollupRun(["2023"], ["2022"]));

        await new NationalRollup(rollup.Object).RunAsync(new TimerInfo(), CancellationToken.None);

        rollup.Verify(r => r.RunAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void RunAsync_Schedule_ComesFromTheRollupScheduleSetting()
    {
        var trigger = typeof(NationalRollup).GetMethod(nameof(NationalRollup.RunAsync))!.GetParameters()[0].GetCustomAttribute<TimerTriggerAttribute>()!;

        Assert.Equal("%RollupSchedule%", trigger.Schedule);
    }

    [Fact]
    public void DefaultSchedule_Is0200ChinaTimeInUtc()
    {
        // 18:00 UTC is 02:00 the next day at UTC+8.
        var chinaTime = new DateTimeOffset(2024, 1, 1, 18, 0, 0, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8));

        Assert.Equal("0 0 18 * * *", NationalRollup.DefaultSchedule);
        Assert.Equal(2, chinaTime.Hour);
    }
}
