using FollowUps.Testing;

namespace FollowUps.Tests.Testing;

/// <summary>The in-memory store keeps the promises every store keeps.</summary>
public sealed class InMemoryFollowUpStoreContractTests : FollowUpStoreContract
{
    protected override Task<IFollowUpStore> CreateStoreAsync() => Task.FromResult<IFollowUpStore>(new InMemoryFollowUpStore());
}
