//! `GET /connections` and `GET /connections/{id}`, channels included.

use linxo_client::{
    AccountType, ChannelMode, ChannelStatus, Connection, ConnectionId, ConnectionStatus,
};
use wiremock::matchers::{bearer_token, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::*;

fn assert_sample(c: &Connection) {
    assert_eq!(c.id.as_str(), "7730021");
    assert_eq!(c.provider_id.as_ref().unwrap().as_str(), "1022");
    assert_eq!(c.name.as_deref(), Some("Banque Exemple - Lyon"));
    assert_eq!(c.status, Some(ConnectionStatus::Success));
    assert_eq!(c.creation_date, Some(at(1_700_000_230)));
    assert_eq!(c.auto_sync, Some(true));
    assert_eq!(
        c.logo_url.as_deref(),
        Some("https://static.oxlin.io/common/pictures/providers_logos/1022.png")
    );
    assert_eq!(
        c.owner.as_ref().unwrap().name.as_deref(),
        Some("JEAN MARTIN")
    );
    assert_eq!(c.consent_per_account, Some(false));
    assert_eq!(c.user_id.as_ref().unwrap().as_str(), "5120034");
    assert!(c.constraints.is_none());

    let channels = c.channels.as_ref().unwrap();
    assert_eq!(channels.len(), 2);
    let redirect = &channels[0];
    assert_eq!(
        redirect.channel_definition_id.as_ref().unwrap().as_str(),
        "102201"
    );
    assert_eq!(redirect.mode, Some(ChannelMode::Redirect));
    assert_eq!(redirect.expires, Some(at(1_707_776_230)));
    assert_eq!(redirect.status, Some(ChannelStatus::Success));
    assert_eq!(redirect.last_success_date, Some(at(1_700_086_400)));
    assert_eq!(redirect.last_end_date, Some(at(1_700_086_400)));
    assert_eq!(redirect.credentials.as_ref().unwrap().len(), 0);
    assert_eq!(
        redirect.account_types.as_deref(),
        Some(&[AccountType::Checkings, AccountType::CreditCard][..])
    );
    assert_eq!(redirect.eligible_accounts, None);
    assert_eq!(redirect.channel_definition_unavailable, Some(false));
    let embedded = &channels[1];
    assert_eq!(embedded.mode, Some(ChannelMode::Embedded));
    assert_eq!(embedded.status, Some(ChannelStatus::Empty));
    assert_eq!(embedded.expires, None);
    assert!(embedded.credentials.is_none());
    assert_eq!(embedded.account_types.as_ref().unwrap().len(), 4);
    assert_eq!(embedded.eligible_accounts, Some(false));
}

#[tokio::test]
async fn list_decodes_the_bare_array() {
    let server = server().await;
    mount_tokens(&server, Some(0), Some(1)).await;
    Mock::given(method("GET"))
        .and(path("/connections"))
        .and(bearer_token(USER_TOKEN))
        .and(query_is(""))
        .respond_with(ok_fixture("schema_built_connections_list_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let connections = user_client(&server).connections().list().await.unwrap();
    assert_eq!(connections.len(), 1);
    assert_sample(&connections[0]);
}

#[tokio::test]
async fn get_decodes_channels_and_keeps_unknown_statuses() {
    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("GET"))
        .and(path("/connections/7730021"))
        .and(bearer_token(USER_TOKEN))
        .respond_with(ok_fixture("schema_built_connections_get_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let body = fixture("schema_built_connections_get_200.json")
        .replace(r#""status" : "SUCCESS","#, r#""status" : "WAITING_USER","#)
        .replace(r#""mode" : "EMBEDDED""#, r#""mode" : "DECOUPLED""#)
        .replace(
            r#""credentials" : [ ]"#,
            r#""credentials" : [ {"type":"LOGIN","value":1e2} ]"#,
        )
        .replace(r#""user_id""#, r#""constraints" : {"max":1.10}, "user_id""#);
    Mock::given(method("GET"))
        .and(path("/connections/7730022"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = user_client(&server);
    let connection = client
        .connections()
        .get(&ConnectionId::from("7730021"))
        .await
        .unwrap();
    assert_sample(&connection);

    let other = client
        .connections()
        .get(&ConnectionId::from("7730022"))
        .await
        .unwrap();
    assert_eq!(
        other.status,
        Some(ConnectionStatus::Unknown("WAITING_USER".into()))
    );
    let channels = other.channels.unwrap();
    assert_eq!(channels[1].mode.as_ref().unwrap().as_str(), "DECOUPLED");
    // Unpublished shapes are kept verbatim, numbers included.
    assert_eq!(
        channels[0].credentials.as_ref().unwrap()[0].get(),
        r#"{"type":"LOGIN","value":1e2}"#
    );
    assert_eq!(other.constraints.unwrap().get(), r#"{"max":1.10}"#);
}

#[tokio::test]
async fn create_posts_provider_channel_and_credentials_and_reads_the_location() {
    use linxo_client::{ChannelDefinitionId, Credential, NewConnection, ProviderId};
    use secrecy::SecretString;
    use wiremock::matchers::body_json;

    let server = server().await;
    mount_tokens(&server, None, Some(1)).await;
    Mock::given(method("POST"))
        .and(path("/connections"))
        .and(bearer_token(USER_TOKEN))
        .and(body_json(fixture_json(
            "schema_built_inferred_connections_create_request.json",
        )))
        .respond_with(ResponseTemplate::new(201).insert_header("location", "/connections/7730099"))
        .expect(1)
        .mount(&server)
        .await;
    let connection = NewConnection::new(ProviderId::from("1022"))
        .channel(ChannelDefinitionId::from("102202"))
        .credential(Credential::new("login", SecretString::from("jmartin-1022")))
        .credential(Credential::new(
            "password",
            SecretString::from("bank-Secret-88"),
        ))
        .auto_sync(true);
    assert!(!format!("{connection:?}").contains("bank-Secret-88"));
    let id = user_client(&server)
        .connections()
        .create(&connection)
        .await
        .unwrap();
    assert_eq!(id, ConnectionId::from("7730099"));
}

#[tokio::test]
async fn create_reads_an_id_body_and_is_not_resent() {
    use linxo_client::{NewConnection, ProviderId};

    let server = server().await;
    mount_tokens(&server, None, None).await;
    Mock::given(method("POST"))
        .and(path("/connections"))
        .respond_with(
            ResponseTemplate::new(201).set_body_raw(r#"{"id":"7730100"}"#, "application/json"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/connections"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    // Retries on: a 503 is still not resent, the create may have landed.
    let client = builder(&server)
        .user(USER_EMAIL, secrecy::SecretString::from(USER_PASSWORD))
        .retry_policy(banking_core::retry::RetryPolicy::default())
        .build()
        .unwrap();
    let redirect_only = NewConnection::new(ProviderId::from("1022"));
    let id = client.connections().create(&redirect_only).await.unwrap();
    assert_eq!(id.as_str(), "7730100");
    let err = client
        .connections()
        .create(&redirect_only)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    let posts = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path() == "/connections")
        .count();
    assert_eq!(posts, 2, "one per call: a create is never resent");
}
