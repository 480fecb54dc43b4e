//! GetNightlyRefreshStatus.

use flinks_client::FlinksCode;
use wiremock::Mock;
use wiremock::matchers::{header, method, path};

use crate::common::{SECRET, api_path, client, fixture, json, server};

#[tokio::test]
async fn nightly_status_sends_the_secret_as_bearer_and_keeps_the_body_code() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path("BankingServices/GetNightlyRefreshStatus")))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .respond_with(json(
            200,
            fixture("seed_get_nightly_refresh_status_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let status = client(&server)
        .connect()
        .nightly_refresh_status()
        .await
        .unwrap();
    assert_eq!(status.http_status_code, Some(200));
    assert_eq!(status.flinks_code, Some(FlinksCode::InvalidRequest));
    assert_eq!(
        status.message.as_deref(),
        Some("The login 'bb8b8569-3bfc-43c1-ae31-08d6de7f1675' is invalid.")
    );
    let card = &status.ineligible_cards[0];
    assert_eq!(
        card.login_id.to_string(),
        "d12c531b-9622-4477-38c5-08d779b6f27e"
    );
    assert_eq!(
        card.last_refresh_state.as_deref(),
        Some("AnsweringSecurityChallenge")
    );
    assert_eq!(card.last_refresh_error_code, None);
    let date = card.last_refresh_date.unwrap();
    assert_eq!(date.to_string(), "2020-06-18T03:26:34.685436400");
    assert_eq!(date.offset(), None);

    let sent = &server.received_requests().await.unwrap()[0];
    assert!(sent.headers.get("x-api-key").is_none());
    assert!(sent.headers.get("flinks-auth-key").is_none());
}
