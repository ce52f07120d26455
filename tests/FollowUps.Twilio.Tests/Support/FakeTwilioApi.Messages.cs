using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// The fake's messages and its list, <c>GET /2010-04-01/Accounts/{sid}/Messages.json</c>, answered as Twilio does:
/// filtered by <c>To</c>, sorted by <c>date_sent</c>, newest first (Twilio documents the list as sorted by DateSent,
/// descending), in pages of <c>PageSize</c> (default 50) linked by <c>next_page_uri</c> with a <c>PageToken</c>; each message
/// with <c>date_created</c> in RFC 2822, <c>date_sent</c> null until sent, <c>from</c> null for a Messaging Service message
/// not yet given a number, and the body as Twilio keeps it (a service may rewrite or redact it). Where Twilio lists
/// messages with no <c>date_sent</c> (queued, accepted) is not documented: the fake ASSUMES first, newest created first
/// among them, unless <see cref="QueuedLast"/> puts them after every sent one; the reconciler must not depend on either.
/// </summary>
internal sealed partial class FakeTwilioApi
{
    private readonly Lock _lock = new();
    private readonly List<FakeMessage> _messages = [];
    private readonly List<string> _listed = [];
    private Func<FakeMessage>? _held;

    /// <summary>The clock new messages are stamped with (<c>date_created</c>).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether the list puts messages with no <c>date_sent</c> after every sent one (newest created first among them);
    /// by default they come first. Twilio does not document which: tests run the reconciler under both.
    /// </summary>
    public bool QueuedLast { get; set; }

    /// <summary>Every message the account holds: created through the API or seeded.</summary>
    public IReadOnlyList<FakeMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The path and query of every list request (GET), in arrival order.</summary>
    public IReadOnlyList<string> Listed
    {
        get
        {
            lock (_lock)
            {
                return [.. _listed];
            }
        }
    }

    /// <summary>Adds <paramref name="message"/> to the account, as if sent or received before.</summary>
    public void Seed(FakeMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
        }
    }

    /// <summary>
    /// The next create makes the message (changed by <paramref name="alter"/>, such as a rewritten body) but its answer
    /// never comes: the client times out, and the send is unknown though Twilio has the message.
    /// </summary>
    public void CreateButNeverAnswerNext(Func<FakeMessage, FakeMessage>? alter = null) =>
        _script.Enqueue(async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            Create((string)context.GetRouteValue("accountSid")!, form, alter);
            await HoldAsync(context);
        });

    /// <summary>
    /// The next create is held in Twilio's queue: its answer never comes (the send is unknown), and the message is not
    /// listed until <see cref="ReleaseHeldCreate"/> makes it (Twilio working through a backlog, or the request still on
    /// its way).
    /// </summary>
    public void HoldNextCreate() =>
        _script.Enqueue(async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var fields = new FormCollection(form.ToDictionary(field => field.Key, field => field.Value));
            var accountSid = (string)context.GetRouteValue("accountSid")!;
            lock (_lock)
            {
                _held = () => Create(accountSid, fields);
            }

            await HoldAsync(context);
        });

    /// <summary>Makes the message of the create <see cref="HoldNextCreate"/> held: from now on Twilio lists it.</summary>
    /// <returns>The message.</returns>
    public FakeMessage ReleaseHeldCreate()
    {
        Func<FakeMessage> create;
        lock (_lock)
        {
            create = _held ?? throw new InvalidOperationException("No create is held.");
            _held = null;
        }

        return create();
    }

    private static async Task HoldAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as the test wants.
        }
    }

    private async Task ListAsync(HttpContext context, string accountSid)
    {
        var query = context.Request.Query;
        lock (_lock)
        {
            _listed.Add($"{context.Request.Path}{context.Request.QueryString}");
        }

        if (_script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        var to = query["To"].ToString();
        var size = int.TryParse(query["PageSize"], CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 1000) : 50;
        var page = int.TryParse(query["Page"], CultureInfo.InvariantCulture, out var p) ? p : 0;
        var all = Messages.Where(m => m.AccountSid == accountSid && (to.Length == 0 || m.To == to)).ToList();
        all = (QueuedLast
            ? all.OrderBy(m => m.DateSent is null).ThenByDescending(m => m.DateSent).ThenByDescending(m => m.DateCreated)
            : all.OrderBy(m => m.DateSent is not null).ThenByDescending(m => m.DateSent).ThenByDescending(m => m.DateCreated)).ToList();
        var records = all.Skip(page * size).Take(size).ToList();
        var path = $"/2010-04-01/Accounts/{accountSid}/Messages.json";
        string Uri(int number, string? token = null) =>
            $"{path}?To={System.Uri.EscapeDataString(to)}&PageSize={size}&Page={number}{(token is null ? "" : $"&PageToken={token}")}";
        var body = new Dictionary<string, object?>
        {
            ["end"] = (page * size) + records.Count - 1,
            ["first_page_uri"] = Uri(0),
            ["messages"] = records.Select(Json).ToList(),
            ["next_page_uri"] = (page + 1) * size < all.Count ? Uri(page + 1, $"PA{records[^1].Sid}") : null,
            ["page"] = page,
            ["page_size"] = size,
            ["previous_page_uri"] = page > 0 ? Uri(page - 1, $"PB{records.FirstOrDefault()?.Sid}") : null,
            ["start"] = page * size,
            ["uri"] = $"{context.Request.Path}{context.Request.QueryString}",
        };
        await Write(context, 200, JsonSerializer.Serialize(body));
    }

    /// <summary>A message as Twilio's API shows it.</summary>
    private static Dictionary<string, object?> Json(FakeMessage m) => new()
    {
        ["account_sid"] = m.AccountSid,
        ["api_version"] = "2010-04-01",
        ["body"] = m.Body,
        ["date_created"] = Rfc2822(m.DateCreated),
        ["date_sent"] = m.DateSent is { } sent ? Rfc2822(sent) : null,
        ["date_updated"] = Rfc2822(m.DateSent ?? m.DateCreated),
        ["direction"] = m.Direction,
        ["error_code"] = null,
        ["error_message"] = null,
        ["from"] = m.From,
        ["messaging_service_sid"] = m.MessagingServiceSid,
        ["num_media"] = "0",
        ["num_segments"] = "1",
        ["price"] = null,
        ["price_unit"] = "USD",
        ["sid"] = m.Sid,
        ["status"] = m.Status,
        ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{m.AccountSid}/Messages/{m.Sid}/Media.json" },
        ["to"] = m.To,
        ["uri"] = $"/2010-04-01/Accounts/{m.AccountSid}/Messages/{m.Sid}.json",
    };

    private static string Rfc2822(DateTimeOffset at) => at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}

/// <summary>One message the fake account holds. <see cref="From"/> is null for a Messaging Service message not yet given a number.</summary>
internal sealed record FakeMessage(string Sid, string To, string? From, string Body, DateTimeOffset DateCreated)
{
    public string AccountSid { get; init; } = "AC0123456789abcdef0123456789abcdef";

    public string? MessagingServiceSid { get; init; }

    /// <summary><c>outbound-api</c>, <c>inbound</c>, <c>outbound-reply</c>…</summary>
    public string Direction { get; init; } = "outbound-api";

    /// <summary><c>queued</c>, <c>accepted</c>, <c>sent</c>, <c>delivered</c>, <c>received</c>…</summary>
    public string Status { get; init; } = "queued";

    /// <summary>When it left Twilio; null while queued or accepted.</summary>
    public DateTimeOffset? DateSent { get; init; }
}
