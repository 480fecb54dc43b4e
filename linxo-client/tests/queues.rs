//! Event queues (paths and event schema inferred).

use linxo_client::{EventName, QueueId};
use wiremock::matchers::{bearer_token, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

#[tokio::test]
async fn subscribe_reads_the_queue_id_from_the_location() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("POST"))
        .and(path("/queues"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(ResponseTemplate::new(201).insert_header("location", "/queues/q-81"))
        .expect(1)
        .mount(&server)
        .await;
    let id = user_client(&server).queues().subscribe().await.unwrap();
    assert_eq!(id, QueueId::from("q-81"));
}

#[tokio::test]
async fn subscribe_reads_the_queue_id_from_the_body() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/queues"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"queue_id": 991})),
        )
        .mount(&server)
        .await;
    let id = user_client(&server).queues().subscribe().await.unwrap();
    assert_eq!(id.as_str(), "991");
}

#[tokio::test]
async fn poll_decodes_the_events() {
    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/queues/q-81/events"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(ok_fixture("schema_built_inferred_queue_events_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let events = user_client(&server)
        .queues()
        .poll(&QueueId::from("q-81"))
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.id.as_deref(), Some("1"));
    assert_eq!(event.name, Some(EventName::AuthFailed));
    assert_eq!(event.date, Some(at(1_700_086_405)));
    assert_eq!(
        event.channel_definition_id.as_ref().unwrap().as_str(),
        "102200"
    );
    assert_eq!(event.other["resource"], "/connections/7730021");
    assert_eq!(event.other.len(), 1);
}

#[test]
fn unknown_event_names_and_fields_are_kept() {
    let events: Vec<linxo_client::QueueEvent> = serde_json::from_str(
        r#"[{"name":"TOKEN_EXPIRED","date":1700000000,"status":"WARN","connection_id":"7"}]"#,
    )
    .unwrap();
    assert_eq!(
        events[0].name,
        Some(EventName::Unknown("TOKEN_EXPIRED".into()))
    );
    assert_eq!(events[0].other["status"], "WARN");
    assert_eq!(events[0].other["connection_id"], "7");
}
