//! From buffered elements to the typed model, following the
//! camt.052.001.02 schema: mandatory elements are required, optional ones
//! read when present, the rest ignored.

use crate::camt::CreditDebit;
use crate::transactions::EntryStatus;

use super::error::CamtError;
use super::model::*;
use super::xml::El;

type Result<T> = std::result::Result<T, CamtError>;

/// Reads an optional child with `read`.
fn opt<T>(el: &El<'_>, name: &str, read: impl FnOnce(El<'_>) -> Result<T>) -> Result<Option<T>> {
    el.opt(name).map(|c| read(c.el())).transpose()
}

pub(super) fn group_header(el: El<'_>) -> Result<GroupHeader> {
    let pagination = el.opt("MsgPgntn");
    let pagination = pagination.as_ref().map(|p| p.el());
    Ok(GroupHeader {
        message_id: el.req_string("MsgId")?,
        creation_date_time: el.req("CreDtTm")?.el().date_time()?,
        page_number: pagination
            .map(|p| p.req("PgNb").and_then(|n| n.el().count()))
            .transpose()?,
        last_page: pagination
            .map(|p| p.req("LastPgInd").and_then(|b| b.el().boolean()))
            .transpose()?,
        additional_information: el.opt_string("AddtlInf")?,
    })
}

/// A report's header; `el` holds the `Rpt` children that precede `Ntry`.
pub(super) fn report(el: El<'_>) -> Result<Report> {
    Ok(Report {
        id: el.req_string("Id")?,
        electronic_sequence_number: opt(&el, "ElctrncSeqNb", |e| e.count())?,
        legal_sequence_number: opt(&el, "LglSeqNb", |e| e.count())?,
        creation_date_time: el.req("CreDtTm")?.el().date_time()?,
        period: opt(&el, "FrToDt", |p| {
            Ok(Period {
                from: p.req("FrDtTm")?.el().date_time()?,
                to: p.req("ToDtTm")?.el().date_time()?,
            })
        })?,
        account: account(el.req("Acct")?.el())?,
        balances: el
            .all("Bal")
            .map(|b| balance(b.el()))
            .collect::<Result<_>>()?,
        summary: opt(&el, "TxsSummry", summary)?,
    })
}

fn account(el: El<'_>) -> Result<Account> {
    let id = el.req("Id")?;
    let id = id.el();
    let number = match id.opt("IBAN") {
        Some(iban) => AccountNumber::Iban(iban.el().string()?),
        None => {
            let other = id.opt("Othr").ok_or_else(|| CamtError::Missing {
                path: format!("{}/Id/IBAN", el.path()),
            })?;
            let other = other.el();
            let scheme = match other.opt("SchmeNm") {
                Some(s) => Some(code_or_proprietary(s.el())?),
                None => None,
            };
            AccountNumber::Other {
                id: other.req_string("Id")?,
                scheme,
            }
        }
    };
    Ok(Account {
        number,
        currency: opt(&el, "Ccy", |c| c.currency())?,
        name: el.opt_string("Nm")?,
        owner: opt(&el, "Ownr", party)?,
        servicer: opt(&el, "Svcr", agent)?,
    })
}

/// A `Cd` / `Prtry` choice as its text.
fn code_or_proprietary(el: El<'_>) -> Result<String> {
    match el.opt("Cd") {
        Some(code) => code.el().string(),
        None => el.req_string("Prtry"),
    }
}

fn party(el: El<'_>) -> Result<Party> {
    let address = el.opt("PstlAdr");
    Ok(Party {
        name: el.opt_string("Nm")?,
        country: address
            .map(|a| a.el().opt_string("Ctry"))
            .transpose()?
            .flatten(),
    })
}

fn agent(el: El<'_>) -> Result<Agent> {
    let institution = el.req("FinInstnId")?;
    let institution = institution.el();
    Ok(Agent {
        bic: institution.opt_string("BIC")?,
        name: institution.opt_string("Nm")?,
    })
}

