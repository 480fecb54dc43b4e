//! Outbound OAuth: token requests, consent URL, callback parsing, code
//! exchange and refresh, secret hygiene.

use flinks_client::outbound::{
    ConsentCallback, ConsentRequest, FdxConnection, OAuthErrorCode, OutboundClient,
    OutboundErrorExt, ProviderId, Scope, TokenEncoding,
};
use secrecy::{ExposeSecret, SecretString};
use url::Url;
use wiremock::matchers::{body_json, body_string, header};
use wiremock::{MockBuilder, MockServer, ResponseTemplate};

use crate::common::{fixture_json, fixture_response};
use crate::outbound_common::{
    ADMIN_TOKEN, CLIENT_ID, CLIENT_SECRET, bearer, client, on, refresh_grant, server,
};

#[test]
fn seed_token_request_sample_has_the_fields_the_client_sends() {
    let sample = fixture_json("outbound_seed_token_client_credentials_request.json");
    let keys: Vec<&str> = sample
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["client_id", "client_secret", "grant_type", "scope"]);
    assert_eq!(sample["grant_type"], "client_credentials");
    assert_eq!(sample["scope"], "client:admin");
}

#[tokio::test]
async fn client_credentials_token_is_fetched_once_and_sent_as_bearer() {
    let server = server().await;
    on("GET", "/api/v1/providers")
        .and(bearer(ADMIN_TOKEN))
        .respond_with(fixture_response(
            200,
            "outbound_seed_providers_supported_200.json",
        ))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    client.providers().list().await.unwrap();
    client.providers().list().await.unwrap();
    let token_calls = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/api/v1/token")
        .count();
    assert_eq!(token_calls, 1);
}

#[tokio::test]
async fn form_encoding_sends_rfc6749_body() {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    on("POST", "/api/v1/token")
        .and(header("content-type", "application/x-www-form-urlencoded"))
        // banking-core's grants put the grant's fields first and the client
        // authentication last, as in RFC 6749's examples.
        .and(body_string(format!(
            "grant_type=client_credentials&scope=client%3Aadmin&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
        )))
        .respond_with(fixture_response(200, "outbound_seed_token_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/v1/providers")
        .and(header("authorization", "Bearer {access_token}"))
        .respond_with(fixture_response(
            200,
            "outbound_seed_providers_active_example_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = OutboundClient::builder()
        .environment(banking_core::transport::Environment::Custom(
            server.uri().parse().unwrap(),
        ))
        .credentials(CLIENT_ID, SecretString::from(CLIENT_SECRET))
        .token_encoding(TokenEncoding::Form)
        .build()
        .unwrap();
    let providers = client.providers().list().await.unwrap();
    assert_eq!(providers[0].provider_id, ProviderId(1000));
}

#[tokio::test]
async fn token_endpoint_error_is_a_typed_oauth_error() {
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    on("POST", "/api/v1/token")
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "error_description": "Unknown client",
        })))
        .mount(&server)
        .await;
    let error = client(&server).providers().list().await.unwrap_err();
    let oauth = error.oauth_error().expect("typed OAuth error");
    assert_eq!(oauth.error, OAuthErrorCode::InvalidClient);
    assert_eq!(oauth.error_description.as_deref(), Some("Unknown client"));
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(CLIENT_SECRET), "secret leaked: {shown}");
}

#[test]
fn consent_url_matches_the_seed_example() {
    let server_url: Url = "https://api.flinks.io/".parse().unwrap();
    let client = OutboundClient::builder()
        .credentials("clientid", SecretString::from("s"))
        .build()
        .unwrap();
    let request = ConsentRequest::new(
        "clientid",
        "https://example.com/callback".parse().unwrap(),
        "state",
    )
    .scopes([
        Scope::AccountBasic,
        Scope::AccountDetailed,
        Scope::AccountPayments,
        Scope::Investments,
        Scope::Transactions,
        Scope::Statements,
        Scope::CustomerContact,
        Scope::CustomerPersonal,
    ])
    .provider_id(ProviderId(1000))
    .correlation_id("fce84d61-dfa8-4e2b-bd94-f1ec6a445841".parse().unwrap());
    let url = client.consent_url(&request).unwrap();
    // The seed's "Example Authorize URL", whitespace removed.
    let expected = "https://api.flinks.io/api/v1/authorize?response_type=code&client_id=clientid\
        &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback\
        &scope=ACCOUNT_BASIC%20ACCOUNT_DETAILED%20ACCOUNT_PAYMENTS%20INVESTMENTS%20TRANSACTIONS%20STATEMENTS%20CUSTOMER_CONTACT%20CUSTOMER_PERSONAL\
        &state=state&provider_id=1000&correlation_id=fce84d61-dfa8-4e2b-bd94-f1ec6a445841";
    assert_eq!(url.as_str(), expected);
    assert_eq!(url.origin(), server_url.origin());
}

