//! Enrich: the legacy score (C# SDK only; schema-built samples).

use chrono::NaiveDate;
use flinks_client::enrich::{PersonalInformation, ScoreAddress, ScoreRequest, Sex};
use rust_decimal::Decimal;
use secrecy::SecretString;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

use crate::common::{API_KEY, api_path, client, fixture, fixture_json, json, server};

const LOGIN: &str = "5e115eac-1209-4f19-641c-08d6d484e2fe";
const SESSION: &str = "1243c283-e0ca-4fda-a5e4-343068430190";

fn request() -> ScoreRequest {
    let mut applicant = PersonalInformation::new("John", "Doe");
    applicant.sex = Some(Sex::Male);
    applicant.birth_date = NaiveDate::from_ymd_opt(1985, 4, 12);
    applicant.email = Some("johndoe@test.com".into());
    applicant.social_insurance_number = Some(SecretString::from("046454286"));
    applicant.address = Some(ScoreAddress::new(
        "20 Park Avenue",
        "Toronto",
        "ON",
        "M5J 2V5",
        "CA",
    ));
    ScoreRequest::new(
        LOGIN.parse().unwrap(),
        SESSION.parse().unwrap(),
        "1500.00".parse().unwrap(),
        applicant,
    )
}

#[tokio::test]
async fn score_posts_the_loan_and_applicant_and_decodes_the_exact_score() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(api_path(&format!(
            "insight/login/{LOGIN}/score/{SESSION}"
        ))))
        .and(header("x-api-key", API_KEY))
        .and(body_json(fixture_json("schema_built_score_request.json")))
        .respond_with(json(200, fixture("schema_built_score_200.json")))
        .expect(1)
        .mount(&server)
        .await;
    let score = client(&server).enrich().score(&request()).await.unwrap();
    assert_eq!(score.score, Some("712.5".parse::<Decimal>().unwrap()));
    assert_eq!(score.login.unwrap().id.to_string(), LOGIN);
    // The amount keeps its scale on the wire.
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(
        String::from_utf8_lossy(&sent.body).contains("\"LoanAmount\":1500.00"),
        "{}",
        String::from_utf8_lossy(&sent.body)
    );
}

#[test]
fn the_social_insurance_number_is_never_printed() {
    let printed = format!("{:?}", request());
    assert!(!printed.contains("046454286"), "{printed}");
}
