using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.DependencyInjection;

internal sealed record FollowUpsBuilder(IServiceCollection Services) : IFollowUpsBuilder;
