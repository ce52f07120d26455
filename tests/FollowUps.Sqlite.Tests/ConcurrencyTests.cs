using System.Diagnostics;
using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests;

/// <summary>Several stores and several processes on one file: each key is won once, and every win is stored.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Claim_TwoStoresOnOneFile_HundredRacingClaimsOfOneKey_ExactlyOneWins()
    {
        SqliteFollowUpStore[] stores = [_folder.Store(), _folder.Store()];
        var key = Claims.NewKey();

        var claims = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => Task.Run(() => stores[i % 2].ClaimAsync(Claims.Sms(key, $"owner-{i}"), CancellationToken.None))));

        var winner = claims.Should().ContainSingle(claim => claim.Won).Which.Record.LeaseOwner;
        claims.Select(claim => claim.Record.LeaseOwner).Should().AllBe(winner);
        (await stores[1].FindAsync(key, CancellationToken.None))!.LeaseOwner.Should().Be(winner);
    }

    [Fact]
    public async Task Claim_FourProcessesOnANewFile_EachKeyWonOnceAndEveryWinStored()
    {
        const int Keys = 150;
        var account = $"account-{Guid.NewGuid():N}";

        var outputs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RunClaimerAsync(_folder.File(), account, Keys, $"process-{i}"))).WaitAsync(HangGuard);

        var wins = outputs.SelectMany((lines, i) => lines.Select(line => (Contact: int.Parse(line["won ".Length..], System.Globalization.CultureInfo.InvariantCulture), Owner: $"process-{i}"))).ToList();
        wins.Select(win => win.Contact).Should().BeEquivalentTo(Enumerable.Range(0, Keys), "every key is won by exactly one process");
        var store = _folder.Store();
        foreach (var (contact, owner) in wins)
        {
            var record = await store.FindAsync(new FollowUpKey(account, "campaign", $"contact-{contact}", FollowUpKind.Sms), CancellationToken.None);
            record.Should().NotBeNull("a won claim is stored");
            record!.LeaseOwner.Should().Be(owner, "the process that was told it won holds the stored claim");
        }
    }

    /// <summary>Runs this test assembly as a claimer process (see <see cref="ClaimerProgram"/>) and returns its lines.</summary>
    private static async Task<string[]> RunClaimerAsync(string file, string account, int keys, string owner)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(ClaimerProgram).Assembly.Location, "claim", file, account, keys.ToString(System.Globalization.CultureInfo.InvariantCulture), owner })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.ExitCode.Should().Be(0, await error);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public void Dispose() => _folder.Dispose();
}
