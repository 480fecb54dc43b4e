//! Institutions and Institutions/RoutingNumber.

use flinks_client::connect::{InstitutionStatus, RoutingNumber};
use wiremock::Mock;
use wiremock::matchers::{header, method, path};

use crate::common::{SECRET, api_path, builder, client, fixture, json, no_header, server};

#[tokio::test]
async fn routing_number_lookup_decodes_the_seed_sample() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/Institutions/RoutingNumber/021000021",
        )))
        .and(header("flinks-auth-key", SECRET))
        .and(no_header("x-api-key"))
        .respond_with(json(
            200,
            fixture("seed_institution_by_routing_number_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let institution = builder(&server)
        .build()
        .unwrap()
        .connect()
        .institution_by_routing_number(&RoutingNumber::new("021000021").unwrap())
        .await
        .unwrap();
    assert_eq!(institution.id, 20);
    assert_eq!(institution.name("en"), Some("Chase Bank"));
    assert_eq!(institution.name("fr"), None);
    assert_eq!(institution.status, Some(InstitutionStatus::Enabled));
    assert_eq!(institution.country.as_deref(), Some("US"));
    assert_eq!(institution.routing_numbers.len(), 10);
    assert_eq!(institution.routing_numbers[0], "071000770");
    assert_eq!(institution.routing_numbers[9], "322271627");
    let url = &institution.localizations[0].urls[0];
    assert_eq!(url.kind.as_deref(), Some("Main"));
    assert_eq!(url.url.as_deref(), Some("https://www.chase.com/"));
}

#[tokio::test]
async fn an_unknown_routing_number_is_not_found() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/Institutions/RoutingNumber/322271622",
        )))
        .respond_with(json(
            404,
            fixture("seed_institution_by_routing_number_404.json"),
        ))
        .mount(&server)
        .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .connect()
        .institution_by_routing_number(&"322271622".parse().unwrap())
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("No institution was found with the Routing Number: 322271622")
    );
}

#[test]
fn routing_numbers_are_nine_digits() {
    for bad in ["02100002", "0210000210", "02100002a", "../x/../y", ""] {
        let err = RoutingNumber::new(bad).unwrap_err();
        assert!(err.is_validation(), "{bad}: {err}");
    }
    assert_eq!(
        RoutingNumber::new("071000770").unwrap().as_str(),
        "071000770"
    );
}

#[tokio::test]
async fn institution_list_is_a_get() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path("BankingServices/Institutions")))
        .and(header("flinks-auth-key", SECRET))
        .and(no_header("x-api-key"))
        .respond_with(json(200, fixture("schema_built_institutions_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let list = client(&server).connect().institutions().await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, 14);
    assert_eq!(list[0].name("en"), Some("FlinksCapital"));
    assert!(list[0].routing_numbers.is_empty());
    assert_eq!(
        list[1].routing_numbers,
        ["071000770", "072413201", "065000029"]
    );
}
