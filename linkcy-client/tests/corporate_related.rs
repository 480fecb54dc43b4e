//! Patching a corporate-related person.

use linkcy_client::{CorporateRelatedPatch, Phone};
use wiremock::matchers::{bearer_token, body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{client, fixture_json, id, server, token};

#[tokio::test]
async fn patch_sends_only_the_set_fields_and_accepts_any_answer() {
    let server = server().await;
    let related = "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e";
    Mock::given(method("PATCH"))
        .and(path(format!("/api/partner/corporates/related/{related}")))
        .and(bearer_token(token()))
        .and(body_json(fixture_json(
            "schema_built_corporates_related_patch_request.json",
        )))
        .respond_with(ResponseTemplate::new(204))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("/api/partner/corporates/related/{related}")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id":"3c2b1a09-8f7e-4d6c-b5a4-938271605f4e","isDirector":true}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let patch = CorporateRelatedPatch::new()
        .first_name("Anna")
        .last_name("Schmidt")
        .email_address("anna.schmidt@example.com")
        .phone(Phone::new("49", "15112345678"))
        .nationality_code("DEU")
        .is_director(true)
        .director_appointment_date("2023-06-01".parse().unwrap())
        .is_ubo(false);
    let corporate_related = client(&server);
    let corporate_related = corporate_related.corporate_related();
    corporate_related.patch(id(related), &patch).await.unwrap();
    corporate_related.patch(id(related), &patch).await.unwrap();
}
