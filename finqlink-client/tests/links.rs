use banking_core::money::Currency;
use banking_core::retry::RetryPolicy;
use chrono::{TimeZone, Utc};
use finqlink_client::links::{
    FlowType, LinkCreateRequest, LinkGetRequest, LinkStatus, LinksListRequest, PaymentIntent,
    PaymentMethodFilter,
};
use finqlink_client::pagination::Pagination;
use finqlink_client::providers::{OwnerType, PaymentScheme, ProviderEnv};
use finqlink_client::{ApiVersion, LinkId, ProviderId, UxTemplate, WebId, parse_amount};
use futures::TryStreamExt;
use rust_decimal::Decimal;
use serde_json::json;
use std::time::Duration;
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_json, body_partial_json};

use crate::support::*;

const LINK_ID: &str = "6f1c2a4e-8d3b-4c57-9a0e-1b2c3d4e5f60";

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

fn intent() -> PaymentIntent {
    PaymentIntent::new(
        parse_amount("100.50").unwrap(),
        Currency::RON,
        "RO10RZBR0000069999999970",
        "SC Exemplu SRL",
    )
}

#[tokio::test]
async fn create_sends_intent_filter_and_options_and_decodes_the_link() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/links/create",
        json!({
            "payment_intent": {
                "amount": "100.50",
                "currency": "RON",
                "creditor_iban": "RO10RZBR0000069999999970",
                "creditor_name": "SC Exemplu SRL",
                "remittance_info": "Factura 1234",
                "debtor_iban": "RO03RZBR0000069999999999",
                "psu_id": "9999999998"
            },
            "payment_method": {
                "provider_id": "rzb_ro",
                "remitter_type": ["retail", "corporate"],
                "payment_scheme": "instant",
                "env": "sandbox"
            },
            "options": { "type": "wrapped_sca", "user_editable": true, "ux_template": "glass" },
            "redirect_url": "myshop://paid",
            "webhook_url": "https://merchant.example/finqlink/links"
        }),
        "schema_built_links_create_200.json",
    )
    .await;

    let req = LinkCreateRequest::new(
        intent()
            .remittance_info("Factura 1234")
            .debtor_iban("RO03RZBR0000069999999999")
            .psu_id("9999999998"),
    )
    .payment_method(
        PaymentMethodFilter::new()
            .provider_id("rzb_ro")
            .remitter_type(OwnerType::Retail)
            .remitter_type(OwnerType::Corporate)
            .payment_scheme(PaymentScheme::Instant)
            .env(ProviderEnv::Sandbox),
    )
    .flow_type(FlowType::WrappedSca)
    .user_editable(true)
    .ux_template(UxTemplate::Glass)
    .redirect_url("myshop://paid".parse().unwrap())
    .webhook_url("https://merchant.example/finqlink/links".parse().unwrap());
    let link = client(&server).links().create(&req).await.unwrap();

    assert_eq!(link.id, Some(LINK_ID.parse::<LinkId>().unwrap()));
    assert_eq!(link.web_id, Some(WebId::from("pl-7hq2xk")));
    assert_eq!(
        link.web_url.as_ref().map(|u| u.as_str()),
        Some("https://your-env.finqware.com/pay/pl-7hq2xk")
    );
    assert_eq!(
        link.inserted_at,
        Some(Utc.with_ymd_and_hms(2024, 5, 2, 10, 15, 30).unwrap())
    );
    assert_eq!(
        link.expires_at,
        Some(Utc.with_ymd_and_hms(2024, 5, 3, 10, 15, 30).unwrap())
    );
    assert_eq!(link.name.as_deref(), Some("Demo Shop"));
    assert_eq!(link.request_id.as_deref(), Some("req-links-create"));
    assert_eq!(link.status, None);
}