#[test]
fn consent_url_rejects_missing_state_and_admin_scope() {
    let client = OutboundClient::builder()
        .credentials("clientid", SecretString::from("s"))
        .build()
        .unwrap();
    let callback: Url = "https://example.com/callback".parse().unwrap();
    let error = client
        .consent_url(&ConsentRequest::new("clientid", callback.clone(), " "))
        .unwrap_err();
    assert!(error.is_validation());
    assert!(error.to_string().contains("state"), "{error}");
    let error = client
        .consent_url(&ConsentRequest::new("clientid", callback, "s").scopes([Scope::ClientAdmin]))
        .unwrap_err();
    assert!(error.to_string().contains("client:admin"), "{error}");
}

/// The consent redirect `https://www.example.com/callback?<query>`, parsed
/// expecting `state`.
fn callback(query: &str, state: &str) -> banking_core::Result<ConsentCallback> {
    let url: Url = format!("https://www.example.com/callback?{query}")
        .parse()
        .unwrap();
    ConsentCallback::parse(&url, state)
}

#[test]
fn callback_with_code_and_matching_state_is_granted() {
    match callback("code=code&state=state", "state").unwrap() {
        ConsentCallback::Granted { code } => assert_eq!(code.expose_secret(), "code"),
        other => panic!("expected Granted, got {other:?}"),
    }
}

#[test]
fn callback_with_error_is_denied() {
    let query =
        "error=access_denied&error_description=The%20user%20denied%20the%20access&state=state";
    match callback(query, "state").unwrap() {
        ConsentCallback::Denied {
            error,
            error_description,
        } => {
            assert_eq!(error, OAuthErrorCode::AccessDenied);
            assert_eq!(
                error_description.as_deref(),
                Some("The user denied the access")
            );
        }
        other => panic!("expected Denied, got {other:?}"),
    }
}

#[test]
fn callback_with_wrong_or_missing_state_is_rejected() {
    // Forged state, missing state, neither code nor error.
    for query in ["code=code&state=other", "code=code", "state=state"] {
        let error = callback(query, "state").unwrap_err();
        assert!(error.is_validation(), "{query}: {error}");
    }
}

#[test]
fn granted_callback_debug_hides_the_code() {
    let granted = callback("code=very-secret-code&state=s", "s").unwrap();
    assert!(!format!("{granted:?}").contains("very-secret-code"));
}

/// The token endpoint asked for the `authorization_code` grant with code
/// `the-code` and the redirect URI `https://example.com/callback`.
fn code_grant() -> MockBuilder {
    on("POST", "/api/v1/token").and(body_json(serde_json::json!({
        "grant_type": "authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code": "the-code",
        "redirect_uri": "https://example.com/callback",
    })))
}