fn credit_debit(el: El<'_>) -> Result<CreditDebit> {
    Ok(CreditDebit::from(el.string()?.as_str()))
}

fn balance(el: El<'_>) -> Result<Balance> {
    let kind = el.req("Tp")?;
    let kind = kind.el().req("CdOrPrtry")?;
    let kind = kind.el();
    let kind = match kind.opt("Cd") {
        Some(code) => BalanceType::from(code.el().string()?.as_str()),
        None => BalanceType::Unknown(kind.req_string("Prtry")?),
    };
    Ok(Balance {
        kind,
        amount: el.req("Amt")?.el().money()?,
        credit_debit: credit_debit(el.req("CdtDbtInd")?.el())?,
        date: el.req("Dt")?.el().date_or_date_time()?,
    })
}

fn summary(el: El<'_>) -> Result<TransactionsSummary> {
    let totals = |t: El<'_>| -> Result<EntryTotals> {
        Ok(EntryTotals {
            count: opt(&t, "NbOfNtries", |e| e.count())?,
            sum: opt(&t, "Sum", |e| e.decimal())?,
            net_amount: opt(&t, "TtlNetNtryAmt", |e| e.decimal())?,
            credit_debit: opt(&t, "CdtDbtInd", credit_debit)?,
        })
    };
    Ok(TransactionsSummary {
        total: opt(&el, "TtlNtries", totals)?,
        credits: opt(&el, "TtlCdtNtries", totals)?,
        debits: opt(&el, "TtlDbtNtries", totals)?,
    })
}

pub(super) fn entry(el: El<'_>) -> Result<Entry> {
    Ok(Entry {
        reference: el.opt_string("NtryRef")?,
        amount: el.req("Amt")?.el().money()?,
        credit_debit: credit_debit(el.req("CdtDbtInd")?.el())?,
        reversal: opt(&el, "RvslInd", |e| e.boolean())?,
        status: EntryStatus::from(el.req_string("Sts")?.as_str()),
        booking_date: opt(&el, "BookgDt", |e| e.date_or_date_time())?,
        value_date: opt(&el, "ValDt", |e| e.date_or_date_time())?,
        account_servicer_reference: el.opt_string("AcctSvcrRef")?,
        bank_transaction_code: bank_transaction_code(el.req("BkTxCd")?.el())?,
        amount_details: opt(&el, "AmtDtls", amount_details)?,
        details: el
            .all("NtryDtls")
            .map(|d| entry_details(d.el()))
            .collect::<Result<_>>()?,
        additional_information: el.opt_string("AddtlNtryInf")?,
    })
}

fn bank_transaction_code(el: El<'_>) -> Result<BankTransactionCode> {
    let domain = opt(&el, "Domn", |d| {
        let family = d.req("Fmly")?;
        let family = family.el();
        Ok(DomainCode {
            domain: d.req_string("Cd")?,
            family: family.req_string("Cd")?,
            sub_family: family.req_string("SubFmlyCd")?,
        })
    })?;
    let proprietary = opt(&el, "Prtry", |p| {
        Ok(ProprietaryCode {
            code: p.req_string("Cd")?,
            issuer: p.opt_string("Issr")?,
        })
    })?;
    Ok(BankTransactionCode {
        domain,
        proprietary,
    })
}

fn amount_details(el: El<'_>) -> Result<AmountDetails> {
    let read = |name| opt(&el, name, amount_and_exchange);
    Ok(AmountDetails {
        instructed: read("InstdAmt")?,
        transaction: read("TxAmt")?,
        counter_value: read("CntrValAmt")?,
        announced_posting: read("AnncdPstngAmt")?,
    })
}

