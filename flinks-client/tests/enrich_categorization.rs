//! Enrich: GetCategorization and the attribute and category libraries
//! (paths and answers inferred; schema-built samples).

use flinks_client::enrich::Library;
use wiremock::Mock;
use wiremock::matchers::{header, method, path};

use crate::common::{API_KEY, api_path, client, fixture, json, server};

const LOGIN: &str = "5e115eac-1209-4f19-641c-08d6d484e2fe";
const SESSION: &str = "1243c283-e0ca-4fda-a5e4-343068430190";

#[tokio::test]
async fn categorization_is_a_get_under_the_attributes_prefix() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/attributes/{SESSION}/GetCategorization"
        ))))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(200, fixture("schema_built_categorization_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let categorization = client(&server)
        .enrich()
        .categorization(LOGIN.parse().unwrap(), SESSION.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(categorization.http_status_code, Some(200));
    assert_eq!(categorization.request_id.unwrap().to_string(), SESSION);
    assert_eq!(categorization.login.unwrap().id.to_string(), LOGIN);
    assert_eq!(
        categorization.other["Accounts"][0]["Transactions"][0]["Category"],
        "Income"
    );
}

#[tokio::test]
async fn each_library_is_a_get_on_its_own_path() {
    let server = server().await;
    for endpoint in [
        "insight/attributes/Library/Consumer",
        "insight/attributes/Library/Business",
        "insight/attributes/Categories",
    ] {
        Mock::given(method("GET"))
            .and(path(api_path(endpoint)))
            .and(header("x-api-key", API_KEY))
            .respond_with(json(200, fixture("schema_built_library_consumer_200.json")))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for library in [Library::Consumer, Library::Business, Library::Categories] {
        let entries = client.enrich().library(library).await.unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].name.as_deref(), Some("sum_debits_30_days"));
        assert_eq!(entries[0].other["Category"], "Expenses");
        assert_eq!(
            entries[1].description.as_deref(),
            Some("Count of non-sufficient-funds events over the last 90 days")
        );
    }
}
