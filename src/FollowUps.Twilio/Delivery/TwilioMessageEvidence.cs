namespace FollowUps.Twilio.Delivery;

/// <summary>What a message to the contact in the window proves about the follow-up's attempt.</summary>
internal enum TwilioMessageEvidence
{
    /// <summary>Not from the configured sender: no proof, but it may be this attempt's if the sender changed.</summary>
    None,

    /// <summary>From the configured sender with the stored body: this attempt's, preferred over any other.</summary>
    SameBody,

    /// <summary>From the configured sender, its body blank or possibly rewritten by a Messaging Service: this attempt's.</summary>
    Sent,

    /// <summary>From the configured number with no service, with another text: not this attempt's, but no proof of absence.</summary>
    OtherText,
}
