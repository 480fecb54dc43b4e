//! Bad input fails with a validation error before anything is sent.

use banking_core::money::Decimal;
use futures::StreamExt;
use linxo_client::{
    AccountsQuery, NewUser, ProvidersQuery, TransactionStatus, TransactionsQuery, UserId,
    WidgetFlow, WidgetParams,
};
use secrecy::SecretString;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::*;

/// A server that must receive nothing at all, token requests included.
async fn silent_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    server
}

fn assert_invalid(result: banking_core::Result<impl std::fmt::Debug>, field: &str) {
    match result {
        Err(banking_core::Error::Validation(v)) => assert_eq!(v.field, field, "{v}"),
        other => panic!("expected a validation error on {field}, got {other:?}"),
    }
}

#[tokio::test]
async fn new_users_need_an_email_and_a_password() {
    let server = silent_server().await;
    let users = client(&server);
    let users = users.users();
    let create = |email: &str, password: &str| {
        NewUser::new(email.to_owned(), SecretString::from(password.to_owned()))
    };
    assert_invalid(
        users.create(&create("not-an-email", "Abc12345")).await,
        "email",
    );
    assert_invalid(
        users.create(&create("a b@example.com", "Abc12345")).await,
        "email",
    );
    assert_invalid(
        users.create(&create("a@localhost", "Abc12345")).await,
        "email",
    );
    assert_invalid(users.create(&create(USER_EMAIL, "")).await, "password");
}

#[tokio::test]
async fn a_password_below_the_recommendation_still_reaches_linxo() {
    // The seed recommends 6 characters with a letter and a digit; it does
    // not require them, so the server decides.
    let server = server().await;
    mount_tokens(&server, Some(1), None).await;
    Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path("/users"))
        .respond_with(ResponseTemplate::new(201).insert_header("location", "/users/9"))
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server);
    for weak in ["Ab1", "abcdefgh", "12345678"] {
        let user = NewUser::new(USER_EMAIL, SecretString::from(weak));
        assert!(!user.meets_password_recommendation());
        assert_eq!(client.users().create(&user).await.unwrap().as_str(), "9");
    }
    let strong = NewUser::new(USER_EMAIL, SecretString::from("Abc123"));
    assert!(strong.meets_password_recommendation());
}

#[tokio::test]
async fn paging_and_filters_are_checked() {
    let server = silent_server().await;
    let client = user_client(&server);
    let accounts = client.accounts();
    assert_invalid(accounts.list(&AccountsQuery::new().page(0)).await, "page");
    assert_invalid(accounts.list(&AccountsQuery::new().limit(0)).await, "limit");
    assert_invalid(accounts.list(&AccountsQuery::new().q("  ")).await, "q");

    let transactions = client.transactions();
    assert_invalid(
        transactions
            .list(&TransactionsQuery::new().limit(501))
            .await,
        "limit",
    );
    assert_invalid(
        transactions
            .list(
                &TransactionsQuery::new()
                    .min_amount(Decimal::new(10, 0))
                    .max_amount(Decimal::new(-10, 0)),
            )
            .await,
        "min_amount",
    );
    assert_invalid(
        transactions
            .list(
                &TransactionsQuery::new()
                    .start_date(at(1_700_000_000))
                    .end_date(at(1_600_000_000)),
            )
            .await,
        "start_date",
    );
    assert_invalid(
        transactions
            .list(
                &TransactionsQuery::new()
                    .included_statuses([TransactionStatus::Booked])
                    .excluded_statuses([TransactionStatus::Booked]),
            )
            .await,
        "excluded_statuses",
    );
    assert_invalid(
        client
            .providers()
            .list(&ProvidersQuery::new().page(0))
            .await,
        "page",
    );

    // A stream yields the error as its only item.
    let items: Vec<_> = transactions
        .stream(TransactionsQuery::new().limit(1000))
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert_invalid(items.into_iter().next().unwrap(), "limit");
}

#[tokio::test]
async fn path_ids_cannot_be_empty_or_dot_segments() {
    let server = silent_server().await;
    let client = user_client(&server);
    assert_invalid(client.users().get(&UserId::from("")).await, "user_id");
    assert_invalid(client.users().delete(&UserId::from("..")).await, "user_id");
}

#[tokio::test]
async fn widget_parameters_are_checked() {
    let server = silent_server().await;
    let client = user_client(&server);
    let session: linxo_client::WidgetSession =
        serde_json::from_str(r#"{"session_id":"s1"}"#).unwrap();
    let sessions = client.widget_sessions();
    let url = |params: WidgetParams| sessions.url(&session, WidgetFlow::AddConnection, &params);
    assert_invalid(url(WidgetParams::new().locale("french!")), "locale");
    assert_invalid(url(WidgetParams::new().font_color("\n")), "font_color");
    assert_invalid(
        url(WidgetParams::new().param("session_id", "other")),
        "param",
    );
    assert!(url(WidgetParams::new().locale("fr-FR")).is_ok());
}
