//! Providers (paths inferred).

use linxo_client::{ProviderId, ProvidersQuery};
use wiremock::Mock;
use wiremock::matchers::{bearer_token, method, path};

use crate::support::*;

#[tokio::test]
async fn list_sends_paging_and_decodes() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/providers"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is("page=1&limit=20"))
        .respond_with(ok_fixture("schema_built_inferred_providers_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let providers = user_client(&server)
        .providers()
        .list(&ProvidersQuery::new().page(1).limit(20))
        .await
        .unwrap();
    assert_eq!(providers.len(), 1);
    assert_eq!(providers[0].id.as_str(), "1022");
    assert_eq!(providers[0].name.as_deref(), Some("Banque Exemple"));
    assert_eq!(
        providers[0].logo_url.as_deref(),
        Some("https://static.oxlin.io/common/pictures/providers_logos/1022.png")
    );
    assert!(providers[0].other.is_empty());
}

#[tokio::test]
async fn get_decodes_and_keeps_unmodelled_fields() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/providers/1022"))
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "id": 1022, "name": "Banque Exemple", "country": "FR",
                "channel_definitions": [{"id": "102201", "mode": "REDIRECT"}]
            })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let provider = user_client(&server)
        .providers()
        .get(&ProviderId::from("1022"))
        .await
        .unwrap();
    assert_eq!(provider.id.as_str(), "1022");
    assert_eq!(provider.other["country"], "FR");
    assert_eq!(provider.other["channel_definitions"][0]["mode"], "REDIRECT");
}
