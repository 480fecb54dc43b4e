//! Writes a CAMT.052.001.02 file of 100,000 entries (built from the ISO
//! 20022 schema's element structure) to a temporary file, streams it through
//! `lynks_client::camt::CamtReader`, and prints the time taken and the
//! process's peak resident memory (Linux `VmHWM`).
//!
//! Run it with `cargo run --release -p examples --bin camt_bench`.
#![allow(clippy::print_stdout)] // a benchmark prints its figures
#![allow(clippy::float_arithmetic)] // throughput figures, not money

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

use lynks_client::camt::{CamtReader, Item};
use lynks_client::fx::FxSummary;

const ENTRIES: usize = 100_000;

fn write_statement(path: &std::path::Path) -> std::io::Result<u64> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-03-03T23:59:59Z</CreDtTm></GrpHdr><Rpt><Id>BENCH-1</Id><CreDtTm>2025-03-03T23:59:59Z</CreDtTm><Acct><Id><IBAN>LU280019400644750000</IBAN></Id><Ccy>EUR</Ccy></Acct>"#)?;
    for i in 0..ENTRIES {
        // Every fourth entry is an FX credit: 10.00 USD at 0.92345 = 9.23 EUR.
        let fx = if i.is_multiple_of(4) {
            r#"<AmtDtls><InstdAmt><Amt Ccy="USD">10.00</Amt><CcyXchg><SrcCcy>USD</SrcCcy><TrgtCcy>EUR</TrgtCcy><XchgRate>0.92345</XchgRate></CcyXchg></InstdAmt></AmtDtls>"#
        } else {
            ""
        };
        let amount = if i.is_multiple_of(4) {
            "9.23".to_owned()
        } else {
            format!("{}.{:02}", i / 100, i % 100)
        };
        write!(
            out,
            r#"<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-03-03</Dt></BookgDt><AcctSvcrRef>REF-{i}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>{fx}<NtryDtls><TxDtls><Refs><EndToEndId>E2E-{i}</EndToEndId></Refs><RltdPties><Dbtr><Nm>Debtor {i}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Invoice {i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"#
        )?;
    }
    out.write_all(b"</Rpt></BkToCstmrAcctRpt></Document>")?;
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// Peak resident memory of this process in KiB, where the OS reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::temp_dir().join(format!("camt052-bench-{}.xml", std::process::id()));
    let size = write_statement(&path)?;
    let before = peak_rss_kib();
    let started = Instant::now();
    let mut entries = 0usize;
    let mut summary = FxSummary::default();
    for item in CamtReader::new(BufReader::new(File::open(&path)?))? {
        if let Item::Entry(entry) = item? {
            entries += 1;
            summary.record(&entry.to_transaction().fx_check());
        }
    }
    let elapsed = started.elapsed();
    std::fs::remove_file(&path)?;
    println!(
        "file: {ENTRIES} entries, {:.1} MiB",
        size as f64 / 1_048_576.0
    );
    println!(
        "parsed {entries} entries and FX-checked {} in {:.2} s ({:.0} entries/s, {:.1} MiB/s)",
        summary.matching,
        elapsed.as_secs_f64(),
        entries as f64 / elapsed.as_secs_f64(),
        size as f64 / 1_048_576.0 / elapsed.as_secs_f64()
    );
    match (before, peak_rss_kib()) {
        (Some(before), Some(after)) => {
            println!("peak resident memory: {after} KiB (before parsing: {before} KiB)")
        }
        _ => println!("peak resident memory: not reported on this platform"),
    }
    Ok(())
}
