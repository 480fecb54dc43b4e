use std::time::Duration;

use chrono::{TimeZone, Utc};
use finqlink_client::accounts::AccountsListRequest;
use finqlink_client::balances::BalancesListRequest;
use finqlink_client::consents::{
    AisMethodFilter, ConsentCreateRequest, ConsentRedirectRequest, ConsentRequest, ConsentScope,
    ConsentStatus,
};
use finqlink_client::jobs::{JobCreateRequest, JobGetRequest, WaitOptions};
use finqlink_client::links::FlowType;
use finqlink_client::providers::{OwnerType, ProviderEnv};
use finqlink_client::transactions::TransactionsListRequest;
use finqlink_client::{JobId, UxTemplate, WebId};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn create_sends_scope_timings_and_options_and_decodes_the_consent() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/consents/create",
        json!({
            "scope": ["accounts", "balances"],
            "ais_method": { "provider_id": "cec_ro", "account_owner_type": ["retail"], "interface_env": "prod" },
            "expires_in": 604800,
            "consent_validity_days": 90,
            "webhook_url": "https://merchant.example/finqlink/consents",
            "redirect_url": "https://merchant.example/back",
            "options": { "type": "redirect_sca", "ux_template": "sheet" }
        }),
        "schema_built_consents_create_200.json",
    )
    .await;

    let req = ConsentCreateRequest::new()
        .scope(ConsentScope::AccountsAndBalances)
        .ais_method(
            AisMethodFilter::new()
                .provider_id("cec_ro")
                .account_owner_type(OwnerType::Retail)
                .interface_env(ProviderEnv::Prod),
        )
        .expires_in(Duration::from_secs(7 * 24 * 3600))
        .consent_validity_days(90)
        .webhook_url(
            "https://merchant.example/finqlink/consents"
                .parse()
                .unwrap(),
        )
        .redirect_url("https://merchant.example/back".parse().unwrap())
        .flow_type(FlowType::RedirectSca)
        .ux_template(UxTemplate::Sheet);
    let consent = client(&server).consents().create(&req).await.unwrap();

    assert_eq!(consent.id, Some(consent_id()));
    assert_eq!(consent.web_id, Some(WebId::from("cl-5tr8wq")));
    assert_eq!(consent.status, Some(ConsentStatus::Created));
    assert_eq!(consent.scope, Some(ConsentScope::Full));
    assert_eq!(
        consent.web_url.as_ref().unwrap().as_str(),
        "https://your-env.finqware.com/consent/cl-5tr8wq"
    );
    assert_eq!(
        consent.expires_at,
        Some(Utc.with_ymd_and_hms(2024, 5, 9, 10, 15, 30).unwrap())
    );
    assert_eq!(consent.consent_validity_days, Some(90));
    assert_eq!(consent.request_id.as_deref(), Some("req-consents-create"));
    assert!(!consent.is_usable() && !consent.is_terminal());
}

#[tokio::test]
async fn create_with_defaults_sends_only_the_credentials() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/consents/create",
        json!({}),
        "schema_built_consents_create_200.json",
    )
    .await;
    client(&server)
        .consents()
        .create(&ConsentCreateRequest::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn get_decodes_an_active_consent() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/consents/get",
        json!({ "consent_id": CONSENT_ID }),
        "schema_built_consents_get_200.json",
    )
    .await;
    let consent = client(&server)
        .consents()
        .get(&ConsentRequest::new(consent_id()))
        .await
        .unwrap();
    assert_eq!(consent.status, Some(ConsentStatus::Active));
    assert!(consent.is_usable());
    assert_eq!(consent.scope, Some(ConsentScope::AccountsAndBalances));
    assert!(!consent.scope.unwrap().includes_transactions());
    assert_eq!(
        consent.authorized_until,
        Some(Utc.with_ymd_and_hms(2024, 7, 31, 10, 20, 0).unwrap())
    );
    assert_eq!(
        consent.inserted_at,
        Some(Utc.with_ymd_and_hms(2024, 5, 2, 10, 15, 30).unwrap())
    );
}

#[tokio::test]
async fn revoke_decodes_a_revoked_consent_and_is_not_retried() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/consents/revoke",
        json!({ "consent_id": CONSENT_ID }),
        "schema_built_consents_revoke_200.json",
    )
    .await;
    let consent = client(&server)
        .consents()
        .revoke(&ConsentRequest::new(consent_id()))
        .await
        .unwrap();
    assert_eq!(consent.status, Some(ConsentStatus::Revoked));
    assert!(consent.is_terminal());
    assert_eq!(consent.request_id.as_deref(), Some("req-consents-revoke"));
}

#[tokio::test]
async fn redirect_passes_the_callback_query_and_the_wait_flag() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/consents/redirect",
        json!({
            "query": "code=abc&state=cl-5tr8wq",
            "wait": false
        }),
        "schema_built_consents_redirect_200.json",
    )
    .await;
    let callback = "https://merchant.example/callback?code=abc&state=cl-5tr8wq"
        .parse()
        .unwrap();
    let consent = client(&server)
        .consents()
        .redirect(&ConsentRedirectRequest::from_callback_url(&callback).wait(false))
        .await
        .unwrap();
    assert_eq!(consent.status, Some(ConsentStatus::RedirectInProgress));
    assert!(consent.status.unwrap().is_pending());
    assert_eq!(consent.web_id, Some(WebId::from("cl-5tr8wq")));
}

