//! Typed GUID identifiers of the private.fin.ag APIs (Connect, Enrich, Upload).

use crate::macros::uuid_id;

uuid_id! {
    /// Your customer id: the GUID Flinks gives you; it is part of every path
    /// (`/v3/{customerId}/...`).
    pub struct CustomerId;
}

uuid_id! {
    /// A connected login (`LoginId`). Permanent until the card is deleted
    /// with `DeleteCard`; unique per instance.
    pub struct LoginId;
}

uuid_id! {
    /// An authorized session (`RequestId`) returned by `Authorize`; every
    /// data call of that session carries it.
    pub struct RequestId;
}

uuid_id! {
    /// A bank account of a login (`Accounts[].Id`), used in `AccountsFilter`
    /// and `RefreshDelta`.
    pub struct AccountId;
}

uuid_id! {
    /// A transaction of an account (`Transactions[].Id`), used in
    /// `RefreshDelta`.
    pub struct TransactionId;
}
