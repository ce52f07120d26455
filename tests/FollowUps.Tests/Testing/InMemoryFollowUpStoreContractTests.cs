using FollowUps.Testing;

namespace FollowUps.Tests.Testing;

/// <summary>The in-memory store keeps the promises every outbox keeps.</summary>
public sealed class InMemoryFollowUpStoreContractTests : FollowUpStoreContract
{
    protected override Task<IFollowUpStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IFollowUpStore>(new InMemoryFollowUpStore(timeProvider: time));
}

/// <summary>The in-memory store keeps the promises every do-not-contact list keeps.</summary>
public sealed class InMemorySuppressionStoreContractTests : SuppressionStoreContract
{
    protected override Task<ISuppressionStore> CreateSuppressionStoreAsync() => Task.FromResult<ISuppressionStore>(new InMemoryFollowUpStore());
}

/// <summary>The engine and the dispatcher keep the outbox's promises on the in-memory store.</summary>
public sealed class InMemoryDeliveryContractTests : DeliveryContract
{
    protected override Task<IFollowUpStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IFollowUpStore>(new InMemoryFollowUpStore(timeProvider: time));
}

/// <summary>The in-memory store claims, checks its list and starts a send under one lock, as a claim starter promises.</summary>
public sealed class InMemoryClaimStarterContractTests : ClaimStarterContract<InMemoryFollowUpStore>
{
    protected override Task<InMemoryFollowUpStore> CreateStoreAsync(TimeProvider time) => Task.FromResult(new InMemoryFollowUpStore(timeProvider: time));
}
