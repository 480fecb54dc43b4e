//! The CAMT.052.001.02 parser and the FX check on statement files.
//!
//! Fixtures `schema_built_camt052_*` are built from the ISO 20022
//! camt.052.001.02 schema (BankToCustomerAccountReportV02): the LYNKS docs
//! publish no statement sample.

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use banking_core::money::{Currency, Decimal, Money};
use chrono::{FixedOffset, NaiveDate};
use lynks_client::CreditDebit;
use lynks_client::camt::{
    self, AccountNumber, BalanceType, CamtError, CamtReader, DateOrDateTime, Item, NAMESPACE,
};
use lynks_client::fx::{FxCheck, FxSummary};
use lynks_client::transactions::EntryStatus;
use proptest::prelude::*;

use crate::common::fixture;

const INTRADAY: &str = "schema_built_camt052_intraday.xml";
const FX_OFF: &str = "schema_built_camt052_fx_differs_by_one_cent.xml";

fn eur(units: i64, scale: u32) -> Money {
    Money::new(Decimal::new(units, scale), Currency::EUR)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn schema_built_camt052_intraday_headers_and_balances() {
    let message = camt::read(fixture(INTRADAY).as_bytes()).unwrap();
    let header = &message.group_header;
    assert_eq!(header.message_id, "BCEE-CAMT052-20250303-1200");
    assert_eq!(
        header.creation_date_time.date_time.to_string(),
        "2025-03-03 12:00:05.250"
    );
    assert_eq!(
        header.creation_date_time.offset,
        FixedOffset::east_opt(3600)
    );
    assert_eq!(
        header.creation_date_time.to_utc().unwrap().to_rfc3339(),
        "2025-03-03T11:00:05.250+00:00"
    );
    assert_eq!(
        (header.page_number, header.last_page),
        (Some(1), Some(true))
    );
    assert_eq!(
        header.additional_information.as_deref(),
        Some("Intraday report")
    );
    assert_eq!(message.statements.len(), 2);

    let eur_report = &message.statements[0].report;
    assert_eq!(eur_report.id, "RPT-EUR-20250303-12");
    assert_eq!(eur_report.electronic_sequence_number, Some(42));
    assert_eq!(eur_report.legal_sequence_number, Some(7));
    let period = eur_report.period.unwrap();
    assert_eq!(period.from.date_time.to_string(), "2025-03-03 00:00:00");
    assert_eq!(period.to.date_time.to_string(), "2025-03-03 12:00:00");
    let account = &eur_report.account;
    assert_eq!(
        account.number,
        AccountNumber::Iban("LU280019400644750000".into())
    );
    assert_eq!(account.currency, Some(Currency::EUR));
    assert_eq!(account.name.as_deref(), Some("ACME Operating EUR"));
    let owner = account.owner.as_ref().unwrap();
    assert_eq!(owner.name.as_deref(), Some("ACME Treasury S.A."));
    assert_eq!(owner.country.as_deref(), Some("LU"));
    let servicer = account.servicer.as_ref().unwrap();
    assert_eq!(servicer.bic.as_deref(), Some("BCEELULL"));
    assert_eq!(
        servicer.name.as_deref(),
        Some("Banque et Caisse d'Epargne de l'Etat")
    );

    let balances = &eur_report.balances;
    assert_eq!(balances.len(), 3);
    assert_eq!(balances[0].kind, BalanceType::OpeningBooked);
    assert_eq!(balances[0].amount, eur(15000000, 2));
    assert_eq!(balances[0].amount.amount.to_string(), "150000.00");
    assert_eq!(balances[0].credit_debit, CreditDebit::Credit);
    assert_eq!(balances[0].date, DateOrDateTime::Date(date(2025, 3, 3)));
    assert_eq!(balances[1].kind, BalanceType::InterimBooked);
    let DateOrDateTime::DateTime(at) = balances[1].date else {
        panic!("{:?}", balances[1].date)
    };
    assert_eq!(at.date_time.to_string(), "2025-03-03 12:00:00");
    assert_eq!(balances[2].kind, BalanceType::Unknown("XAVL".into()));
    assert_eq!(balances[2].amount.amount.to_string(), "1500.5");
    assert_eq!(balances[2].signed_amount().unwrap().to_string(), "-1500.5");

    let summary = eur_report.summary.as_ref().unwrap();
    let total = summary.total.as_ref().unwrap();
    assert_eq!(total.count, Some(4));
    assert_eq!(total.sum.unwrap().to_string(), "17364.23");
    assert_eq!(total.net_amount.unwrap().to_string(), "10339.23");
    assert_eq!(total.credit_debit, Some(CreditDebit::Credit));
    let credits = summary.credits.as_ref().unwrap();
    assert_eq!(
        (credits.count, credits.sum),
        (Some(2), Some(Decimal::new(1385173, 2)))
    );
    let debits = summary.debits.as_ref().unwrap();
    assert_eq!(
        (debits.count, debits.sum),
        (Some(2), Some(Decimal::new(351250, 2)))
    );
    // The summary agrees with the entries, exactly.
    let entries = &message.statements[0].entries;
    let net: Decimal = entries.iter().map(|e| e.signed_amount().unwrap()).sum();
    assert_eq!(net.to_string(), "10339.23");

    let usd_report = &message.statements[1].report;
    assert_eq!(usd_report.id, "RPT-USD-20250303-12");
    assert_eq!(usd_report.electronic_sequence_number, Some(43));
    assert_eq!(usd_report.creation_date_time.offset, None);
    assert_eq!(usd_report.creation_date_time.to_utc(), None);
    assert_eq!(
        usd_report.account.number,
        AccountNumber::Other {
            id: "ACME-USD-01".into(),
            scheme: Some("LYNKS".into())
        }
    );
    assert_eq!(usd_report.account.currency, Some(Currency::USD));
    assert_eq!(usd_report.account.owner, None);
    assert_eq!(usd_report.balances[0].kind, BalanceType::ClosingAvailable);
    assert_eq!(usd_report.balances[0].amount.to_string(), "19920.01 USD");
    assert_eq!(usd_report.summary, None);
    assert_eq!(usd_report.period, None);
}

#[test]
fn schema_built_camt052_intraday_entries() {
    let message = camt::read(fixture(INTRADAY).as_bytes()).unwrap();
    let entries = &message.statements[0].entries;
    assert_eq!(entries.len(), 4);

    // 1: a booked FX credit, rate quoted per unit of the source (USD).
    let fx = &entries[0];
    assert_eq!(fx.reference.as_deref(), Some("1"));
    assert_eq!(fx.amount, eur(923450, 2));
    assert_eq!(fx.amount.amount.scale(), 2);
    assert_eq!(fx.credit_debit, CreditDebit::Credit);
    assert_eq!(fx.status, EntryStatus::Booked);
    assert_eq!(
        fx.booking_date,
        Some(DateOrDateTime::Date(date(2025, 3, 3)))
    );
    assert_eq!(fx.value_date, Some(DateOrDateTime::Date(date(2025, 3, 3))));
    assert_eq!(
        fx.account_servicer_reference.as_deref(),
        Some("BCEE-20250303-0001")
    );
    let code = fx.bank_transaction_code.domain.as_ref().unwrap();
    assert_eq!(
        (
            code.domain.as_str(),
            code.family.as_str(),
            code.sub_family.as_str()
        ),
        ("PMNT", "RCDT", "XBCT")
    );
    let proprietary = fx.bank_transaction_code.proprietary.as_ref().unwrap();
    assert_eq!(
        (proprietary.code.as_str(), proprietary.issuer.as_deref()),
        ("NTRF", Some("SWIFT"))
    );
    assert_eq!(fx.amount_details, None);
    let tx = fx.single_transaction().unwrap();
    assert_eq!(tx.references.message_id.as_deref(), Some("GLOBEX-PAY-0303"));
    assert_eq!(tx.references.instruction_id.as_deref(), Some("INSTR-77"));
    assert_eq!(
        tx.references.end_to_end_id.as_deref(),
        Some("E2E-INV-2025-0042")
    );
    assert_eq!(tx.references.transaction_id.as_deref(), Some("TX-9912"));
    assert_eq!(tx.references.mandate_id, None);
    let amounts = tx.amount_details.as_ref().unwrap();
    let instructed = amounts.instructed.as_ref().unwrap();
    assert_eq!(instructed.amount.to_string(), "10000.00 USD");
    let exchange = instructed.exchange.as_ref().unwrap();
    assert_eq!(exchange.source, Currency::USD);
    assert_eq!(exchange.target, Some(Currency::EUR));
    assert_eq!(exchange.unit, Some(Currency::USD));
    assert_eq!(exchange.rate.to_string(), "0.92345");
    assert_eq!(exchange.contract_id.as_deref(), Some("FX-CONTRACT-9"));
    assert_eq!(
        exchange
            .quotation_date
            .unwrap()
            .to_utc()
            .unwrap()
            .to_rfc3339(),
        "2025-03-03T09:30:00+00:00"
    );
    assert_eq!(amounts.transaction.as_ref().unwrap().amount, eur(923450, 2));
    assert_eq!(amounts.transaction.as_ref().unwrap().exchange, None);
    assert_eq!(amounts.counter_value, None);
    let parties = &tx.parties;
    assert_eq!(
        parties.debtor.as_ref().unwrap().name.as_deref(),
        Some("Globex Corporation")
    );
    assert_eq!(
        parties.debtor.as_ref().unwrap().country.as_deref(),
        Some("US")
    );
    assert_eq!(
        parties.debtor_account.as_ref().unwrap().number,
        AccountNumber::Other {
            id: "0012345678".into(),
            scheme: Some("BBAN".into())
        }
    );
    assert_eq!(
        parties.creditor.as_ref().unwrap().name.as_deref(),
        Some("ACME Treasury S.A.")
    );
    assert_eq!(
        parties.creditor_account.as_ref().unwrap().number.iban(),
        Some("LU280019400644750000")
    );
    assert_eq!(
        tx.agents.debtor_agent.as_ref().unwrap().bic.as_deref(),
        Some("CHASUS33")
    );
    assert_eq!(
        tx.agents.creditor_agent.as_ref().unwrap().bic.as_deref(),
        Some("BCEELULL")
    );
    assert_eq!(
        tx.remittance.unstructured,
        ["Invoice 2025-0042", "Globex order 7781 & freight"]
    );

    // 2: a fee debit booked with a date-time, no details.
    let fee = &entries[1];
    assert_eq!(fee.signed_amount().unwrap().to_string(), "-12.50");
    let Some(DateOrDateTime::DateTime(booked)) = fee.booking_date else {
        panic!("{:?}", fee.booking_date)
    };
    assert_eq!(booked.date_time.to_string(), "2025-03-03 10:15:00");
    assert_eq!(booked.offset, FixedOffset::east_opt(3600));
    assert_eq!(fee.booking_date.unwrap().date(), date(2025, 3, 3));
    assert!(fee.details.is_empty());
    assert_eq!(
        fee.additional_information.as_deref(),
        Some("Account maintenance fee")
    );

    // 3: a batch of three transfers.
    let batch = &entries[2];
    assert_eq!(batch.reversal, Some(false));
    assert_eq!(batch.single_transaction(), None);
    let details = &batch.details[0];
    let header = details.batch.as_ref().unwrap();
    assert_eq!(header.message_id.as_deref(), Some("BATCH-0303"));
    assert_eq!(header.payment_information_id.as_deref(), Some("PMT-INF-1"));
    assert_eq!(header.transaction_count, Some(3));
    assert_eq!(header.total_amount, Some(eur(350000, 2)));
    assert_eq!(header.credit_debit, Some(CreditDebit::Debit));
    let legs: Vec<_> = details
        .transactions
        .iter()
        .map(|t| {
            (
                t.references.end_to_end_id.clone().unwrap(),
                t.amount_details
                    .as_ref()
                    .unwrap()
                    .transaction
                    .as_ref()
                    .unwrap()
                    .amount,
                t.parties.creditor.as_ref().unwrap().name.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        legs,
        [
            (
                "SUPPLIER-A-0303".to_owned(),
                eur(100000, 2),
                "Supplier A SARL".to_owned()
            ),
            (
                "SUPPLIER-B-0303".to_owned(),
                eur(200000, 2),
                "Supplier B GmbH".to_owned()
            ),
            (
                "SUPPLIER-C-0303".to_owned(),
                eur(50000, 2),
                "Supplier C".to_owned()
            ),
        ]
    );
    let sum: Decimal = legs.iter().map(|(_, m, _)| m.amount).sum();
    assert_eq!(sum, batch.amount.amount);
    let reference = &details.transactions[0].remittance.creditor_references[0];
    assert_eq!(reference.reference, "RF18539007547034");
    assert_eq!(reference.kind.as_deref(), Some("SCOR"));
    assert_eq!(reference.issuer.as_deref(), Some("ISO"));
    assert_eq!(
        details.transactions[1].remittance.unstructured,
        ["Order 5512"]
    );

    // 4: a pending FX credit, rate quoted per unit of the booked currency.
    let pending = &entries[3];
    assert_eq!(pending.status, EntryStatus::Pending);
    assert_eq!(pending.booking_date, None);
    assert_eq!(pending.value_date.unwrap().date(), date(2025, 3, 4));
    let exchange = pending
        .amount_details
        .as_ref()
        .unwrap()
        .instructed
        .as_ref()
        .unwrap();
    assert_eq!(exchange.amount.to_string(), "5000.00 USD");
    let rate = exchange.exchange.as_ref().unwrap();
    assert_eq!(
        (rate.unit, rate.rate.to_string().as_str()),
        (Some(Currency::EUR), "1.0829")
    );
    assert_eq!(rate.per_unit_of(), Currency::EUR);

    let usd = &message.statements[1].entries;
    assert_eq!(usd.len(), 2);
    let debit = usd[0].single_transaction().unwrap();
    assert_eq!(
        debit.references.mandate_id.as_deref(),
        Some("MNDT-2024-118")
    );
    assert_eq!(usd[0].amount.to_string(), "79.99 USD");
    assert_eq!(usd[1].status, EntryStatus::Information);
    assert_eq!(usd[1].bank_transaction_code.domain, None);
    assert_eq!(
        usd[1]
            .bank_transaction_code
            .proprietary
            .as_ref()
            .unwrap()
            .code,
        "NOTICE"
    );
}

#[test]
fn entries_map_to_the_api_transaction_type() {
    let message = camt::read(fixture(INTRADAY).as_bytes()).unwrap();
    let transactions = message.statements[0].transactions();
    let fx = &transactions[0];
    assert_eq!(fx.id, None);
    assert_eq!(fx.amount, Some(Decimal::new(923450, 2)));
    assert_eq!(fx.currency, Some(Currency::EUR));
    assert_eq!(fx.signed_amount().unwrap().to_string(), "9234.50");
    assert_eq!(fx.status, Some(EntryStatus::Booked));
    assert_eq!(fx.booking_date, Some(date(2025, 3, 3)));
    assert_eq!(fx.value_date, Some(date(2025, 3, 3)));
    assert_eq!(fx.bank_reference.as_deref(), Some("BCEE-20250303-0001"));
    assert_eq!(fx.end_to_end_id.as_deref(), Some("E2E-INV-2025-0042"));
    assert_eq!(
        fx.remittance_information.as_deref(),
        Some("Invoice 2025-0042 Globex order 7781 & freight")
    );
    // A credit's counterparty is the debtor.
    assert_eq!(fx.counterparty_name.as_deref(), Some("Globex Corporation"));
    assert_eq!(fx.counterparty_iban, None);
    assert_eq!(fx.bank_transaction_code.as_deref(), Some("PMNT-RCDT-XBCT"));
    assert_eq!(fx.original().unwrap().to_string(), "10000.00 USD");
    assert_eq!(fx.exchange_rate.unwrap().to_string(), "0.92345");
    assert_eq!(fx.rate_unit_currency, Some(Currency::USD));

    let fee = &transactions[1];
    assert_eq!(fee.signed_amount().unwrap().to_string(), "-12.50");
    assert_eq!(fee.booking_date, Some(date(2025, 3, 3)));
    assert_eq!((fee.exchange_rate, fee.original_amount), (None, None));
    assert_eq!(fee.bank_transaction_code.as_deref(), Some("ACMT-MDOP-CHRG"));

    let batch = &transactions[2];
    assert_eq!(
        (
            batch.end_to_end_id.as_ref(),
            batch.counterparty_name.as_ref()
        ),
        (None, None)
    );

    let pending = &transactions[3];
    assert_eq!(pending.status, Some(EntryStatus::Pending));
    assert_eq!(pending.booking_date, None);
    assert_eq!(pending.original().unwrap().to_string(), "5000.00 USD");
    assert_eq!(pending.rate_unit_currency, Some(Currency::EUR));
    assert_eq!(pending.counterparty_name.as_deref(), Some("Initech LLC"));

    let usd = message.statements[1].transactions();
    // A debit's counterparty is the creditor.
    assert_eq!(usd[0].counterparty_name.as_deref(), Some("Utility Co"));
    assert_eq!(
        usd[0].counterparty_iban.as_deref(),
        Some("LU120010001234567891")
    );
    assert_eq!(usd[1].bank_transaction_code.as_deref(), Some("NOTICE"));
}

#[test]
fn fx_entries_of_the_statement_reconcile() {
    let message = camt::read(fixture(INTRADAY).as_bytes()).unwrap();
    let transactions = message.statements[0].transactions();
    assert_eq!(
        transactions[0].fx_check(),
        FxCheck::Matches {
            expected: eur(923450, 2),
            booked: eur(923450, 2)
        }
    );
    // 5000.00 USD / 1.0829 USD per EUR = 4617.2315... EUR.
    assert_eq!(
        transactions[3].fx_check(),
        FxCheck::Matches {
            expected: eur(461723, 2),
            booked: eur(461723, 2)
        }
    );
    let summary = FxSummary::of(&transactions);
    assert_eq!(
        (summary.entries, summary.matching, summary.not_applicable),
        (4, 2, 2)
    );
    assert!(summary.is_reconciled());
}

#[test]
fn fx_entries_one_cent_off_differ_either_way_the_rate_is_quoted() {
    let message = camt::read(fixture(FX_OFF).as_bytes()).unwrap();
    let transactions = message.statements[0].transactions();
    let summary = FxSummary::of(&transactions);
    assert_eq!(summary.matching, 0);
    let differences: Vec<_> = summary
        .differences
        .iter()
        .map(|(i, d)| (*i, d.expected, d.booked, d.difference))
        .collect();
    assert_eq!(
        differences,
        [
            (0, eur(923450, 2), eur(923451, 2), Decimal::new(1, 2)),
            (1, eur(461723, 2), eur(461722, 2), Decimal::new(-1, 2)),
        ]
    );
    let FxCheck::Differs(first) = transactions[0].fx_check() else {
        panic!("{:?}", transactions[0].fx_check())
    };
    assert_eq!(first.difference.to_string(), "0.01");
    assert!(!summary.is_reconciled());
}

#[test]
fn the_reader_streams_reports_before_their_entries() {
    let xml = fixture(INTRADAY);
    let reader = CamtReader::new(xml.as_bytes()).unwrap();
    let kinds: Vec<String> = reader
        .map(|item| match item.unwrap() {
            Item::Report(r) => format!("report {}", r.id),
            Item::Entry(e) => format!("entry {}", e.amount),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "report RPT-EUR-20250303-12",
            "entry 9234.50 EUR",
            "entry 12.50 EUR",
            "entry 3500.00 EUR",
            "entry 4617.23 EUR",
            "report RPT-USD-20250303-12",
            "entry 79.99 USD",
            "entry 150.00 USD",
        ]
    );
}

// ---- malformed input: each class is a typed error naming the element ----

const HEAD: &str = r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt><GrpHdr><MsgId>M</MsgId><CreDtTm>2025-03-03T10:00:00</CreDtTm></GrpHdr>"#;
const REPORT: &str = r#"<Rpt><Id>R</Id><CreDtTm>2025-03-03T10:00:00</CreDtTm><Acct><Id><IBAN>LU280019400644750000</IBAN></Id></Acct>"#;
const TAIL: &str = "</Rpt></BkToCstmrAcctRpt></Document>";
const BKTXCD: &str = "<BkTxCd><Prtry><Cd>X</Cd></Prtry></BkTxCd>";

/// A one-entry message with `entry` as the `Ntry` content.
fn with_entry(entry: &str) -> String {
    format!("{HEAD}{REPORT}<Ntry>{entry}</Ntry>{TAIL}")
}

fn good_entry() -> String {
    format!(r#"<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>{BKTXCD}"#)
}

fn error_of(xml: &str) -> CamtError {
    match camt::read(xml.as_bytes()) {
        Ok(message) => panic!("parsed: {message:?}"),
        Err(error) => error,
    }
}

const ENTRY_PATH: &str = "Document/BkToCstmrAcctRpt/Rpt[1]/Ntry[1]";

#[test]
fn the_minimal_message_parses() {
    let message = camt::read(with_entry(&good_entry()).as_bytes()).unwrap();
    assert_eq!(message.statements[0].entries[0].amount, eur(100, 2));
}

#[test]
fn malformed_xml_names_the_open_element() {
    let error = error_of(&with_entry(&format!("{}<Oops></Ntry>", good_entry())));
    assert!(matches!(error, CamtError::Malformed { .. }), "{error:?}");
    assert_eq!(error.path(), format!("{ENTRY_PATH}/Oops"));
    let error = error_of(&with_entry(&format!(
        "{}<AddtlNtryInf>a &bogus; b</AddtlNtryInf>",
        good_entry()
    )));
    assert!(
        matches!(&error, CamtError::Malformed { message, .. } if message.contains("bogus")),
        "{error:?}"
    );
    assert_eq!(error.path(), format!("{ENTRY_PATH}/AddtlNtryInf"));
    let error = error_of("<Document attr=></Document>");
    assert!(matches!(error, CamtError::Malformed { .. }), "{error:?}");
}

#[test]
fn truncated_xml_names_the_element_left_open() {
    let full = with_entry(&good_entry());
    let cut = &full[..full.find("<Sts>").unwrap()];
    let error = error_of(cut);
    assert!(matches!(error, CamtError::Truncated { .. }), "{error:?}");
    assert_eq!(error.path(), ENTRY_PATH);
    let cut = &full[..full.len() - "</Document>".len()];
    let error = error_of(cut);
    assert!(matches!(error, CamtError::Truncated { .. }), "{error:?}");
    assert_eq!(error.path(), "Document");
    assert!(matches!(error_of(""), CamtError::Missing { .. }));
}

#[test]
fn another_version_or_message_is_refused() {
    let v8 = with_entry(&good_entry()).replace("camt.052.001.02", "camt.052.001.08");
    let error = error_of(&v8);
    assert!(
        matches!(&error, CamtError::WrongVersion { found, .. } if found == "urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"),
        "{error:?}"
    );
    let unqualified = with_entry(&good_entry()).replace(&format!(r#" xmlns="{NAMESPACE}""#), "");
    let error = error_of(&unqualified);
    assert!(
        matches!(&error, CamtError::WrongVersion { found, .. } if found == "no namespace"),
        "{error:?}"
    );
    let statement = format!(r#"<Document xmlns="{NAMESPACE}"><BkToCstmrStmt/></Document>"#);
    let error = error_of(&statement);
    assert!(
        matches!(&error, CamtError::WrongVersion { found, .. } if found == "BkToCstmrStmt"),
        "{error:?}"
    );
    assert_eq!(error.path(), "Document/BkToCstmrStmt");
}

#[test]
fn a_bad_currency_is_refused_with_its_path() {
    let error = error_of(&with_entry(
        &good_entry().replace(r#"Ccy="EUR""#, r#"Ccy="eur""#),
    ));
    match &error {
        CamtError::Invalid { path, value, .. } => {
            assert_eq!(path, &format!("{ENTRY_PATH}/Amt/@Ccy"));
            assert_eq!(value, "eur");
        }
        other => panic!("{other:?}"),
    }
    let bad_source = format!(
        r#"{}<AmtDtls><InstdAmt><Amt Ccy="USD">1.00</Amt><CcyXchg><SrcCcy>US</SrcCcy><XchgRate>1</XchgRate></CcyXchg></InstdAmt></AmtDtls>"#,
        good_entry()
    );
    let error = error_of(&with_entry(&bad_source));
    assert_eq!(
        error.path(),
        format!("{ENTRY_PATH}/AmtDtls/InstdAmt/CcyXchg/SrcCcy")
    );
}

#[test]
fn amounts_must_be_exact_decimals() {
    for bad in [
        "1,000.00",
        "1e3",
        "",
        "12.5.0",
        "0.00000000000000000000000000001",
    ] {
        let error = error_of(&with_entry(
            &good_entry().replace(">1.00<", &format!(">{bad}<")),
        ));
        assert!(
            matches!(error, CamtError::Invalid { .. }),
            "{bad}: {error:?}"
        );
        assert_eq!(error.path(), format!("{ENTRY_PATH}/Amt"), "{bad}");
    }
    let error = error_of(&with_entry(&good_entry().replace(">CRDT<", "><")));
    assert_eq!(error.path(), format!("{ENTRY_PATH}/CdtDbtInd"));
}

#[test]
fn missing_mandatory_elements_are_named() {
    let cases = [
        (
            good_entry().replace("<Sts>BOOK</Sts>", ""),
            format!("{ENTRY_PATH}/Sts"),
        ),
        (
            good_entry().replace(BKTXCD, ""),
            format!("{ENTRY_PATH}/BkTxCd"),
        ),
        (
            good_entry().replace(r#" Ccy="EUR""#, ""),
            format!("{ENTRY_PATH}/Amt/@Ccy"),
        ),
        (
            format!("{}<BookgDt></BookgDt>", good_entry()),
            format!("{ENTRY_PATH}/BookgDt/Dt"),
        ),
    ];
    for (entry, path) in cases {
        let error = error_of(&with_entry(&entry));
        assert!(matches!(error, CamtError::Missing { .. }), "{error:?}");
        assert_eq!(error.path(), path);
    }
    let no_account = with_entry(&good_entry()).replace(
        "<Acct><Id><IBAN>LU280019400644750000</IBAN></Id></Acct>",
        "",
    );
    assert_eq!(
        error_of(&no_account).path(),
        "Document/BkToCstmrAcctRpt/Rpt[1]/Acct"
    );
    let no_header = format!(r#"<Document xmlns="{NAMESPACE}"><BkToCstmrAcctRpt>{REPORT}{TAIL}"#);
    assert_eq!(
        error_of(&no_header).path(),
        "Document/BkToCstmrAcctRpt/GrpHdr"
    );
    let no_id = with_entry(&good_entry()).replace("<MsgId>M</MsgId>", "");
    assert_eq!(
        error_of(&no_id).path(),
        "Document/BkToCstmrAcctRpt/GrpHdr/MsgId"
    );
}

#[test]
fn bad_dates_are_refused() {
    let entry = format!("{}<BookgDt><Dt>2025-02-30</Dt></BookgDt>", good_entry());
    let error = error_of(&with_entry(&entry));
    assert!(
        matches!(
            error,
            CamtError::Invalid {
                expected: "an ISO date",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.path(), format!("{ENTRY_PATH}/BookgDt/Dt"));
}

#[test]
fn the_second_entry_is_named_by_its_index() {
    let xml = format!(
        "{HEAD}{REPORT}<Ntry>{}</Ntry><Ntry>{}</Ntry>{TAIL}",
        good_entry(),
        good_entry().replace(">1.00<", ">x<")
    );
    let mut reader = CamtReader::new(xml.as_bytes()).unwrap();
    assert!(matches!(reader.next(), Some(Ok(Item::Report(_)))));
    assert!(matches!(reader.next(), Some(Ok(Item::Entry(_)))));
    let error = reader.next().unwrap().unwrap_err();
    assert_eq!(error.path(), "Document/BkToCstmrAcctRpt/Rpt[1]/Ntry[2]/Amt");
    assert!(reader.next().is_none(), "the reader ends after an error");
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let deep = format!(
        "{}{}",
        "<AddtlNtryInf>".repeat(100),
        "</AddtlNtryInf>".repeat(100)
    );
    let error = error_of(&with_entry(&format!("{}{deep}", good_entry())));
    assert!(matches!(error, CamtError::TooLarge { .. }), "{error:?}");
}

#[test]
fn unknown_optional_elements_are_skipped() {
    let entry = format!(
        r#"<Vendor xmlns="urn:example:ext"><Amt Ccy="XX">not a number</Amt></Vendor>{}<SplmtryData><Envlp><Any/></Envlp></SplmtryData>"#,
        good_entry()
    );
    let xml = format!(
        "{HEAD}<Extra>skipped</Extra>{REPORT}<Unknown/><Ntry>{entry}</Ntry><AddtlRptInf>x</AddtlRptInf>{TAIL}"
    );
    let message = camt::read(xml.as_bytes()).unwrap();
    assert_eq!(message.statements[0].entries[0].amount, eur(100, 2));
}

#[test]
fn errors_display_their_path() {
    let error = error_of(&with_entry(
        &good_entry().replace(r#"Ccy="EUR""#, r#"Ccy="EURO""#),
    ));
    assert_eq!(
        error.to_string(),
        format!(r#"{ENTRY_PATH}/Amt/@Ccy: "EURO" is not an ISO 4217 currency code"#)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = camt::read(&bytes[..]);
    }

    #[test]
    fn truncated_statements_fail_cleanly(cut in 0usize..6000) {
        let xml = fixture(INTRADAY);
        let cut = cut.min(xml.len() - 1);
        prop_assert!(camt::read(&xml.as_bytes()[..cut]).is_err());
    }

    #[test]
    fn mutated_statements_never_panic(at in 0usize..6000, byte in any::<u8>()) {
        let mut xml = fixture(INTRADAY).into_bytes();
        let at = at % xml.len();
        xml[at] = byte;
        let _ = camt::read(&xml[..]);
    }
}

// ---- a 100,000-entry statement in bounded memory ----

/// Writes a camt.052 message with `entries` entries on demand, never
/// holding the document, and counts the bytes handed out.
struct GeneratedStatement {
    entries: usize,
    next_entry: usize,
    pending: Vec<u8>,
    pos: usize,
    done: bool,
    produced: Rc<Cell<usize>>,
}

const GENERATED_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt><GrpHdr><MsgId>BULK</MsgId><CreDtTm>2025-03-03T23:59:59Z</CreDtTm></GrpHdr><Rpt><Id>BULK-1</Id><CreDtTm>2025-03-03T23:59:59Z</CreDtTm><Acct><Id><IBAN>LU280019400644750000</IBAN></Id><Ccy>EUR</Ccy></Acct>"#;

/// Entry `i`: a fixed-width amount of `i` cents plus 0.01, so every entry
/// has the same length.
fn generated_entry(i: usize) -> String {
    format!(
        r#"<Ntry><Amt Ccy="EUR">{:07}.{:02}</Amt><CdtDbtInd>{}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-03-03</Dt></BookgDt><AcctSvcrRef>REF-{i:08}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>E2E-{i:08}</EndToEndId></Refs><RmtInf><Ustrd>Invoice {i:08}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"#,
        (i + 1) / 100,
        (i + 1) % 100,
        if i.is_multiple_of(2) { "CRDT" } else { "DBIT" }
    )
}

impl GeneratedStatement {
    /// Refills `pending` with the next piece; `false` at the end.
    fn refill(&mut self) -> bool {
        if self.done {
            return false;
        }
        self.pending = if self.next_entry == 0 && self.produced.get() == 0 && self.pos == 0 {
            GENERATED_HEAD.as_bytes().to_vec()
        } else if self.next_entry < self.entries {
            self.next_entry += 1;
            generated_entry(self.next_entry - 1).into_bytes()
        } else {
            self.done = true;
            TAIL.as_bytes().to_vec()
        };
        self.pos = 0;
        true
    }
}

impl Read for GeneratedStatement {
    /// Fills `out` as a file would, across entry boundaries.
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let mut written = 0;
        while written < out.len() {
            if self.pos == self.pending.len() && !self.refill() {
                break;
            }
            let n = (out.len() - written).min(self.pending.len() - self.pos);
            out[written..written + n].copy_from_slice(&self.pending[self.pos..self.pos + n]);
            self.pos += n;
            written += n;
            self.produced.set(self.produced.get() + n);
        }
        Ok(written)
    }
}

#[test]
fn a_100000_entry_statement_streams_one_entry_at_a_time() {
    const ENTRIES: usize = 100000;
    const BUFFER: usize = 8 * 1024;
    let produced = Rc::new(Cell::new(0));
    let source = GeneratedStatement {
        entries: ENTRIES,
        next_entry: 0,
        pending: Vec::new(),
        pos: 0,
        done: false,
        produced: Rc::clone(&produced),
    };
    let entry_len = generated_entry(0).len();
    assert_eq!(generated_entry(ENTRIES - 1).len(), entry_len);
    let mut reader = CamtReader::new(BufReader::with_capacity(BUFFER, source)).unwrap();
    let mut count = 0;
    let mut net = Decimal::ZERO;
    let mut most_read_ahead = 0;
    while let Some(item) = reader.next_item().unwrap() {
        let Item::Entry(entry) = item else { continue };
        // Everything read so far beyond this entry's end is read-ahead:
        // at most the I/O buffer plus the start of the next entry.
        let entry_end = GENERATED_HEAD.len() + (count + 1) * entry_len;
        let read_ahead = produced.get().saturating_sub(entry_end);
        most_read_ahead = most_read_ahead.max(read_ahead);
        assert!(
            read_ahead <= BUFFER + entry_len,
            "entry {count}: {read_ahead} bytes ahead"
        );
        net += entry.signed_amount().unwrap();
        assert_eq!(
            entry.account_servicer_reference.as_deref(),
            Some(format!("REF-{count:08}").as_str())
        );
        count += 1;
    }
    assert_eq!(count, ENTRIES);
    // Credits are entries 0, 2, 4, ... of (i + 1) cents: net = -0.01 × 50,000.
    assert_eq!(net.to_string(), "-500.00");
    assert!(
        produced.get() > ENTRIES * entry_len,
        "read to the end: {}",
        produced.get()
    );
    assert!(most_read_ahead > 0);
}