#[tokio::test]
async fn create_options_match_the_changelog_ux_template_sample() {
    let server = server().await;
    post("/v2/links/create")
        .and(body_partial_json(fixture(
            "seed_changelog_request_ux_template.json",
        )))
        .respond_with(json_response("schema_built_links_create_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let req = LinkCreateRequest::new(intent()).ux_template(UxTemplate::Glass);
    client(&server).links().create(&req).await.unwrap();
}

#[tokio::test]
async fn create_on_v1_sends_one_remitter_type_as_a_string() {
    let server = server().await;
    post("/v1/links/create")
        .and(body_partial_json(json!({
            "client_id": CLIENT_ID,
            "payment_method": { "remitter_type": "corporate" }
        })))
        .respond_with(json_response("schema_built_links_create_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let req = LinkCreateRequest::new(intent())
        .payment_method(PaymentMethodFilter::new().remitter_type(OwnerType::Corporate));
    v1_client(&server).links().create(&req).await.unwrap();
}

#[tokio::test]
async fn create_is_never_resent_after_a_server_error() {
    let server = server().await;
    post("/v2/links/create")
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server, ApiVersion::V2)
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = client
        .links()
        .create(&LinkCreateRequest::new(intent()))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn get_is_read_only_and_retried_after_a_server_error() {
    let server = server().await;
    post("/v2/links/get")
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    expect_call(
        &server,
        "/v2/links/get",
        json!({ "link_id": LINK_ID }),
        "schema_built_links_get_200.json",
    )
    .await;
    let client = builder(&server, ApiVersion::V2)
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let link = client
        .links()
        .get(&LinkGetRequest::new(LINK_ID.parse().unwrap()))
        .await
        .unwrap();

    assert_eq!(link.status, Some(LinkStatus::Completed));
    assert!(link.status.as_ref().unwrap().is_paid());
    assert_eq!(link.is_expired, Some(false));
    let method = link.payment_method.unwrap();
    assert_eq!(method.provider_id, Some(ProviderId::from("rzb_ro")));
    assert_eq!(
        method.remitter_type.unwrap().as_slice(),
        [OwnerType::Retail]
    );
    let bank = link.service_provider.unwrap();
    assert_eq!(bank.name.as_deref(), Some("Raiffeisen Bank"));
}

#[tokio::test]
async fn list_sends_the_changelog_filter_sample_and_decodes_keyset_pagination() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/links/list",
        fixture("seed_changelog_links_list_request_filter.json"),
        "schema_built_changelog_links_list_v2_200.json",
    )
    .await;

    let req = LinksListRequest::new()
        .status(LinkStatus::Completed)
        .inserted_at_from(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
        .pagination(Pagination::new().limit(100));
    let page = client(&server).links().list(&req).await.unwrap();

    let info = page.pagination.unwrap();
    assert_eq!(info.count, Some(50));
    assert_eq!(info.more, Some(true));
    assert_eq!(info.after.as_deref(), Some("eyJpbnNlcnRlZF9hdCI6Li4u"));
    assert_eq!(info.next_cursor(), Some("eyJpbnNlcnRlZF9hdCI6Li4u"));
    assert_eq!(page.links.len(), 2);
    assert_eq!(page.links[1].status, Some(LinkStatus::FundsReceived));
}

#[tokio::test]
async fn list_sends_the_changelog_pagination_sample() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/links/list",
        fixture("seed_changelog_links_list_request_pagination.json"),
        "schema_built_links_list_v2_last_page_200.json",
    )
    .await;
    let req = LinksListRequest::new()
        .pagination(Pagination::new().limit(50).after("eyJpbnNlcnRlZF9hdCI6..."));
    let page = client(&server).links().list(&req).await.unwrap();
    assert_eq!(page.client_id.as_deref(), Some("demo-client"));
    assert_eq!(page.pagination.unwrap().next_cursor(), None);
    assert_eq!(page.links[0].status, Some(LinkStatus::Failed));
    assert_eq!(page.links[0].is_expired, Some(true));
}

#[tokio::test]
async fn stream_follows_the_after_cursor_across_pages() {
    let server = server().await;
    expect_call(
        &server,
        "/v2/links/list",
        json!({ "pagination": { "limit": 2 } }),
        "schema_built_changelog_links_list_v2_200.json",
    )
    .await;
    expect_call(
        &server,
        "/v2/links/list",
        json!({
            "pagination": { "limit": 2, "after": "eyJpbnNlcnRlZF9hdCI6Li4u" }
        }),
        "schema_built_links_list_v2_last_page_200.json",
    )
    .await;

    let client = client(&server);
    let links: Vec<_> = client
        .links()
        .stream(LinksListRequest::new().pagination(Pagination::new().limit(2)))
        .try_collect()
        .await
        .unwrap();

    let web_ids: Vec<_> = links
        .iter()
        .map(|l| l.web_id.clone().unwrap().to_string())
        .collect();
    assert_eq!(web_ids, ["pl-7hq2xk", "pl-9kd3mz", "pl-2ab7qq"]);
}

#[tokio::test]
async fn list_on_v1_has_no_paging_and_streams_one_page() {
    let server = server().await;
    post("/v1/links/list")
        .and(body_json(with_credentials(json!({}))))
        .respond_with(json_response(
            "schema_built_changelog_links_list_v1_200.json",
        ))
        .expect(2)
        .mount(&server)
        .await;
    let client = v1_client(&server);
    let page = client.links().list(&LinksListRequest::new()).await.unwrap();
    assert!(page.pagination.is_none());
    assert_eq!(page.links[0].status, Some(LinkStatus::Created));
    let all: Vec<_> = client
        .links()
        .stream(LinksListRequest::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
}

#[tokio::test]
async fn bad_link_requests_are_refused_before_sending() {
    let server = server().await;
    expect_nothing_sent(&server).await;
    let client = client(&server);
    let v1 = v1_client(&server);
    let with = |amount, iban, name| {
        LinkCreateRequest::new(PaymentIntent::new(amount, Currency::RON, iban, name))
    };
    let iban = "RO10RZBR0000069999999970";
    let creates = [
        ("zero amount", &client, with(Decimal::ZERO, iban, "A")),
        (
            "negative amount",
            &client,
            with(Decimal::new(-1, 0), iban, "A"),
        ),
        (
            "three decimals in RON",
            &client,
            with(Decimal::new(100_505, 3), iban, "A"),
        ),
        (
            "IBAN checksum",
            &client,
            with(Decimal::ONE, "RO10RZBR0000069999999971", "A"),
        ),
        (
            "IBAN with spaces",
            &client,
            with(Decimal::ONE, "RO10 RZBR 0000 0699 9999 9970", "A"),
        ),
        ("empty creditor name", &client, with(Decimal::ONE, iban, "")),
        (
            "webhook not http",
            &client,
            LinkCreateRequest::new(intent()).webhook_url("ftp://x.example/".parse().unwrap()),
        ),
        (
            "ux_template on v1",
            &v1,
            LinkCreateRequest::new(intent()).ux_template(UxTemplate::Cards),
        ),
        (
            "two remitter types on v1",
            &v1,
            LinkCreateRequest::new(intent()).payment_method(
                PaymentMethodFilter::new()
                    .remitter_type(OwnerType::Retail)
                    .remitter_type(OwnerType::Corporate),
            ),
        ),
    ];
    let mut results = Vec::new();
    for (case, client, req) in creates {
        results.push((case, client.links().create(&req).await));
    }
    assert_all_refused(results);

    let lists = [
        (
            "limit 0",
            &client,
            LinksListRequest::new().pagination(Pagination::new().limit(0)),
        ),
        (
            "limit 251",
            &client,
            LinksListRequest::new().pagination(Pagination::new().limit(251)),
        ),
        (
            "empty cursor",
            &client,
            LinksListRequest::new().pagination(Pagination::new().after("")),
        ),
        (
            "reversed dates",
            &client,
            LinksListRequest::new()
                .inserted_at_from(Utc.with_ymd_and_hms(2024, 2, 1, 0, 0, 0).unwrap())
                .inserted_at_to(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()),
        ),
        (
            "filter on v1",
            &v1,
            LinksListRequest::new().status(LinkStatus::Completed),
        ),
    ];
    let mut results = Vec::new();
    for (case, client, req) in lists {
        results.push((case, client.links().list(&req).await));
    }
    assert_all_refused(results);
}

#[test]
fn amounts_follow_the_finqlink_decimal_rules() {
    assert_eq!(parse_amount("100.50").unwrap(), Decimal::new(10050, 2));
    assert_eq!(parse_amount("100.50").unwrap().to_string(), "100.50");
    assert_eq!(parse_amount("0.50").unwrap(), Decimal::new(50, 2));
    assert_eq!(parse_amount("100").unwrap(), Decimal::new(100, 0));
    for bad in ["0100.5", "1,000.00", "1e3", "", " 5", "+5", ".5"] {
        let err = parse_amount(bad).unwrap_err();
        assert!(err.is_validation(), "{bad}: {err}");
    }
}

#[test]
fn link_status_helpers_and_unknown_values() {
    assert!(LinkStatus::FundsReceived.is_paid());
    assert!(LinkStatus::FundsRejected.is_failed());
    assert!(!LinkStatus::AwaitingAuthz.is_paid() && !LinkStatus::AwaitingAuthz.is_failed());
    let s: LinkStatus = serde_json::from_str(r#""settled_by_bank""#).unwrap();
    assert_eq!(s, LinkStatus::Unknown("settled_by_bank".into()));
    assert_eq!(serde_json::to_string(&s).unwrap(), r#""settled_by_bank""#);
}

#[test]
fn the_cursor_token_fixture_is_the_changelog_sample_with_only_its_elision_filled() {
    // The changelog's v2 `/links/list` response elides the links as `[...]`;
    // the schema-built fixture differs from it by that elision only.
    let seed =
        String::from_utf8(fixture_bytes("seed_changelog_links_list_v2_200_elided.txt")).unwrap();
    let built = fixture_bytes("schema_built_changelog_links_list_v2_cursor_token_200.json");
    assert_eq!(seed.replacen("[...]", "[]", 1).as_bytes(), built.as_slice());
}

#[tokio::test]
async fn list_decodes_the_changelog_cursor_token_and_stream_sends_it_back() {
    let mount = |server| async move {
        expect_call(
            &server,
            "/v2/links/list",
            json!({ "pagination": { "limit": 50 } }),
            "schema_built_changelog_links_list_v2_cursor_token_200.json",
        )
        .await;
        expect_call(
            &server,
            "/v2/links/list",
            json!({ "pagination": { "limit": 50, "after": "cursor_token" } }),
            "schema_built_links_list_v2_last_page_200.json",
        )
        .await;
        server
    };
    let request = LinksListRequest::new().pagination(Pagination::new().limit(50));

    let server = mount(server().await).await;
    let client = client(&server);
    let first = client.links().list(&request).await.unwrap();
    let info = first.pagination.unwrap();
    assert_eq!((info.count, info.more), (Some(50), Some(true)));
    assert_eq!(info.next_cursor(), Some("cursor_token"));
    assert!(first.links.is_empty());
    let last = client
        .links()
        .list(
            &request
                .clone()
                .pagination(Pagination::new().limit(50).after("cursor_token")),
        )
        .await
        .unwrap();
    assert_eq!(last.links.len(), 1);

    // A page with `more?: true` but no links still leads to the next page.
    let server = mount(super::support::server().await).await;
    let links: Vec<_> = super::support::client(&server)
        .links()
        .stream(request)
        .try_collect()
        .await
        .unwrap();
    let web_ids: Vec<_> = links
        .iter()
        .map(|l| l.web_id.clone().unwrap().to_string())
        .collect();
    assert_eq!(web_ids, ["pl-2ab7qq"]);
}

/// `text` with the sample's elided `"links": [...]` as an empty array.
fn with_empty_links(text: &str) -> serde_json::Value {
    serde_json::from_str(&text.replacen("[...]", "[]", 1)).unwrap()
}

#[test]
fn the_schema_built_list_fixtures_keep_the_changelog_samples_but_their_elided_links() {
    for (seed, built) in [
        (
            "seed_changelog_links_list_response_pagination_elided.txt",
            "schema_built_changelog_links_list_v2_200.json",
        ),
        (
            "seed_changelog_links_list_v1_200_elided.txt",
            "schema_built_changelog_links_list_v1_200.json",
        ),
    ] {
        let seed = String::from_utf8(fixture_bytes(seed)).unwrap();
        let mut built = fixture(built);
        assert!(!built["links"].as_array().unwrap().is_empty());
        built["links"] = json!([]);
        assert_eq!(with_empty_links(&seed), built);
    }
}

/// A `/links/list` server whose cursors go round: no cursor → `A`, `A` →
/// `B`, `B` → `A`. Each page holds one link of its own (bodies built from
/// the changelog's `/links/list` schema), so only the cursors repeat.
struct CyclingCursors;

impl wiremock::Respond for CyclingCursors {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        let (web_id, next) = match body["pagination"]["after"].as_str() {
            None => ("pl-0000aa", "A"),
            Some("A") => ("pl-0000bb", "B"),
            Some(_) => ("pl-0000cc", "A"),
        };
        ResponseTemplate::new(200).set_body_json(json!({
            "pagination": { "count": 1, "more?": true, "after": next },
            "links": [{ "web_id": web_id, "status": "created", "is_expired": false }]
        }))
    }
}

#[tokio::test]
async fn stream_ends_on_a_cursor_seen_earlier() {
    let server = server().await;
    post("/v2/links/list")
        .respond_with(CyclingCursors)
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server);
    let stream = client.links().stream(LinksListRequest::new());
    let results: Vec<_> =
        tokio::time::timeout(Duration::from_secs(10), futures::StreamExt::collect(stream))
            .await
            .expect("the stream ends");
    let web_ids: Vec<_> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|l| l.web_id.clone().unwrap().to_string())
        .collect();
    assert_eq!(web_ids, ["pl-0000aa", "pl-0000bb", "pl-0000cc"]);
    assert!(
        matches!(
            results.last(),
            Some(Err(banking_core::Error::Pagination(
                banking_core::pagination::PaginationError::CursorCycle {
                    page: 3,
                    first_seen: 2
                }
            )))
        ),
        "{:?}",
        results.last()
    );
}
