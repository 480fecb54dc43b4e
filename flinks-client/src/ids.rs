//! Typed GUID identifiers of the private.fin.ag APIs (Connect, Enrich, Upload).

banking_core::uuid_id! {
    /// Your customer id: the GUID Flinks gives you; it is part of every path
    /// (`/v3/{customerId}/...`).
    CustomerId
}

banking_core::uuid_id! {
    /// A connected login (`LoginId`). Permanent until the card is deleted
    /// with `DeleteCard`; unique per instance.
    LoginId
}

banking_core::uuid_id! {
    /// An authorized session (`RequestId`) returned by `Authorize`; every
    /// data call of that session carries it.
    RequestId
}

banking_core::uuid_id! {
    /// A bank account of a login (`Accounts[].Id`), used in `AccountsFilter`
    /// and `RefreshDelta`.
    AccountId
}

banking_core::uuid_id! {
    /// A transaction of an account (`Transactions[].Id`), used in
    /// `RefreshDelta`.
    TransactionId
}
