//! On-demand sync (paths inferred).

use linxo_client::{ConnectionId, SyncType};
use wiremock::matchers::{bearer_token, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

#[tokio::test]
async fn all_posts_and_reads_the_connection_links() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("POST"))
        .and(path("/connections/synchronize"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is(""))
        .respond_with(ok_fixture("schema_built_inferred_sync_all_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let started = user_client(&server).sync().all().await.unwrap();
    assert_eq!(
        started.links(),
        ["/connections/7730021", "/connections/7730045"]
    );
    assert_eq!(
        started.connection_ids(),
        [ConnectionId::from("7730021"), ConnectionId::from("7730045")]
    );
}

#[tokio::test]
async fn all_reads_links_in_other_shapes_and_empty_bodies() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/connections/synchronize"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"_links":{"self":"/users/me","items":[{"href":"https://api.example/v2.1/connections/42?x=1"}]}}"#,
            "application/json",
        ))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/connections/synchronize"))
        .respond_with(ResponseTemplate::new(202))
        .mount(&server)
        .await;
    let client = user_client(&server);
    let started = client.sync().all().await.unwrap();
    assert_eq!(started.connection_ids(), [ConnectionId::from("42")]);
    let empty = client.sync().all().await.unwrap();
    assert!(empty.body.is_null() && empty.links().is_empty());
}

#[tokio::test]
async fn connection_posts_the_type_and_accepts_204() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("POST"))
        .and(path("/connections/7730021/synchronize"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is("type=LIST_ACCOUNTS"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    user_client(&server)
        .sync()
        .connection(&ConnectionId::from("7730021"), SyncType::ListAccounts)
        .await
        .unwrap();
}
