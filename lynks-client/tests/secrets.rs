//! No credential or token appears in Debug output, errors or logs.

use banking_core::testkit::LogCapture;
use tracing::Instrument;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{
    self, ACCESS_TOKEN, PASSWORD, builder, respond, token_endpoint, token_granted,
};

const CLIENT_SECRET: &str = "cl1ent-S3cret-value";
const SECRETS: [&str; 5] = [
    PASSWORD,
    CLIENT_SECRET,
    ACCESS_TOKEN,
    "lynks-refresh-token-1",
    "lynks-access-token-2",
];

fn assert_clean(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

#[tokio::test]
async fn debug_errors_and_logs_hold_no_secret() {
    let capture = LogCapture::start();
    async {
        let server = MockServer::start().await;
        token_endpoint()
            .and(body_string_contains("grant_type=password"))
            .respond_with(token_granted())
            .mount(&server)
            .await;
        token_endpoint()
            .and(body_string_contains("grant_type=refresh_token"))
            .respond_with(respond(200, "inferred_token_refresh_200.json"))
            .mount(&server)
            .await;
        // The first call succeeds, then the token is refused (401 → refresh →
        // retry), then the server fails with a body echoing a header.
        Mock::given(method("GET"))
            .and(path("/v2/payment-categories"))
            .respond_with(respond(200, "inferred_payment_categories_200.json"))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v2/payment-categories"))
            .and(common::bearer())
            .respond_with(ResponseTemplate::new(401))
            .with_priority(2)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v2/payment-categories"))
            .respond_with(ResponseTemplate::new(500).set_body_string(r#"{"message":"internal"}"#))
            .with_priority(3)
            .mount(&server)
            .await;

        let client = builder(&server)
            .credentials(
                common::credentials().client_secret(secrecy::SecretString::from(CLIENT_SECRET)),
            )
            .build()
            .unwrap();
        client.payment_categories().list().await.unwrap();
        let err = client.payment_categories().list().await.unwrap_err();
        assert_eq!(err.status(), Some(500));

        assert_clean("client Debug", &format!("{client:?}"));
        assert_clean("credentials Debug", &format!("{:?}", common::credentials()));
        assert_clean("builder Debug", &format!("{:?}", builder(&server)));
        assert_clean("error Display", &err.to_string());
        assert_clean("error Debug", &format!("{err:?}"));

        // Bad credentials: the token error names the OAuth code, not the password.
        let refusing = MockServer::start().await;
        token_endpoint()
            .respond_with(respond(401, "inferred_token_invalid_grant_401.json"))
            .mount(&refusing)
            .await;
        let err = builder(&refusing)
            .build()
            .unwrap()
            .accounts()
            .list()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("invalid_grant"), "{err}");
        assert_clean("auth error Display", &err.to_string());
        assert_clean("auth error Debug", &format!("{err:?}"));
    }
    .instrument(capture.span())
    .await;

    let lines = capture.lines();
    assert!(
        lines.iter().any(|l| l.contains("banking.request")),
        "nothing was logged: {lines:?}"
    );
    assert_clean("logs", &capture.everything());
}
