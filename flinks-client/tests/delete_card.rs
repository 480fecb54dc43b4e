//! DeleteCard.

use flinks_client::{FlinksCode, FlinksErrorExt};
use wiremock::Mock;
use wiremock::matchers::{header, method, path};

use crate::common::{API_KEY, api_path, client, fixture, json, server};

const LOGIN: &str = "eceae0c0-1ed3-468f-ae30-08d6decf1675";

#[tokio::test]
async fn delete_sends_the_login_in_the_path_and_reads_status_code() {
    let server = server().await;
    Mock::given(method("DELETE"))
        .and(path(api_path(&format!(
            "BankingServices/DeleteCard/{LOGIN}"
        ))))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(200, fixture("research_delete_card_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let deleted = client(&server)
        .connect()
        .delete_card(LOGIN.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(deleted.status_code, Some(200));
    assert_eq!(
        deleted.message.as_deref(),
        Some(
            "All of the information about LoginId eceae0c0-1ed3-468f-ae30-08d6decf1675 has been removed"
        )
    );
}

#[tokio::test]
async fn a_card_still_in_use_is_card_in_use() {
    let server = server().await;
    Mock::given(method("DELETE"))
        .and(path(api_path(&format!("BankingServices/DeleteCard/{LOGIN}"))))
        .respond_with(json(
            400,
            r#"{"HttpStatusCode":400,"Message":"The card is being processed","FlinksCode":"CARD_IN_USE"}"#,
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .connect()
        .delete_card(LOGIN.parse().unwrap())
        .await
        .unwrap_err();
    let code = err.flinks_code().unwrap();
    assert_eq!(code, FlinksCode::CardInUse);
    assert!(code.is_transient());
}