fn amount_and_exchange(el: El<'_>) -> Result<AmountAndExchange> {
    Ok(AmountAndExchange {
        amount: el.req("Amt")?.el().money()?,
        exchange: opt(&el, "CcyXchg", |x| {
            Ok(CurrencyExchange {
                source: x.req("SrcCcy")?.el().currency()?,
                target: opt(&x, "TrgtCcy", |c| c.currency())?,
                unit: opt(&x, "UnitCcy", |c| c.currency())?,
                rate: x.req("XchgRate")?.el().decimal()?,
                contract_id: x.opt_string("CtrctId")?,
                quotation_date: opt(&x, "QtnDt", |d| d.date_time())?,
            })
        })?,
    })
}

fn entry_details(el: El<'_>) -> Result<EntryDetails> {
    Ok(EntryDetails {
        batch: opt(&el, "Btch", |b| {
            Ok(Batch {
                message_id: b.opt_string("MsgId")?,
                payment_information_id: b.opt_string("PmtInfId")?,
                transaction_count: opt(&b, "NbOfTxs", |n| n.count())?,
                total_amount: opt(&b, "TtlAmt", |a| a.money())?,
                credit_debit: opt(&b, "CdtDbtInd", credit_debit)?,
            })
        })?,
        transactions: el
            .all("TxDtls")
            .map(|t| transaction_details(t.el()))
            .collect::<Result<_>>()?,
    })
}

fn transaction_details(el: El<'_>) -> Result<TransactionDetails> {
    let references = opt(&el, "Refs", |r| {
        Ok(References {
            message_id: r.opt_string("MsgId")?,
            account_servicer_reference: r.opt_string("AcctSvcrRef")?,
            payment_information_id: r.opt_string("PmtInfId")?,
            instruction_id: r.opt_string("InstrId")?,
            end_to_end_id: r.opt_string("EndToEndId")?,
            transaction_id: r.opt_string("TxId")?,
            mandate_id: r.opt_string("MndtId")?,
            cheque_number: r.opt_string("ChqNb")?,
        })
    })?;
    let parties = opt(&el, "RltdPties", |p| {
        Ok(RelatedParties {
            initiating_party: opt(&p, "InitgPty", party)?,
            debtor: opt(&p, "Dbtr", party)?,
            debtor_account: opt(&p, "DbtrAcct", account)?,
            ultimate_debtor: opt(&p, "UltmtDbtr", party)?,
            creditor: opt(&p, "Cdtr", party)?,
            creditor_account: opt(&p, "CdtrAcct", account)?,
            ultimate_creditor: opt(&p, "UltmtCdtr", party)?,
        })
    })?;
    let agents = opt(&el, "RltdAgts", |a| {
        Ok(RelatedAgents {
            debtor_agent: opt(&a, "DbtrAgt", agent)?,
            creditor_agent: opt(&a, "CdtrAgt", agent)?,
        })
    })?;
    let remittance = opt(&el, "RmtInf", |r| {
        let unstructured = r
            .all("Ustrd")
            .map(|u| u.el().string())
            .collect::<Result<_>>()?;
        let mut creditor_references = Vec::new();
        for structured in r.all("Strd") {
            let structured = structured.el();
            let Some(info) = structured.opt("CdtrRefInf") else {
                continue;
            };
            let info = info.el();
            let kind = info.opt("Tp");
            let kind = kind.as_ref().map(|t| t.el());
            creditor_references.push(CreditorReference {
                reference: info.req_string("Ref")?,
                kind: kind
                    .map(|t| t.req("CdOrPrtry").and_then(|c| code_or_proprietary(c.el())))
                    .transpose()?,
                issuer: kind.map(|t| t.opt_string("Issr")).transpose()?.flatten(),
            });
        }
        Ok(Remittance {
            unstructured,
            creditor_references,
        })
    })?;
    Ok(TransactionDetails {
        references: references.unwrap_or_default(),
        amount_details: opt(&el, "AmtDtls", amount_details)?,
        bank_transaction_code: opt(&el, "BkTxCd", bank_transaction_code)?,
        parties: parties.unwrap_or_default(),
        agents: agents.unwrap_or_default(),
        remittance: remittance.unwrap_or_default(),
        additional_information: el.opt_string("AddtlTxInf")?,
    })
}
