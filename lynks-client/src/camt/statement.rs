//! Whole messages, and entries as the [`Transaction`]s the API returns.

use std::io::BufRead;

use banking_core::money::{Currency, Decimal};

use super::error::CamtError;
use super::model::{AmountAndExchange, Entry, GroupHeader, Report, TransactionDetails};
use super::reader::{CamtReader, Item};
use crate::transactions::Transaction;

/// A whole message in memory: use [`CamtReader`] instead for files too
/// large to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Message {
    /// `GrpHdr`.
    pub group_header: GroupHeader,
    /// Each `Rpt` with its entries.
    pub statements: Vec<Statement>,
}

/// One report and its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Statement {
    /// The report's header.
    pub report: Report,
    /// Its `Ntry` elements, in order.
    pub entries: Vec<Entry>,
}

impl Statement {
    /// The entries as API transactions, for one reconciliation path.
    pub fn transactions(&self) -> Vec<Transaction> {
        self.entries.iter().map(Entry::to_transaction).collect()
    }
}

/// Reads a whole `camt.052.001.02` message from `input`.
///
/// ```
/// let xml = br#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt><GrpHdr><MsgId>M</MsgId><CreDtTm>2025-03-03T10:00:00</CreDtTm></GrpHdr></BkToCstmrAcctRpt></Document>"#;
/// let message = lynks_client::camt::read(&xml[..])?;
/// assert_eq!(message.group_header.message_id, "M");
/// assert!(message.statements.is_empty());
/// # Ok::<(), lynks_client::camt::CamtError>(())
/// ```
pub fn read<R: BufRead>(input: R) -> Result<Message, CamtError> {
    let mut reader = CamtReader::new(input)?;
    let mut statements: Vec<Statement> = Vec::new();
    while let Some(item) = reader.next_item()? {
        match item {
            Item::Report(report) => statements.push(Statement {
                report: *report,
                entries: Vec::new(),
            }),
            // The reader yields a report before its entries.
            Item::Entry(entry) => {
                if let Some(statement) = statements.last_mut() {
                    statement.entries.push(*entry);
                }
            }
        }
    }
    Ok(Message {
        group_header: reader.group_header().clone(),
        statements,
    })
}

impl Entry {
    /// The amount, negative for debits; `None` for an unknown indicator.
    pub fn signed_amount(&self) -> Option<Decimal> {
        crate::camt::signed(Some(self.amount.amount), Some(&self.credit_debit))
    }

    /// The entry's transaction details when it has exactly one (a single
    /// booking rather than a batch).
    pub fn single_transaction(&self) -> Option<&TransactionDetails> {
        match self.details.as_slice() {
            [details] => match details.transactions.as_slice() {
                [one] => Some(one),
                _ => None,
            },
            _ => None,
        }
    }

    /// The entry as the API's [`Transaction`], so statements and the
    /// transactions feed go through one reconciliation path.
    ///
    /// Dates keep the calendar date as written. References, parties and
    /// remittance lines come from the single transaction's details (for a
    /// batch they stay `None`); the counterparty is the debtor of a credit
    /// and the creditor of a debit; unstructured remittance lines are
    /// joined with a space; the bank transaction code is written
    /// `DOMAIN-FAMILY-SUBFAMILY` (as the API writes it), or the proprietary code when there is no
    /// domain. FX fields come from the entry's amount details, else the
    /// single transaction's: the first amount in a currency other than the
    /// booked one becomes the original amount, and the first exchange given
    /// supplies the rate and the currency it is quoted per.
    pub fn to_transaction(&self) -> Transaction {
        let single = self.single_transaction();
        let is_credit = matches!(self.credit_debit, crate::camt::CreditDebit::Credit);
        let (counterparty, counterparty_account) = match single {
            Some(tx) if is_credit => (&tx.parties.debtor, &tx.parties.debtor_account),
            Some(tx) => (&tx.parties.creditor, &tx.parties.creditor_account),
            None => (&None, &None),
        };
        let remittance = single
            .map(|tx| tx.remittance.unstructured.join(" "))
            .filter(|text| !text.is_empty());
        let code = &self.bank_transaction_code;
        let bank_transaction_code = code
            .domain
            .as_ref()
            .map(|d| format!("{}-{}-{}", d.domain, d.family, d.sub_family))
            .or_else(|| code.proprietary.as_ref().map(|p| p.code.clone()));
        let fx = self.fx(single);
        let (original, rate, per) = match fx {
            Some((original, rate, per)) => (original, Some(rate), Some(per)),
            None => (None, None, None),
        };
        Transaction {
            id: None,
            amount: Some(self.amount.amount),
            currency: Some(self.amount.currency),
            credit_debit_indicator: Some(self.credit_debit.clone()),
            status: Some(self.status.clone()),
            booking_date: self.booking_date.map(|d| d.date()),
            value_date: self.value_date.map(|d| d.date()),
            bank_reference: self.account_servicer_reference.clone(),
            end_to_end_id: single.and_then(|tx| tx.references.end_to_end_id.clone()),
            remittance_information: remittance,
            counterparty_name: counterparty.as_ref().and_then(|p| p.name.clone()),
            counterparty_iban: counterparty_account
                .as_ref()
                .and_then(|a| a.number.iban().map(str::to_owned)),
            bank_transaction_code,
            exchange_rate: rate,
            original_amount: original.map(|m| m.amount),
            original_currency: original.map(|m| m.currency),
            rate_unit_currency: per,
        }
    }

    /// The original amount, rate and rate unit currency, if any.
    fn fx(
        &self,
        single: Option<&TransactionDetails>,
    ) -> Option<(Option<banking_core::money::Money>, Decimal, Currency)> {
        let details = self
            .amount_details
            .as_ref()
            .or_else(|| single.and_then(|tx| tx.amount_details.as_ref()))?;
        let booked = self.amount.currency;
        let exchange = details.iter().find_map(|a| a.exchange.as_ref())?;
        let original = details
            .iter()
            .map(|a: &AmountAndExchange| a.amount)
            .find(|m| m.currency != booked);
        Some((original, exchange.rate, exchange.per_unit_of()))
    }
}
