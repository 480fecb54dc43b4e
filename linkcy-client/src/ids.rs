//! Typed Linkcy identifiers (banking-core's `uuid_id!`), so a beneficiary
//! id cannot be passed where a ledger id is expected.
//!
//! Consumers and corporates are Linkcy's two kinds of end user: their `id`
//! is the `endUserId` (and KYC's `consumerId`) of the other endpoints, so
//! both are an [`EndUserId`] (inferred from the guide's use of the ids).

banking_core::uuid_id! {
    /// An end user: a consumer or a corporate.
    EndUserId
}
banking_core::uuid_id! {
    /// A ledger (account), real or virtual.
    LedgerId
}
banking_core::uuid_id! {
    /// A beneficiary that transfers are sent to.
    BeneficiaryId
}
banking_core::uuid_id! {
    /// A transaction.
    TransactionId
}
banking_core::uuid_id! {
    /// A SEPA direct-debit mandate.
    MandateId
}
banking_core::uuid_id! {
    /// A card.
    CardId
}
banking_core::uuid_id! {
    /// A card profile.
    CardProfileId
}
banking_core::uuid_id! {
    /// A card design (given by Linkcy when the program is set up).
    CardDesignId
}
banking_core::uuid_id! {
    /// A person related to a corporate (director, shareholder, account owner).
    CorporateRelatedId
}
banking_core::uuid_id! {
    /// A KYC request.
    KycId
}
banking_core::uuid_id! {
    /// An SCA device enrolment.
    ScaEnrolmentId
}
