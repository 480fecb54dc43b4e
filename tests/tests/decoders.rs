//! Decoders never panic, whatever the server sends: property tests over
//! arbitrary JSON shaped like the providers' payloads, over every response
//! type's own fixture with values swapped for arbitrary ones, and over
//! arbitrary text for the hand-written parsers (durations, timestamps,
//! amounts).

use proptest::prelude::*;
use serde_json::{Map, Value};

/// Field names the providers use, so generated objects reach deep into the
/// types instead of failing at the first missing field.
const KEYS: &[&str] = &[
    "id",
    "amount",
    "currency",
    "status",
    "type",
    "paymentType",
    "creationDate",
    "reference",
    "content",
    "totalElements",
    "page",
    "pageSize",
    "Balance",
    "Current",
    "Available",
    "Limit",
    "Debit",
    "Credit",
    "Date",
    "Description",
    "Transactions",
    "Accounts",
    "transactionId",
    "accountId",
    "value",
    "date",
    "booking_date",
    "amount_details",
    "ttl",
    "scaId",
    "seconds",
    "nano",
    "exchangeRate",
    "originalAmount",
    "originalCurrency",
    "label",
    "balance",
    "creditDebitIndicator",
    "more?",
    "after",
    "count",
    "items",
    "links",
    "next",
    "href",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        // Decimal-looking text, including exponents and huge digit runs.
        "-?[0-9]{1,30}(\\.[0-9]{0,30})?([eE][-+]?[0-9]{1,4})?"
            .prop_map(|n| serde_json::from_str(&n).unwrap_or(Value::String(n))),
        "-?[0-9]{1,12}(\\.[0-9]{0,4})?".prop_map(Value::String),
        "[A-Z_]{1,20}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?)?"
            .prop_map(Value::String),
        ".{0,40}".prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..10).prop_map(|fields| {
                Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// A response decoder with a fixture of what it decodes.
struct Decoder {
    name: &'static str,
    fixture: &'static str,
    decode: fn(&[u8]) -> banking_core::Result<()>,
}

macro_rules! decoders {
    ($($ty:ty => $krate:literal / $file:literal),+ $(,)?) => {
        [$(Decoder {
            name: stringify!($ty),
            fixture: include_str!(concat!("../../", $krate, "/fixtures/", $file)),
            decode: |body| banking_core::json::from_slice::<$ty>(body).map(drop),
        }),+]
    };
}

/// Every response type of every client, with a fixture it decodes.
const DECODERS: &[Decoder] = &decoders![
    linkcy_client::Transaction => "linkcy-client" / "seed_transactions_get_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Transaction> => "linkcy-client" / "seed_transactions_list_200.json",
    linkcy_client::Created<linkcy_client::TransactionId> => "linkcy-client" / "seed_transactions_create_201.json",
    linkcy_client::LinkcyScaChallenge => "linkcy-client" / "research_sca_waiting_202.json",
    linkcy_client::LoginResponse => "linkcy-client" / "schema_built_auth_login_200.json",
    linkcy_client::Ledger => "linkcy-client" / "schema_built_ledgers_get_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Ledger> => "linkcy-client" / "schema_built_ledgers_list_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Beneficiary> => "linkcy-client" / "schema_built_beneficiaries_list_200.json",
    linkcy_client::Mandate => "linkcy-client" / "schema_built_mandates_get_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Mandate> => "linkcy-client" / "schema_built_mandates_list_200.json",
    linkcy_client::Card => "linkcy-client" / "inferred_cards_get_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Card> => "linkcy-client" / "schema_built_cards_list_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Consumer> => "linkcy-client" / "schema_built_consumers_list_200.json",
    linkcy_client::LinkcyPage<linkcy_client::Corporate> => "linkcy-client" / "schema_built_corporates_list_200.json",
    linkcy_client::CorporateCreated => "linkcy-client" / "schema_built_corporates_create_201.json",
    linkcy_client::LinkcyErrorBody => "linkcy-client" / "schema_built_error_sca_required_409.json",
    finqlink_client::links::Link => "finqlink-client" / "schema_built_links_get_200.json",
    finqlink_client::links::LinkList => "finqlink-client" / "schema_built_links_list_v2_last_page_200.json",
    finqlink_client::consents::Consent => "finqlink-client" / "schema_built_consents_get_200.json",
    finqlink_client::accounts::AccountList => "finqlink-client" / "schema_built_accounts_list_200.json",
    finqlink_client::balances::BalanceList => "finqlink-client" / "schema_built_balances_list_page1_200.json",
    finqlink_client::transactions::TransactionList => "finqlink-client" / "schema_built_transactions_list_page1_200.json",
    finqlink_client::jobs::Job => "finqlink-client" / "schema_built_jobs_get_200.json",
    finqlink_client::providers::Provider => "finqlink-client" / "schema_built_providers_get_200.json",
    finqlink_client::providers::ProviderList => "finqlink-client" / "schema_built_providers_list_v2_200.json",
    finqlink_client::webhooks::LinkStatusUpdate => "finqlink-client" / "schema_built_link_status_update_webhook.json",
    finqlink_client::webhooks::ConsentStatusUpdate => "finqlink-client" / "seed_consents_webhook_consent_status_update.json",
    finqlink_client::webhooks::JobStatusUpdate => "finqlink-client" / "seed_jobs_webhook_job_status_update.json",
    flinks_client::connect::Authorization => "flinks-client" / "schema_built_authorize_200.json",
    flinks_client::connect::MfaChallenge => "flinks-client" / "schema_built_authorize_203_triple_mfa.json",
    flinks_client::connect::AccountsSummary => "flinks-client" / "schema_built_accounts_summary_200.json",
    flinks_client::connect::AccountsDetail => "flinks-client" / "seed_accounts_detail_200.json",
    flinks_client::connect::Statements => "flinks-client" / "schema_built_statements_200.json",
    flinks_client::connect::MfaQuestions => "flinks-client" / "seed_get_mfa_questions_200.json",
    flinks_client::connect::NightlyRefreshStatus => "flinks-client" / "seed_get_nightly_refresh_status_200.json",
    flinks_client::connect::Institution => "flinks-client" / "seed_institution_by_routing_number_200.json",
    flinks_client::connect::DeletedCard => "flinks-client" / "research_delete_card_200.json",
    flinks_client::enrich::Attributes => "flinks-client" / "schema_built_enrich_attributes_200.json",
    flinks_client::pay::PaymentRequest => "flinks-client" / "pay_schema_built_payment_request_200.json",
    flinks_client::pay::CreatedTransaction => "flinks-client" / "pay_seed_eft_create_transaction_200.json",
    flinks_client::pay::CreatedSession => "flinks-client" / "pay_research_session_create_201.json",
    flinks_client::pay::Session => "flinks-client" / "pay_seed_geft_session_200.json",
    flinks_client::pay::ProblemDetails => "flinks-client" / "pay_schema_built_problem_details_400.json",
    flinks_client::outbound::Recipient => "flinks-client" / "outbound_schema_built_recipient_200.json",
    flinks_client::outbound::RecipientSecret => "flinks-client" / "outbound_schema_built_recipient_secret_200.json",
    flinks_client::outbound::fdx::accounts::Account => "flinks-client" / "outbound_schema_built_fdx_account_details_200.json",
    flinks_client::outbound::fdx::customers::Customer => "flinks-client" / "outbound_schema_built_fdx_customers_current_200.json",
    lynks_client::accounts::Account => "lynks-client" / "inferred_account_get_200.json",
    Vec<lynks_client::accounts::Account> => "lynks-client" / "inferred_accounts_list_200.json",
    Vec<lynks_client::balances::Balance> => "lynks-client" / "inferred_balances_200.json",
    lynks_client::counterparties::Counterparty => "lynks-client" / "inferred_counterparty_get_200.json",
    lynks_client::credit_transfers::CreditTransfer => "lynks-client" / "inferred_credit_transfer_get_200.json",
    Vec<lynks_client::credit_transfers::CreditTransfer> => "lynks-client" / "inferred_credit_transfers_list_200.json",
    lynks_client::invoices::Invoice => "lynks-client" / "inferred_invoice_get_200.json",
    lynks_client::credit_notes::CreditNote => "lynks-client" / "inferred_credit_note_get_200.json",
    Vec<lynks_client::payment_categories::PaymentCategory> => "lynks-client" / "inferred_payment_categories_200.json",
    Vec<lynks_client::transactions::Transaction> => "lynks-client" / "inferred_transactions_200.json",
    linxo_client::Account => "linxo-client" / "schema_built_accounts_get_200.json",
    Vec<linxo_client::Account> => "linxo-client" / "schema_built_accounts_list_200.json",
    linxo_client::Connection => "linxo-client" / "schema_built_connections_get_200.json",
    linxo_client::Transaction => "linxo-client" / "schema_built_transactions_get_200.json",
    Vec<linxo_client::Transaction> => "linxo-client" / "schema_built_transactions_list_page1_200.json",
    Vec<linxo_client::Category> => "linxo-client" / "schema_built_inferred_categories_list_200.json",
    Vec<linxo_client::Provider> => "linxo-client" / "schema_built_inferred_providers_list_200.json",
    Vec<linxo_client::QueueEvent> => "linxo-client" / "schema_built_inferred_queue_events_200.json",
    linxo_client::User => "linxo-client" / "schema_built_users_me_200.json",
    linxo_client::WidgetSession => "linxo-client" / "schema_built_widget_session_200.json",
    linxo_client::ConnectionEvent => "linxo-client" / "schema_built_webhook_connection_updated.json",
];

/// Every node of `value`, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            pointers(
                v,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

#[test]
fn every_decoder_reads_its_own_fixture() {
    for decoder in DECODERS {
        if let Err(e) = (decoder.decode)(decoder.fixture.as_bytes()) {
            panic!("{} does not decode its fixture: {e}", decoder.name);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Each response type, fed its own fixture with a few nodes swapped
    /// for arbitrary JSON: any result but a panic.
    #[test]
    fn every_decoder_survives_its_fixture_mutated(
        which in 0..DECODERS.len(),
        swaps in prop::collection::vec((any::<prop::sample::Index>(), json()), 1..5),
    ) {
        let decoder = &DECODERS[which];
        let mut value: Value = serde_json::from_str(decoder.fixture).unwrap();
        for (index, replacement) in swaps {
            let mut nodes = Vec::new();
            pointers(&value, String::new(), &mut nodes);
            let node = index.get(&nodes).clone();
            if let Some(slot) = value.pointer_mut(&node) {
                *slot = replacement;
            }
        }
        let _ = (decoder.decode)(&serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn provider_types_decode_any_json_without_panicking(value in json()) {
        let body = serde_json::to_vec(&value).unwrap();
        for decoder in DECODERS {
            let _ = (decoder.decode)(&body);
        }
    }

    #[test]
    fn sca_ttl_readers_never_panic(text in ".{0,40}", seconds in any::<i64>(), nano in any::<u64>()) {
        for ttl in [
            Value::String(text.clone()),
            Value::String(format!("PT{seconds}S")),
            Value::String(format!("P{seconds}DT{seconds}H")),
            Value::from(seconds),
            serde_json::json!({"seconds": seconds, "nano": nano}),
        ] {
            let body = serde_json::json!({"scaId": "s", "ttl": ttl});
            let challenge: linkcy_client::LinkcyScaChallenge =
                serde_json::from_value(body).unwrap();
            let ttl = challenge.ttl.unwrap();
            let _ = (ttl.duration(), ttl.expires_at());
        }
    }

    #[test]
    fn flinks_timestamps_parse_or_refuse(text in ".{0,40}") {
        let _ = text.parse::<flinks_client::datetime::Timestamp>();
        let _ = serde_json::from_value::<flinks_client::datetime::Timestamp>(Value::String(text));
    }

    #[test]
    fn finqlink_amounts_parse_or_refuse(text in ".{0,40}") {
        if let Ok(amount) = finqlink_client::parse_amount(&text) {
            // What is accepted prints back as it came.
            prop_assert_eq!(amount.to_string(), text);
        }
    }
}
