//! Outbound partner management: providers, registrations, recipients.

use chrono::{TimeZone, Utc};
use flinks_client::outbound::{
    CreateRecipient, ProviderId, RecipientId, RegistrationStatus, Scope,
};
use secrecy::ExposeSecret;
use wiremock::matchers::{body_json, method};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{fixture_json, fixture_response};
use crate::outbound_common::{ADMIN_TOKEN, bearer, client, on, server};

#[tokio::test]
async fn providers_decode_the_supported_providers_sample() {
    let server = server().await;
    on("GET", "/api/v1/providers")
        .and(bearer(ADMIN_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_seed_providers_supported_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let providers = client(&server).providers().list().await.unwrap();
    assert_eq!(providers.len(), 1);
    let provider = &providers[0];
    assert_eq!(provider.provider_id, ProviderId(1000));
    assert_eq!(provider.name.as_deref(), Some("Flinks Capital"));
    assert_eq!(provider.country.as_deref(), Some("CA"));
    assert_eq!(
        provider.scopes,
        [
            Scope::AccountBasic,
            Scope::AccountDetailed,
            Scope::AccountPayments,
            Scope::Investments,
            Scope::Transactions,
            Scope::Statements,
            Scope::CustomerContact,
            Scope::CustomerPersonal,
        ]
    );
}

#[tokio::test]
async fn providers_accept_the_active_providers_id_spelling() {
    let server = server().await;
    on("GET", "/api/v1/providers")
        .respond_with(fixture_response(
            200,
            "outbound_seed_providers_active_example_200.json",
        ))
        .mount(&server)
        .await;
    let providers = client(&server).providers().list().await.unwrap();
    assert_eq!(providers[0].provider_id, ProviderId(1000));
    assert_eq!(providers[0].name.as_deref(), Some("FlinksCapital"));
    assert!(providers[0].scopes.is_empty());
}

#[tokio::test]
async fn providers_401_keeps_the_message() {
    let server = server().await;
    on("GET", "/api/v1/providers")
        .respond_with(fixture_response(401, "outbound_seed_providers_401.json"))
        .mount(&server)
        .await;
    let error = client(&server).providers().list().await.unwrap_err();
    assert!(error.is_unauthorized());
    assert_eq!(
        error.api_error().and_then(|e| e.message.as_deref()),
        Some("Invalid Bearer Token")
    );
}

#[tokio::test]
async fn providers_400_and_500_keep_their_messages() {
    for (status, name, message, calls) in [
        // A 400 may be an expired token: sent again once with a fresh one.
        (
            400,
            "outbound_seed_providers_400.json",
            "Invalid request parameters",
            2,
        ),
        (
            500,
            "outbound_seed_providers_500.json",
            "Internal Server Error",
            1,
        ),
    ] {
        let server = server().await;
        on("GET", "/api/v1/providers")
            .respond_with(fixture_response(status, name))
            .expect(calls)
            .mount(&server)
            .await;
        let error = client(&server).providers().list().await.unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert_eq!(
            error.api_error().and_then(|e| e.message.as_deref()),
            Some(message)
        );
    }
}

#[tokio::test]
async fn registrations_decode_the_seed_sample() {
    let server = server().await;
    on("GET", "/api/v1/recipients/providers/requests")
        .and(bearer(ADMIN_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_seed_registrations_all_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let registrations = client(&server).registrations().list().await.unwrap();
    assert_eq!(registrations.len(), 2);
    let first = &registrations[0];
    assert_eq!(
        first.client_id,
        Some(RecipientId::new("dc-xxxxxxxxxxxxxxxxxxxxxxxxx"))
    );
    assert_eq!(first.client_name.as_deref(), Some("Flinks Fake"));
    assert_eq!(first.provider_id, Some(ProviderId(2000)));
    assert_eq!(first.provider_name.as_deref(), Some("NBC"));
    assert_eq!(first.country.as_deref(), Some("CA"));
    assert_eq!(
        first.registration_status,
        Some(RegistrationStatus::PendingApproval)
    );
    let expected = Utc.with_ymd_and_hms(2024, 2, 29, 14, 24, 42).unwrap()
        + chrono::Duration::nanoseconds(605_568_000);
    assert_eq!(first.requested_on, Some(expected));
    assert_eq!(registrations[1].provider_id, Some(ProviderId(1000)));
}

#[tokio::test]
async fn unknown_registration_status_is_kept() {
    let server = server().await;
    on("GET", "/api/v1/recipients/providers/requests")
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([
            {"provider_id": 1, "registration_status": "SUSPENDED", "unknown_field": true}
        ])))
        .mount(&server)
        .await;
    let registrations = client(&server).registrations().list().await.unwrap();
    assert_eq!(
        registrations[0].registration_status,
        Some(RegistrationStatus::Unknown("SUSPENDED".into()))
    );
}

#[tokio::test]
async fn registration_request_puts_id_lists_in_the_path() {
    let server = server().await;
    on(
        "POST",
        "/api/v1/recipients/providers/requests/dc-a%2Cdc-b/1000%2C2000",
    )
    .and(bearer(ADMIN_TOKEN))
    .respond_with(ResponseTemplate::new(200))
    .expect(1)
    .mount(&server)
    .await;
    client(&server)
        .registrations()
        .request(
            &[RecipientId::new("dc-a"), RecipientId::new("dc-b")],
            &[ProviderId(1000), ProviderId(2000)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn registration_request_validates_before_sending() {
    let server = server().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client
        .registrations()
        .request(&[], &[ProviderId(1)])
        .await
        .unwrap_err();
    assert!(error.is_validation());
    let error = client
        .registrations()
        .request(&[RecipientId::new("a,b")], &[ProviderId(1)])
        .await
        .unwrap_err();
    assert!(error.is_validation());
    let error = client
        .registrations()
        .request(&[RecipientId::new("a")], &[])
        .await
        .unwrap_err();
    assert!(error.is_validation());
}

#[tokio::test]
async fn recipient_create_sends_the_body_and_keeps_the_secret_secret() {
    let server = server().await;
    let mut response = fixture_json("outbound_schema_built_recipient_200.json");
    response["client_secret"] = "created-secret".into();
    on("POST", "/api/v1/recipients")
        .and(bearer(ADMIN_TOKEN))
        .and(body_json(serde_json::json!({
            "name": "Example Lender",
            "redirect_uris": ["https://example.com/callback"],
            "terms_uri": "https://example.com/terms",
            "country": "CA",
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(response))
        .expect(1)
        .mount(&server)
        .await;
    let request = CreateRecipient::new(
        "Example Lender",
        ["https://example.com/callback".parse().unwrap()],
    )
    .terms_uri("https://example.com/terms".parse().unwrap())
    .country("CA");
    let recipient = client(&server).recipients().create(&request).await.unwrap();
    assert_eq!(
        recipient.client_id,
        Some(RecipientId::new("dc-7tf8aijpjqofl3uxppi136ldc"))
    );
    assert_eq!(
        recipient
            .client_secret
            .as_ref()
            .map(ExposeSecret::expose_secret),
        Some("created-secret")
    );
    assert!(!format!("{recipient:?}").contains("created-secret"));
}

#[tokio::test]
async fn recipient_create_validates_before_sending() {
    let server = server().await;
    on("POST", "/api/v1/recipients")
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let no_uri = CreateRecipient::new("Name", []);
    assert!(
        client
            .recipients()
            .create(&no_uri)
            .await
            .unwrap_err()
            .is_validation()
    );
    let fragment = CreateRecipient::new("Name", ["https://example.com/cb#frag".parse().unwrap()]);
    assert!(
        client
            .recipients()
            .create(&fragment)
            .await
            .unwrap_err()
            .is_validation()
    );
    let country =
        CreateRecipient::new("Name", ["https://example.com/cb".parse().unwrap()]).country("Canada");
    assert!(
        client
            .recipients()
            .create(&country)
            .await
            .unwrap_err()
            .is_validation()
    );
}

#[tokio::test]
async fn recipient_get_decodes_the_recipient_object() {
    let server = server().await;
    on("GET", "/api/v1/recipients/dc-7tf8aijpjqofl3uxppi136ldc")
        .and(bearer(ADMIN_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_recipient_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let recipient = client(&server)
        .recipients()
        .get(&RecipientId::new("dc-7tf8aijpjqofl3uxppi136ldc"))
        .await
        .unwrap();
    assert_eq!(
        recipient.scope.as_deref(),
        Some("ACCOUNT_BASIC TRANSACTIONS")
    );
    assert_eq!(recipient.redirect_uris, ["https://example.com/callback"]);
    assert_eq!(recipient.name.as_deref(), Some("Example Lender"));
    assert_eq!(
        recipient.logo_uri.as_deref(),
        Some("https://example.com/logo.png")
    );
    assert_eq!(recipient.client_uri.as_deref(), Some("https://example.com"));
    assert_eq!(recipient.contacts[0]["email"], "ops@example.com");
    assert!(recipient.client_secret.is_none());
}

#[tokio::test]
async fn recipient_id_cannot_escape_its_path_segment() {
    let server = server().await;
    on("GET", "/api/v1/recipients/..%2Fadmin")
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_recipient_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .recipients()
        .get(&RecipientId::new("../admin"))
        .await
        .unwrap();
}

#[tokio::test]
async fn recipient_update_replaces_redirect_uris() {
    let server = server().await;
    on("PUT", "/api/v1/recipients/dc-1")
        .and(body_json(serde_json::json!({
            "redirect_uris": ["https://example.com/callback", "https://example.com/other"]
        })))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_recipient_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let recipient = client(&server)
        .recipients()
        .update_redirect_uris(
            &RecipientId::new("dc-1"),
            &[
                "https://example.com/callback".parse().unwrap(),
                "https://example.com/other".parse().unwrap(),
            ],
        )
        .await
        .unwrap();
    assert_eq!(recipient.country.as_deref(), Some("CA"));
}

#[tokio::test]
async fn recipient_secret_regeneration_is_sent_once() {
    let server = server().await;
    on(
        "POST",
        "/api/v1/recipients/dc-7tf8aijpjqofl3uxppi136ldc/secret",
    )
    .and(bearer(ADMIN_TOKEN))
    .respond_with(fixture_response(
        200,
        "outbound_schema_built_recipient_secret_200.json",
    ))
    .expect(1)
    .mount(&server)
    .await;
    let secret = client(&server)
        .recipients()
        .regenerate_secret(&RecipientId::new("dc-7tf8aijpjqofl3uxppi136ldc"))
        .await
        .unwrap();
    assert_eq!(
        secret.client_secret.expose_secret(),
        "s3cr3t-regenerated-value"
    );
    assert!(!format!("{secret:?}").contains("s3cr3t-regenerated-value"));
}
