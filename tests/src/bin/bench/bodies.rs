//! The bodies the benchmark serves and decodes, built from the providers'
//! documented samples.

/// Linkcy's login answer (built from the schema; see the fixture's name).
pub(crate) const LOGIN: &str =
    include_str!("../../../../linkcy-client/fixtures/schema_built_auth_login_200.json");

/// One Linkcy transaction (built from the schema).
pub(crate) const TRANSACTION: &str =
    include_str!("../../../../linkcy-client/fixtures/schema_built_transactions_get_200.json");

/// The id of [`TRANSACTION`].
pub(crate) const TRANSACTION_ID: &str = "497f6eca-6276-4993-bfeb-53cbbbba6f08";

/// A Linkcy page of `n` copies of the sample transaction.
pub(crate) fn linkcy_page(n: usize, page: u64, total: u64) -> Vec<u8> {
    let items = vec![TRANSACTION.trim(); n].join(",");
    format!(r#"{{"content":[{items}],"totalElements":{total},"page":{page},"pageSize":{n}}}"#)
        .into_bytes()
}

/// Page `page` (of `size`) of a listing of `total` small transactions:
/// what a stream walks through, where the envelope matters more than the
/// items.
pub(crate) fn small_page(page: u64, size: u64, total: u64) -> Vec<u8> {
    let from = page.saturating_mul(size).min(total);
    let to = from.saturating_add(size).min(total);
    let items: Vec<String> = (from..to)
        .map(|n| {
            format!(
                r#"{{"id":"00000000-0000-4000-8000-{n:012}","status":"APPROVED","amount":{}.{:02},"currency":"EUR"}}"#,
                n % 10_000,
                n % 100
            )
        })
        .collect();
    format!(
        r#"{{"content":[{}],"totalElements":{total},"page":{page},"pageSize":{size}}}"#,
        items.join(",")
    )
    .into_bytes()
}

/// A Flinks `GetAccountsDetail` answer shaped like the research notes'
/// sample, with `transactions` transactions over ten accounts (85,000 make
/// about 17 MB). Amounts, dates and ids vary so that no parser sees the same
/// text twice in a row; `Limit` is quoted as Flinks' seed sample sends it.
pub(crate) fn flinks_accounts_detail(transactions: usize) -> Vec<u8> {
    const ACCOUNTS: usize = 10;
    let per_account = transactions.div_ceil(ACCOUNTS);
    let accounts: Vec<String> = (0..ACCOUNTS)
        .map(|a| {
            let transactions: Vec<String> = (0..per_account)
                .map(|t| {
                    let n = a * per_account + t;
                    format!(
                        r#"{{"Date": "20{:02}-{:02}-{:02}", "Code": null, "Description": "PAYROLL - Stripe Paycheck {n}", "Debit": {}.{}, "Credit": {}.{:02}, "Balance": {}.{}, "Id": "94584aed-7c98-42a4-9836-{n:012}"}}"#,
                        15 + n % 10,
                        1 + n % 12,
                        1 + n % 28,
                        n % 5_000,
                        n % 10,
                        n % 3_000,
                        n % 100,
                        5_105 + n % 997,
                        n % 10,
                    )
                })
                .collect();
            format!(
                r#"{{"Transactions": [{}], "TransitNumber": "12347", "InstitutionNumber": "777", "OverdraftLimit": 100.5, "Title": "Chequing Account", "AccountNumber": "764123{a}", "LastFourDigits": null, "Balance": {{"Available": 5405.5, "Current": 5105.5, "Limit": "5105.5"}}, "Category": "Operations", "Type": "Chequing", "Currency": "CAD", "Holder": {{"Name": "Testing", "Address": {{"CivicAddress": "25 york street", "City": "TOR", "Province": "ON", "PostalCode": "M5J 2V5", "POBox": null, "Country": "CA"}}, "Email": "test_user1@nomail.com", "PhoneNumber": "9051234567"}}, "AccountType": null, "Id": "27a9ffa0-c6b9-4cc6-9eaa-{a:012}"}}"#,
                transactions.join(", ")
            )
        })
        .collect();
    format!(
        r#"{{"HttpStatusCode": 200, "Accounts": [{}], "InstitutionName": "FlinksCapital", "Login": {{"Username": "chat_gpt", "IsScheduledRefresh": false, "LastRefresh": "2025-01-31T17:40:54.569261", "Type": "Personal", "Id": "5602459c-f6d0-4ca0-6750-08dccdcadcc0"}}, "InstitutionId": 14, "Institution": "FlinksCapital", "RequestId": "22178382-31ee-485c-a750-c20929b6a344"}}"#,
        accounts.join(", ")
    )
    .into_bytes()
}
