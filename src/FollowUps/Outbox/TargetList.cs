using System.Collections.ObjectModel;

namespace FollowUps.Outbox;

/// <summary>
/// A follow-up's do-not-contact targets, read-only over an array or list nobody else holds. A <see cref="FollowUpRecord"/>
/// given one keeps it as it is rather than copying it, so the follow-ups of one call, and every version of each, share one.
/// </summary>
internal sealed class TargetList(IList<SuppressionTarget> targets) : ReadOnlyCollection<SuppressionTarget>(targets);