#[tokio::test]
async fn bad_consent_requests_are_refused_before_sending() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let consents = client(&server);
    let consents = consents.consents();
    let forty_six_days = Duration::from_secs(46 * 24 * 3600);
    let cases = [
        (
            "expires_in over 45 days",
            consents
                .create(&ConsentCreateRequest::new().expires_in(forty_six_days))
                .await,
        ),
        (
            "validity over 180 days",
            consents
                .create(&ConsentCreateRequest::new().consent_validity_days(181))
                .await,
        ),
        (
            "unsupported scope",
            consents
                .create(
                    &ConsentCreateRequest::new()
                        .scope(ConsentScope::Unknown(vec!["transactions".into()])),
                )
                .await,
        ),
        (
            "redirect without state",
            consents
                .redirect(&ConsentRedirectRequest::new("?code=abc"))
                .await,
        ),
        (
            "redirect with empty state",
            consents
                .redirect(&ConsentRedirectRequest::new("state=&code=abc"))
                .await,
        ),
    ];
    assert_all_refused(cases);
}

#[tokio::test]
async fn the_documented_maximums_are_accepted() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/ais/consents/create",
        json!({
            "expires_in": 45 * 24 * 3600,
            "consent_validity_days": 180
        }),
        "schema_built_consents_create_200.json",
    )
    .await;
    let req = ConsentCreateRequest::new()
        .expires_in(finqlink_client::consents::MAX_EXPIRES_IN)
        .consent_validity_days(finqlink_client::consents::MAX_CONSENT_VALIDITY_DAYS);
    client(&server).consents().create(&req).await.unwrap();
}

#[tokio::test]
async fn every_ais_endpoint_is_refused_on_v1_before_sending() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let v1 = v1_client(&server);
    let job = JobGetRequest::new(JobId::from("job-uuid-456"), consent_id());
    let errors = [
        v1.consents()
            .create(&ConsentCreateRequest::new())
            .await
            .unwrap_err(),
        v1.consents()
            .get(&ConsentRequest::new(consent_id()))
            .await
            .unwrap_err(),
        v1.consents()
            .revoke(&ConsentRequest::new(consent_id()))
            .await
            .unwrap_err(),
        v1.consents()
            .redirect(&ConsentRedirectRequest::new("state=x"))
            .await
            .unwrap_err(),
        v1.accounts()
            .list(&AccountsListRequest::new(consent_id()))
            .await
            .unwrap_err(),
        v1.balances()
            .list(&BalancesListRequest::new(consent_id()))
            .await
            .unwrap_err(),
        v1.transactions()
            .list(&TransactionsListRequest::new(consent_id()))
            .await
            .unwrap_err(),
        v1.jobs()
            .create(&JobCreateRequest::new(consent_id()))
            .await
            .unwrap_err(),
        v1.jobs().get(&job).await.unwrap_err(),
        v1.jobs()
            .wait(&JobCreateRequest::new(consent_id()), WaitOptions::default())
            .await
            .unwrap_err(),
    ];
    for err in errors {
        assert!(err.is_validation(), "{err}");
        assert!(err.to_string().contains("v2"), "{err}");
    }
}

#[test]
fn consent_status_helpers() {
    use ConsentStatus::*;
    for s in [Expired, Revoked, Deactivated, Failed, Suspended] {
        assert!(s.is_terminal() && !s.is_usable() && !s.is_pending(), "{s}");
    }
    for s in [
        Created,
        Started,
        Requested,
        ScaUrlRetrieved,
        AwaitingAuthz,
        Authorized,
        RedirectInProgress,
    ] {
        assert!(s.is_pending() && !s.is_terminal() && !s.is_usable(), "{s}");
    }
    assert!(Active.is_usable() && !Active.is_terminal() && !Active.is_pending());
    let unknown = ConsentStatus::from("paused");
    assert_eq!(unknown, ConsentStatus::Unknown("paused".into()));
    assert!(!unknown.is_pending() && !unknown.is_terminal() && !unknown.is_usable());
}

#[test]
fn scopes_decode_in_any_order_and_keep_unknown_combinations() {
    let full: ConsentScope =
        serde_json::from_str(r#"["transactions","accounts","balances"]"#).unwrap();
    assert_eq!(full, ConsentScope::Full);
    assert!(full.includes_transactions());
    let other: ConsentScope = serde_json::from_str(r#"["accounts"]"#).unwrap();
    assert_eq!(other, ConsentScope::Unknown(vec!["accounts".into()]));
    assert_eq!(serde_json::to_string(&other).unwrap(), r#"["accounts"]"#);
    assert_eq!(
        serde_json::to_string(&ConsentScope::Full).unwrap(),
        r#"["accounts","balances","transactions"]"#
    );
}
