using System.Text.Json.Serialization;

namespace FollowUps.Samples;

/// <summary>Source-generated metadata for calls.json's own shape; the library's records come from <see cref="FollowUpsJson"/>.</summary>
[JsonSerializable(typeof(ReplayFile))]
internal sealed partial class ReplayJsonContext : JsonSerializerContext;
