//! Typed identifiers.
//!
//! Linxo ids are numeric strings on the wire (`"63723418"`, research notes
//! 2(e)); they are kept as text, never parsed as numbers, so an id longer
//! than an integer type or with a leading zero survives. A bare JSON number
//! is accepted too, in case an endpoint sends one (not seen; forward
//! compatibility). The types are banking-core's `string_id!`.

banking_core::string_id! {
    /// A Linxo Connect user id.
    UserId
}
banking_core::string_id! {
    /// A connection id (the link between a user and a provider).
    ConnectionId
}
banking_core::string_id! {
    /// An account id.
    AccountId
}
banking_core::string_id! {
    /// A transaction id.
    TransactionId
}
banking_core::string_id! {
    /// A provider (financial institution) id.
    ProviderId
}
banking_core::string_id! {
    /// A channel definition id: one provider's REDIRECT or EMBEDDED channel
    /// (`"102201"`). Events and webhooks name the channel they concern with
    /// it.
    ChannelDefinitionId
}
banking_core::string_id! {
    /// A transaction category id. Categories are named by readable ids
    /// (`"SERVICES"`, `"UNCATEGORIZED"`, research notes 2(e)).
    CategoryId
}
banking_core::string_id! {
    /// A widget session id (`session_id`), put in the widget URLs.
    WidgetSessionId
}
banking_core::string_id! {
    /// An event queue id.
    QueueId
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decode_from_strings_and_integers_and_encode_as_strings() {
        let id: AccountId = serde_json::from_str(r#""0063723418""#).unwrap();
        assert_eq!(id.as_str(), "0063723418");
        let id: AccountId = serde_json::from_str("63723418").unwrap();
        assert_eq!(id, AccountId::from("63723418"));
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""63723418""#);
        assert!(serde_json::from_str::<AccountId>("1.5").is_err());
        assert_eq!(format!("{id:?}"), r#"AccountId("63723418")"#);
        assert_eq!(AsRef::<str>::as_ref(&id), "63723418");
    }
}
