//! Wealth: Investments, Investments/Delete and the Wealth nightly refresh
//! status, on the Wealth host (schema-built samples: the docs show none).

use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use flinks_client::FlinksClient;
use flinks_client::connect::Outcome;
use secrecy::SecretString;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{API_KEY, CUSTOMER, SECRET, api_path, client, fixture, json, server};

const LOGIN: &str = "5e115eac-1209-4f19-641c-08d6d484e2fe";
const SESSION: &str = "1243c283-e0ca-4fda-a5e4-343068430190";

#[tokio::test]
async fn investments_post_the_session_and_decode_the_accounts() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/Investments")))
        .and(header("x-api-key", API_KEY))
        .and(body_json(serde_json::json!({ "RequestId": SESSION })))
        .respond_with(json(200, fixture("schema_built_investments_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .investments(SESSION.parse().unwrap())
        .await
        .unwrap();
    let Outcome::Ready(investments) = outcome else {
        panic!("expected ready, got {outcome:?}")
    };
    assert_eq!(investments.institution.as_deref(), Some("FlinksCapital"));
    assert_eq!(investments.accounts.len(), 1);
    let account = &investments.accounts[0];
    assert_eq!(account.positions[0]["Quantity"], "12");
    assert_eq!(account.securities[0]["Symbol"], "XIC");
    assert!(account.transactions.is_empty());
    assert_eq!(account.other["Title"], "TFSA");
    assert_eq!(investments.login.unwrap().id.to_string(), LOGIN);
}

#[tokio::test]
async fn investments_answer_pending_like_the_other_data_calls() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path("BankingServices/Investments")))
        .respond_with(json(202, fixture("seed_accounts_summary_async_202.json")))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .connect()
        .investments(SESSION.parse().unwrap())
        .await
        .unwrap();
    assert!(matches!(outcome, Outcome::Pending(_)), "{outcome:?}");
}

#[tokio::test]
async fn delete_and_the_nightly_status_use_their_credentials() {
    let server = server().await;
    Mock::given(method("DELETE"))
        .and(path(api_path(&format!(
            "BankingServices/Investments/Delete/{LOGIN}"
        ))))
        .and(header("x-api-key", API_KEY))
        .respond_with(json(200, fixture("research_delete_card_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(api_path(
            "BankingServices/GetWealthNightlyRefreshStatus/",
        )))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .respond_with(json(
            200,
            fixture("schema_built_wealth_nightly_refresh_status_200.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let deleted = client
        .connect()
        .delete_investments(LOGIN.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(deleted.status_code, Some(200));
    let status = client
        .connect()
        .wealth_nightly_refresh_status()
        .await
        .unwrap();
    assert_eq!(status.ineligible_wealths.len(), 1);
    let wealth = &status.ineligible_wealths[0];
    assert_eq!(wealth.institution.as_deref(), Some("FlinksCapital"));
    assert_eq!(
        wealth.login_id.to_string(),
        "d12c531b-9622-4477-38c5-08d779b6f27e"
    );
    assert_eq!(
        wealth.last_refresh_state.as_deref(),
        Some("AnsweringSecurityChallenge")
    );
    assert_eq!(wealth.last_refresh_error_code, None);
}

#[test]
fn the_wealth_host_follows_the_instance() {
    // The Wealth spec's default instance is `toolbox-wealth`; the requests
    // go there, not to the Connect host.
    for (instance, wealth, expected) in [
        (None, None, "toolbox-wealth"),
        (Some("acme"), None, "acme-wealth"),
        (Some("acme"), Some("acme-invest"), "acme-invest"),
    ] {
        let mut builder = FlinksClient::builder()
            .environment(Environment::Sandbox)
            .customer_id(CUSTOMER.parse().unwrap())
            .secret_key(SecretString::from(SECRET))
            .retry_policy(RetryPolicy::none());
        if let Some(instance) = instance {
            builder = builder.instance(instance);
        }
        if let Some(wealth) = wealth {
            builder = builder.wealth_instance(wealth);
        }
        let printed = format!("{:?}", builder.build().unwrap());
        assert!(
            printed.contains(&format!(
                "https://{expected}-api.private.fin.ag/v3/{CUSTOMER}/"
            )),
            "{printed}"
        );
    }
}
