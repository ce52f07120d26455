using Microsoft.Extensions.Options;

namespace FollowUps.DependencyInjection;

/// <summary>Checks the delivery options' ranges; generated at build time, no reflection.</summary>
[OptionsValidator]
internal sealed partial class FollowUpDeliveryOptionsValidator : IValidateOptions<FollowUpDeliveryOptions>;
