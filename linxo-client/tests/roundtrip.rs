//! Every response fixture decodes and re-encodes without losing a field.

use linxo_client::{
    Account, Category, Connection, ConnectionEvent, Provider, QueueEvent, Transaction, User,
    WidgetSession,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::support::*;

fn round_trip<T: DeserializeOwned + Serialize>(name: &str) {
    let text = fixture(name);
    let decoded: T =
        banking_core::json::from_slice(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let encoded = serde_json::to_string(&decoded).unwrap();
    let before: serde_json::Value = serde_json::from_str(&text).unwrap();
    let after: serde_json::Value = serde_json::from_str(&encoded).unwrap();
    assert_eq!(before, after, "{name}");
}

#[test]
fn fixtures_survive_a_round_trip() {
    round_trip::<User>("schema_built_users_me_200.json");
    round_trip::<Connection>("schema_built_connections_get_200.json");
    round_trip::<Vec<Connection>>("schema_built_connections_list_200.json");
    round_trip::<Account>("schema_built_accounts_get_200.json");
    round_trip::<Vec<Account>>("schema_built_accounts_list_200.json");
    round_trip::<Vec<Transaction>>("schema_built_transactions_list_page1_200.json");
    round_trip::<Vec<Transaction>>("schema_built_transactions_list_page2_200.json");
    round_trip::<Transaction>("schema_built_transactions_get_200.json");
    round_trip::<WidgetSession>("schema_built_widget_session_200.json");
    round_trip::<ConnectionEvent>("schema_built_webhook_connection_updated.json");
    round_trip::<Vec<QueueEvent>>("schema_built_inferred_queue_events_200.json");
    round_trip::<Vec<Provider>>("schema_built_inferred_providers_list_200.json");
    round_trip::<Vec<Category>>("schema_built_inferred_categories_list_200.json");
}

#[test]
fn amounts_are_re_encoded_digit_for_digit() {
    let text = fixture("schema_built_accounts_list_200.json");
    let accounts: Vec<Account> = serde_json::from_str(&text).unwrap();
    let encoded = serde_json::to_string(&accounts).unwrap();
    assert!(encoded.contains(r#""balance":12005.50"#), "{encoded}");
    let text = fixture("schema_built_transactions_list_page1_200.json");
    let page: Vec<Transaction> = serde_json::from_str(&text).unwrap();
    let encoded = serde_json::to_string(&page).unwrap();
    assert!(encoded.contains(r#""amount":-42.90"#), "{encoded}");
}
