using Microsoft.Extensions.Options;

namespace FollowUps.DependencyInjection;

/// <summary>Checks the data-annotation attributes on the account defaults (ranges); generated at build time, no reflection.</summary>
[OptionsValidator]
internal sealed partial class FollowUpOptionsAttributeValidator : IValidateOptions<FollowUpOptions>;
