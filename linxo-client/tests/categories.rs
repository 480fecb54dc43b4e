//! Categories (paths inferred).

use linxo_client::CategoryId;
use wiremock::Mock;
use wiremock::matchers::{bearer_token, method, path};

use crate::support::*;

#[tokio::test]
async fn list_decodes_the_categories() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/categories"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is(""))
        .respond_with(ok_fixture("schema_built_inferred_categories_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let categories = user_client(&server).categories().list().await.unwrap();
    let ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["SERVICES", "UNCATEGORIZED"]);
    assert_eq!(categories[0].name.as_deref(), Some("Services"));
    assert_eq!(categories[1].parent_id, None);
}

#[tokio::test]
async fn get_decodes_one_category() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/categories/SERVICES"))
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "id": "SERVICES", "name": "Services", "parent_id": "HOUSEHOLD", "icon": "plug"
            })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let category = user_client(&server)
        .categories()
        .get(&CategoryId::from("SERVICES"))
        .await
        .unwrap();
    assert_eq!(category.parent_id, Some(CategoryId::from("HOUSEHOLD")));
    assert_eq!(category.other["icon"], "plug");
}
