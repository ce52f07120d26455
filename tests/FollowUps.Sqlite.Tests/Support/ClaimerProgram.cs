using System.Globalization;

namespace FollowUps.Sqlite.Tests.Support;

/// <summary>
/// The test assembly's entry point, for the multi-process tests: <c>dotnet FollowUps.Sqlite.Tests.dll claim FILE ACCOUNT
/// COUNT OWNER</c> claims the SMS follow-up of contacts 0 to COUNT-1 in ACCOUNT on FILE, in an order of its own, as
/// OWNER, and prints <c>won N</c> for each claim it won. The test runner never calls it.
/// </summary>
public static class ClaimerProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["claim", var file, var account, var countText, var owner])
        {
            await Console.Error.WriteLineAsync("usage: claim FILE ACCOUNT COUNT OWNER");
            return 2;
        }

        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = file, BusyTimeout = TimeSpan.FromSeconds(30) });
        var count = int.Parse(countText, CultureInfo.InvariantCulture);
        var order = Enumerable.Range(0, count).OrderBy(_ => Random.Shared.Next()).ToArray();
        var at = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (contact, cancellationToken) =>
        {
            var claim = await store.ClaimAsync(Claims.Sms(new FollowUpKey(account, "campaign", $"contact-{contact}", FollowUpKind.Sms), owner, at), cancellationToken);
            if (claim.Won)
            {
                lock (order)
                {
                    Console.Out.WriteLine($"won {contact}");
                }
            }
        });
        await Console.Out.FlushAsync();
        return 0;
    }
}
