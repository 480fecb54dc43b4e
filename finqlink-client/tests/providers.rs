use finqlink_client::ProviderId;
use finqlink_client::providers::{
    AisMethodsFilter, OwnerType, PaymentScheme, Provider, ProviderEnv, ProvidersGetRequest,
    ProvidersListRequest,
};
use serde_json::json;
use wiremock::matchers::{body_json, header};

use crate::support::*;

#[tokio::test]
async fn list_v2_sends_the_changelog_ais_options_and_decodes_array_remitter_types() {
    let server = server().await;
    post("/v2/providers/list")
        .and(header("content-type", "application/json"))
        .and(body_json(with_credentials(fixture(
            "seed_changelog_providers_request_ais_options.json",
        ))))
        .respond_with(json_response("schema_built_providers_list_v2_200.json"))
        .expect(1)
        .mount(&server)
        .await;

    let req = ProvidersListRequest::new()
        .show_ais_methods(true)
        .ais_methods_filter(
            AisMethodsFilter::new()
                .account_owner_type(OwnerType::Retail)
                .interface_env(ProviderEnv::Prod),
        );
    let list = client(&server).providers().list(&req).await.unwrap();

    assert_eq!(list.request_id.as_deref(), Some("req-providers-list-v2"));
    assert_eq!(list.providers.len(), 2);
    let rzb = &list.providers[0];
    assert_eq!(rzb.provider_id, Some(ProviderId::from("rzb_ro")));
    assert_eq!(rzb.name.as_deref(), Some("Raiffeisen Bank"));
    let method = &rzb.payment_methods[0];
    assert_eq!(
        method.remitter_type.as_ref().unwrap().as_slice(),
        [OwnerType::Retail, OwnerType::Corporate]
    );
    assert_eq!(method.payment_scheme, Some(PaymentScheme::Instant));
    assert_eq!(method.env, Some(ProviderEnv::Sandbox));
    assert_eq!(rzb.ais_methods[0].account_owner_type, [OwnerType::Retail]);
    assert_eq!(rzb.ais_methods[0].interface_env, Some(ProviderEnv::Sandbox));
    let bt = &list.providers[1];
    assert!(bt.ais_methods.is_empty());
    let bt_types = bt.payment_methods[0].remitter_type.as_ref().unwrap();
    assert!(bt_types.accepts(&OwnerType::Corporate));
    assert!(!bt_types.accepts(&OwnerType::Retail));
}

#[tokio::test]
async fn list_v1_decodes_the_string_remitter_type_into_the_same_type() {
    let server = server().await;
    expect_call(
        &server,
        "/v1/providers/list",
        json!({}),
        "schema_built_providers_list_v1_200.json",
    )
    .await;

    let list = v1_client(&server)
        .providers()
        .list(&ProvidersListRequest::new())
        .await
        .unwrap();

    let method = &list.providers[0].payment_methods[0];
    assert_eq!(
        method.remitter_type.as_ref().unwrap().as_slice(),
        [OwnerType::Retail]
    );
    assert_eq!(method.provider_id, Some(ProviderId::from("rzb_ro")));
}

#[test]
fn the_changelog_v1_and_v2_remitter_type_samples_decode_alike() {
    let v1: Provider =
        serde_json::from_value(fixture("seed_changelog_remitter_type_v1.json")).unwrap();
    let v2: Provider =
        serde_json::from_value(fixture("seed_changelog_remitter_type_v2.json")).unwrap();
    assert_eq!(v1, v2);
    assert_eq!(
        v1.payment_methods[0]
            .remitter_type
            .as_ref()
            .unwrap()
            .as_slice(),
        [OwnerType::Retail]
    );
    // Both encode in the v2 (array) form.
    assert_eq!(
        serde_json::to_value(&v1).unwrap(),
        fixture("seed_changelog_remitter_type_v2.json")
    );
}

#[test]
fn an_unknown_remitter_type_is_kept() {
    let p: Provider = serde_json::from_str(
        r#"{"payment_methods":[{"remitter_type":["retail","public_sector"]}]}"#,
    )
    .unwrap();
    assert_eq!(
        p.payment_methods[0]
            .remitter_type
            .as_ref()
            .unwrap()
            .as_slice(),
        [
            OwnerType::Retail,
            OwnerType::Unknown("public_sector".into())
        ]
    );
    assert!(
        serde_json::from_str::<Provider>(r#"{"payment_methods":[{"remitter_type":7}]}"#).is_err()
    );
}

#[tokio::test]
async fn get_sends_the_provider_id_and_decodes_one_provider() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/providers/get",
        json!({ "provider_id": "cec_ro" }),
        "schema_built_providers_get_200.json",
    )
    .await;

    let provider = client(&server)
        .providers()
        .get(&ProvidersGetRequest::new("cec_ro"))
        .await
        .unwrap();

    assert_eq!(provider.provider_id, Some(ProviderId::from("cec_ro")));
    assert_eq!(provider.name.as_deref(), Some("CEC Bank"));
    assert_eq!(provider.request_id.as_deref(), Some("req-providers-get"));
    assert_eq!(
        provider.payment_methods[0].payment_scheme,
        Some(PaymentScheme::Sepa)
    );
    assert_eq!(
        provider.ais_methods[0].account_owner_type,
        [OwnerType::Retail, OwnerType::Corporate]
    );
}

#[tokio::test]
async fn get_with_ais_options_sends_them_under_options() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/providers/get",
        json!({
            "provider_id": "bt_ro",
            "options": { "show_ais_methods": true, "ais_methods_filter": { "interface_type": "psd2" } }
        }),
        "schema_built_providers_get_200.json",
    )
    .await;
    let req = ProvidersGetRequest::new("bt_ro")
        .show_ais_methods(true)
        .ais_methods_filter(AisMethodsFilter::new().interface_type("psd2"));
    client(&server).providers().get(&req).await.unwrap();
}

#[tokio::test]
async fn ais_options_on_v1_are_refused_before_sending() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let v1 = v1_client(&server);
    let err = v1
        .providers()
        .list(&ProvidersListRequest::new().show_ais_methods(true))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
    assert!(err.to_string().contains("options"), "{err}");
}
