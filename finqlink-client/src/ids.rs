//! Typed identifiers, so a consent id can never be passed where a link id is
//! expected (banking-core's `uuid_id!` and `string_id!`; string ids also
//! decode from a JSON integer).

banking_core::uuid_id! {
    /// A payment link's internal id (`link_id` in webhooks; "The payment link
    /// UUID").
    LinkId
}

banking_core::uuid_id! {
    /// An AIS consent's id (`consent_id`, a UUID in the docs' samples).
    ConsentId
}

banking_core::string_id! {
    /// A data refresh job's id (`job_id`). Documented as a UUID, but the
    /// docs' own webhook sample sends `"job-uuid-456"`, so any string is
    /// accepted.
    JobId
}

banking_core::string_id! {
    /// A link's or consent's public identifier used in WebUI URLs (`web_id`).
    WebId
}

banking_core::string_id! {
    /// A provider's unique code, e.g. `rzb_ro`, `bt_ro`, `cec_ro`.
    ProviderId
}

banking_core::string_id! {
    /// An account id inside a consent's data (format not documented).
    AccountId
}

banking_core::string_id! {
    /// A transaction id inside a consent's data (format not documented).
    TransactionId
}