/// A connection from the code [`code_grant`] expects.
async fn connect_with_the_code(server: &MockServer) -> FdxConnection {
    client(server)
        .connect_with_code(
            &SecretString::from("the-code"),
            &"https://example.com/callback".parse().unwrap(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn code_exchange_uses_the_exchanged_token_then_refreshes() {
    let server = server().await;
    let redirect: Url = "https://example.com/callback".parse().unwrap();
    code_grant()
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_token_authorization_code_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/customers/current")
        .and(bearer("eyJhbGciOiJSUzI1NiJ9.user-access"))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_customers_current_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let connection = client
        .connect_with_code(&SecretString::from("the-code"), &redirect)
        .await
        .unwrap();
    assert_eq!(
        connection.refresh_token().map(ExposeSecret::expose_secret),
        Some("user-refresh-token-value")
    );
    let customer = connection.customers().current().await.unwrap();
    assert_eq!(customer.name.unwrap().first.as_deref(), Some("Jane"));
    assert!(!format!("{connection:?} {client:?}").contains("user-refresh-token-value"));
    assert!(!format!("{client:?}").contains(CLIENT_SECRET));
}

#[tokio::test]
async fn a_refused_exchanged_token_is_replaced_through_the_refresh_token() {
    let server = server().await;
    code_grant()
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_token_authorization_code_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    refresh_grant("user-refresh-token-value")
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "refreshed-access",
            "expires_in": 3600,
        })))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/customers/current")
        .and(bearer("eyJhbGciOiJSUzI1NiJ9.user-access"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/customers/current")
        .and(bearer("refreshed-access"))
        .respond_with(fixture_response(
            200,
            "outbound_schema_built_fdx_customers_current_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let connection = connect_with_the_code(&server).await;
    connection.customers().current().await.unwrap();
}

#[tokio::test]
async fn without_a_refresh_token_the_exchanged_token_is_kept_until_refused() {
    let server = server().await;
    code_grant()
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "only-access",
            "expires_in": 3600,
        })))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/customers/current")
        .and(bearer("only-access"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let connection = connect_with_the_code(&server).await;
    assert!(connection.refresh_token().is_none());
    let error = connection.customers().current().await.unwrap_err();
    assert!(error.is_unauthorized(), "{error}");
}

#[tokio::test]
async fn stored_refresh_token_resumes_the_connection() {
    let server = server().await;
    refresh_grant("stored-refresh")
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "refreshed-access",
            "token_type": "Bearer",
            "expires_in": 3600,
        })))
        .expect(1)
        .mount(&server)
        .await;
    on("DELETE", "/api/v1/revoke")
        .and(bearer("refreshed-access"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let connection =
        client(&server).connect_with_refresh_token(SecretString::from("stored-refresh"));
    connection.revoke().await.unwrap();
}

#[tokio::test]
async fn revoke_error_body_is_typed() {
    let server = server().await;
    refresh_grant("rt")
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "at",
            "expires_in": 3600,
        })))
        .mount(&server)
        .await;
    on("DELETE", "/api/v1/revoke")
        .respond_with(fixture_response(400, "outbound_research_revoke_400.json"))
        // Once more with a fresh token: Outbound answers an expired token
        // with 400 too.
        .expect(2)
        .mount(&server)
        .await;
    let error = client(&server)
        .connect_with_refresh_token(SecretString::from("rt"))
        .revoke()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.provider_code(), Some("invalid_request"));
    let oauth = error.oauth_error().unwrap();
    assert_eq!(oauth.error, OAuthErrorCode::InvalidRequest);
    assert_eq!(
        oauth.error_description.as_deref(),
        Some("The request is missing a required parameter.")
    );
}

#[test]
fn builder_requires_credentials() {
    let error = OutboundClient::builder().build().unwrap_err();
    assert!(
        matches!(error, banking_core::Error::Config(_)) && error.to_string().contains("client id"),
        "{error}"
    );
}

#[tokio::test]
async fn an_expired_partner_token_answered_400_is_refreshed_once() {
    // Seed, "Get Access Token": "If you pass an expired or invalid
    // access_token, you'll receive a 400 error response."
    let server = MockServer::start().await;
    banking_core::testkit::catch_all(&server).await;
    for token in ["expired-admin-token", ADMIN_TOKEN] {
        on("POST", "/api/v1/token")
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": token,
                "expires_in": 3600,
            })))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    on("GET", "/api/v1/providers")
        .and(bearer("expired-admin-token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "message": "Invalid request parameters"
        })))
        .expect(1)
        .mount(&server)
        .await;
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
}

#[tokio::test]
async fn a_400_after_a_fresh_token_is_the_answer() {
    let server = server().await;
    on("GET", "/api/v1/providers")
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "message": "Invalid request parameters"
        })))
        .expect(2)
        .mount(&server)
        .await;
    let error = client(&server).providers().list().await.unwrap_err();
    assert_eq!(error.status(), Some(400));
}

#[tokio::test]
async fn fdx_calls_carry_the_token_as_a_bearer_header_not_in_the_query() {
    // The seed's getting-started page says to "pass the access_token" to
    // `/Accounts` as a query parameter; its OpenAPI security scheme and
    // the FDX endpoint pages say `Authorization: Bearer`. The header is
    // used, so the token never lands in a URL.
    let server = server().await;
    refresh_grant("stored-refresh")
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "user-access",
            "expires_in": 3600,
        })))
        .expect(1)
        .mount(&server)
        .await;
    on("GET", "/api/fdx/5/accounts")
        .and(bearer("user-access"))
        .and(NoAccessTokenQuery)
        .respond_with(fixture_response(
            200,
            "outbound_seed_fdx_accounts_paging_200.json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let connection =
        client(&server).connect_with_refresh_token(SecretString::from("stored-refresh"));
    connection
        .accounts()
        .list(&Default::default())
        .await
        .unwrap();
}

struct NoAccessTokenQuery;

impl wiremock::Match for NoAccessTokenQuery {
    fn matches(&self, request: &wiremock::Request) -> bool {
        !request.url.query_pairs().any(|(k, _)| k == "access_token")
    }
}
