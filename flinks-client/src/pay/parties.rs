//! Bank account and contact details shared by EFT transactions and
//! sessions, with the Canadian format checks applied before sending.

use banking_core::{Error, Result};
use rust_decimal::Decimal;
use serde::Serialize;

banking_core::wire_enum! {
    /// Direction of a payment.
    PaymentDirection {
        /// Collect from the customer (pre-authorized debit).
        Debit = "DEBIT",
        /// Send to the customer.
        Credit = "CREDIT",
    }
}

/// A Canadian bank account: institution, transit and account number.
///
/// Checked before sending: institution 3 digits, transit 5 digits, account
/// number 5 to 12 digits (the Payments Canada CPA-005 formats; the docs'
/// sample is `001` / `12345` / `1234567`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountInfo {
    /// Institution number (`001` = BMO).
    pub institution_code: String,
    /// Branch transit number.
    pub transit_number: String,
    /// Account number.
    pub account_number: String,
}

impl AccountInfo {
    /// An account from its three numbers (kept as strings: leading zeros count).
    pub fn new(
        institution_code: impl Into<String>,
        transit_number: impl Into<String>,
        account_number: impl Into<String>,
    ) -> Self {
        Self {
            institution_code: institution_code.into(),
            transit_number: transit_number.into(),
            account_number: account_number.into(),
        }
    }

    pub(crate) fn validate(&self, field: &str) -> Result<()> {
        digits(
            &format!("{field}.institutionCode"),
            &self.institution_code,
            3,
            3,
        )?;
        digits(
            &format!("{field}.transitNumber"),
            &self.transit_number,
            5,
            5,
        )?;
        digits(
            &format!("{field}.accountNumber"),
            &self.account_number,
            5,
            12,
        )
    }
}

fn digits(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let ok = (min..=max).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
    if ok {
        return Ok(());
    }
    let expected = if min == max {
        format!("{min} digits")
    } else {
        format!("{min} to {max} digits")
    };
    Err(Error::validation(field, format!("must be {expected}")))
}

/// Checks a name is not blank.
pub(crate) fn non_blank(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    Ok(())
}

/// Checks an e-mail address has the `local@domain` shape.
pub(crate) fn email(field: &str, value: &str) -> Result<()> {
    match value.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && domain.contains('.')
                && !value.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(Error::validation(
            field,
            format!("{value:?} is not an e-mail address"),
        )),
    }
}

/// Checks a payment amount: positive, at most two decimals (cents).
pub(crate) fn amount(field: &str, value: Decimal) -> Result<()> {
    banking_core::validate::positive_amount(field, value, 2)
}
