//! The deprecated `options` spelling of the resource handles'
//! `with_options`.

use crate::account_groups::AccountGroups;
use crate::accounts::Accounts;
use crate::balances::Balances;
use crate::counterparties::Counterparties;
use crate::counterparty_groups::CounterpartyGroups;
use crate::credit_notes::CreditNotes;
use crate::credit_transfers::CreditTransfers;
use crate::direct_debits::DirectDebits;
use crate::invoices::Invoices;
use crate::payment_categories::PaymentCategories;
use crate::transactions::Transactions;

/// Gives each listed handle `options`, the name `with_options` had before
/// every crate's handles shared one shape.
macro_rules! deprecated_options_alias {
    ($($name:ident),+ $(,)?) => {
        $(
            impl $name<'_> {
                /// Former name of [`with_options`](Self::with_options).
                #[deprecated(note = "use with_options")]
                #[must_use]
                pub fn options(self, options: banking_core::transport::CallOptions) -> Self {
                    self.with_options(options)
                }
            }
        )+
    };
}

deprecated_options_alias!(
    AccountGroups,
    Accounts,
    Balances,
    Counterparties,
    CounterpartyGroups,
    CreditNotes,
    CreditTransfers,
    DirectDebits,
    Invoices,
    PaymentCategories,
    Transactions,
);
