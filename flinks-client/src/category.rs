//! The account category (`Category`), shared by Connect accounts and the
//! Enrich filters.

banking_core::wire_enum! {
    /// The account's category (`Category`); an open set (values from the
    /// docs' samples and Flinks' C# SDK).
    AccountCategory {
        /// Everyday banking accounts (the docs' chequing sample).
        Operations = "Operations",
        /// Credit accounts.
        Credits = "Credits",
    }
}
