//! SCA device enrolment and removal.

use linkcy_client::{EnrolScaDeviceRequest, RemoveScaDeviceRequest, ScaFactor, ScaStrategy};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{bearer, client, fixture_json, id, reply, server};

const END_USER: &str = "120e9d1f-8444-4b91-85e8-5b208615a3e5";

#[tokio::test]
async fn enrol_then_remove() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/partner/sca"))
        .and(bearer())
        .and(body_json(fixture_json(
            "schema_built_sca_enrol_request.json",
        )))
        .respond_with(reply(201, "schema_built_sca_enrol_201.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/partner/sca"))
        .and(body_json(fixture_json(
            "schema_built_sca_remove_request.json",
        )))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let enrolment = client
        .sca_devices()
        .enrol(
            &EnrolScaDeviceRequest::new("endpoint-4f2a")
                .factor(ScaFactor::Biometry)
                .strategy(ScaStrategy::PushNotification)
                .end_user_id(id(END_USER)),
        )
        .await
        .unwrap();
    assert_eq!(enrolment.id, id("2b9c4d6e-8f0a-4b1c-9d3e-5f7a9b1c3d5e"));
    assert_eq!(enrolment.endpoint_id.as_deref(), Some("endpoint-4f2a"));
    assert_eq!(
        enrolment.join_code.as_deref(),
        Some("0907af4a-d224-4ddb-a7ab-11c52f9fed47")
    );
    client
        .sca_devices()
        .remove(&RemoveScaDeviceRequest::new(id(END_USER)))
        .await
        .unwrap();
}
