//! The webhook portal URL.

use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{bearer, client, reply, server};

#[tokio::test]
async fn url_decodes_an_object_or_a_bare_string() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/partner/webhooks"))
        .and(bearer())
        .respond_with(reply(200, "inferred_webhooks_portal_200.json"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/partner/webhooks"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#""https://app.svix.com/login#key=k""#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let portal = client.webhook_portal();
    let object = portal.url().await.unwrap();
    assert_eq!(
        object.url.as_str(),
        "https://app.svix.com/login#key=eyJhcHBJZCI6ImFwcF8xIn0"
    );
    let bare = portal.url().await.unwrap();
    assert_eq!(bare.url.as_str(), "https://app.svix.com/login#key=k");
}
