//! SetScheduledRefresh.

use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{API_KEY, api_path, client, fixture, json, server};

#[tokio::test]
async fn patch_sends_is_activated_and_login_id_and_returns_the_message() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(api_path("BankingServices/SetScheduledRefresh")))
        .and(header("x-api-key", API_KEY))
        .and(body_json(serde_json::json!({
            "isActivated": true,
            "loginId": "bb8b8569-3bfc-43c1-ae31-08d6decf1675"
        })))
        .respond_with(json(
            200,
            fixture("research_set_scheduled_refresh_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let message = client(&server)
        .connect()
        .set_scheduled_refresh(
            "bb8b8569-3bfc-43c1-ae31-08d6decf1675".parse().unwrap(),
            true,
        )
        .await
        .unwrap();
    assert_eq!(
        message,
        "LoginId bb8b8569-3bfc-43c1-ae31-08d6decf1675 has now been activated for automatic refresh"
    );
}
