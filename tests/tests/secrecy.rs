//! No credential and no served token, nor any recognisable part of one,
//! shows in any log line (every crate at `TRACE`, reqwest and hyper
//! included), in any error's `Display` or `Debug`, or in the `Debug` of any
//! client, builder or credential: every provider client is driven through
//! every cell of the fault matrix (successes, refused and undecodable token
//! answers, refreshes) with distinctive secrets.

use banking_core::auth::{
    ApiKeyHeader, BasicAuth, BearerAuth, ClientCredentials, PasswordGrant, StaticBearer, Token,
    TokenCache,
};
use banking_core::error::AuthError;
use banking_core::testkit::LogCapture;
use base64::Engine;
use secrecy::SecretString;
use tracing::Instrument;

use crate::fault_server::{FaultServer, Reply};
use crate::matrix::{self, FAULTS, Op, PROVIDERS};

/// The shortest run of a secret that would recognisably give it away.
const FRAGMENT: usize = 8;

const FLINKS_SECRET_KEY: &str = "Fs8kWq3NzT6vXm2P";
const FLINKS_API_KEY: &str = "Fy5pLx9RkV2tQw7M";
const FLINKS_AUTHORIZE_TOKEN: &str = "Fg7zMq4WtK9xPv2Nr3Lc";
const CORE_SECRET: &str = "Cs4vRt8KqZ2mXw6N";
const OUTBOUND_SECRET: &str = "Ob3kTz7QwN5mVx2R";
const OUTBOUND_ADMIN_TOKEN: &str = "Oa6pWn2KxR9tZq4Mv8Lc";
const FDX_REFRESH: &str = "Or9mKq4XtW2pZv7Nb3Hf";
const FDX_ACCESS: &str = "Oc2vLx8QmT5wKz3Rn6Pd";
const FDX_ROTATED: &str = "Ot7nRw3KqZ9xMp2Vc5Lg";

/// Every secret of the suite, with the encodings a header would carry.
fn secrets() -> Vec<String> {
    let mut all: Vec<String> = PROVIDERS
        .iter()
        .flat_map(|p| p.secrets.iter().map(|s| (*s).to_owned()))
        .collect();
    all.extend(
        [
            FLINKS_SECRET_KEY,
            FLINKS_API_KEY,
            FLINKS_AUTHORIZE_TOKEN,
            CORE_SECRET,
            OUTBOUND_SECRET,
            OUTBOUND_ADMIN_TOKEN,
            FDX_REFRESH,
            FDX_ACCESS,
            FDX_ROTATED,
        ]
        .map(str::to_owned),
    );
    let basic = format!(
        "{}:{}",
        matrix::providers::FLINKS_CLIENT_ID,
        matrix::providers::FLINKS_SECRET
    );
    all.push(base64::engine::general_purpose::STANDARD.encode(basic));
    all
}

/// Every `FRAGMENT`-character run of every secret that `text` contains.
fn leaks(text: &str, secrets: &[String]) -> Vec<String> {
    secrets
        .iter()
        .flat_map(|secret| {
            let chars: Vec<char> = secret.chars().collect();
            chars
                .windows(FRAGMENT.min(chars.len()))
                .map(|w| w.iter().collect::<String>())
                .filter(|fragment| text.contains(fragment.as_str()))
                .map(|fragment| format!("{fragment:?} (of {secret:?})"))
                .take(1)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Flinks Connect's `GenerateAuthorizeToken`: one good answer, then one
/// that fails to decode and carries the token.
async fn flinks_connect() -> Vec<String> {
    let server = FaultServer::start().await;
    let customer = "43387ca6-0391-4c82-857d-70d95f087ecb";
    let token_body =
        serde_json::json!({"HttpStatusCode": 200, "Token": FLINKS_AUTHORIZE_TOKEN}).to_string();
    server.script(
        &format!("/v3/{customer}/BankingServices/GenerateAuthorizeToken"),
        vec![
            Reply::json(200, token_body.clone()),
            Reply::json(200, token_body[..token_body.len() - 2].to_owned()),
        ],
    );
    let builder = flinks_client::FlinksClient::builder()
        .environment(banking_core::transport::Environment::Custom(server.url()))
        .customer_id(customer.parse().expect("a customer id"))
        .secret_key(SecretString::from(FLINKS_SECRET_KEY))
        .api_key(SecretString::from(FLINKS_API_KEY))
        .retry_policy(banking_core::retry::RetryPolicy::none());
    let mut rendered = vec![format!("{builder:?}")];
    let client = builder.build().expect("a valid Flinks configuration");
    rendered.push(format!("{client:?}"));
    let token = client.connect().generate_authorize_token().await;
    assert!(token.is_ok(), "{token:?}");
    rendered.push(format!("{token:?}"));
    let err = client
        .connect()
        .generate_authorize_token()
        .await
        .expect_err("an undecodable token answer");
    rendered.push(format!("{err}\n{err:?}"));
    rendered
}

/// Flinks Outbound: the admin client-credentials grant and the FDX
/// refresh grant, each answered once with a body that fails to decode and
/// carries the tokens, then healthily.
async fn flinks_outbound() -> Vec<String> {
    let server = FaultServer::start().await;
    let token = |access: &str, refresh: &str| {
        serde_json::json!({
            "access_token": access,
            "refresh_token": refresh,
            "token_type": "Bearer",
            "expires_in": 3600,
        })
        .to_string()
    };
    let admin = token(OUTBOUND_ADMIN_TOKEN, FDX_ROTATED);
    let fdx = token(FDX_ACCESS, FDX_ROTATED);
    server.script(
        "/api/v1/token",
        vec![
            Reply::json(200, admin[..admin.len() - 3].to_owned()),
            Reply::json(200, admin.clone()),
            Reply::json(200, fdx[..fdx.len() - 3].to_owned()),
            Reply::json(200, fdx),
        ],
    );
    server.script_others(vec![Reply::json(200, "[]")]);
    server.script(
        "/api/fdx/5/customers/current",
        vec![Reply::json(200, r#"{"customerId":"c-1"}"#)],
    );
    let builder = flinks_client::outbound::OutboundClient::builder()
        .environment(banking_core::transport::Environment::Custom(server.url()))
        .credentials("outbound-app", SecretString::from(OUTBOUND_SECRET))
        .retry_policy(banking_core::retry::RetryPolicy::none());
    let mut rendered = vec![format!("{builder:?}")];
    let client = builder.build().expect("a valid Outbound configuration");
    let mut succeeded = Vec::new();
    for _ in 0..2 {
        let result = client.providers().list().await;
        rendered.push(format!("{result:?}"));
        succeeded.push(result.is_ok());
        if let Err(e) = result {
            rendered.push(e.to_string());
        }
    }
    let connection = client.connect_with_refresh_token(SecretString::from(FDX_REFRESH));
    for _ in 0..2 {
        let result = connection.customers().current().await;
        rendered.push(format!("{result:?}"));
        succeeded.push(result.is_ok());
        if let Err(e) = result {
            rendered.push(e.to_string());
        }
    }
    assert_eq!(
        succeeded,
        [false, true, false, true],
        "each grant fails once, then recovers: {rendered:?}"
    );
    rendered.push(format!("{client:?}"));
    rendered.push(format!("{connection:?}"));
    rendered
}

/// The credential types of banking-core, formatted.
fn core_types() -> Vec<String> {
    let url: url::Url = "http://127.0.0.1:9/token".parse().expect("a URL");
    let secret = || SecretString::from(CORE_SECRET);
    let token =
        Token::new(secret()).with_refresh_token(Some(SecretString::from(CORE_SECRET.to_owned())));
    let grant = ClientCredentials::new(url.clone(), "client", secret());
    let password = PasswordGrant::new(url, "client", Some(secret()), "user", secret());
    let token_answer = serde_json::json!({"access_token": CORE_SECRET}).to_string();
    let auth_error = AuthError::from_body(200, token_answer.as_bytes());
    vec![
        format!("{token:?}"),
        format!("{grant:?}"),
        format!("{:?}", TokenCache::new(password)),
        format!(
            "{:?}",
            BearerAuth::new(ClientCredentials::new(
                "http://127.0.0.1:9/".parse().expect("a URL"),
                "c",
                secret()
            ))
        ),
        format!("{:?}", StaticBearer::new(secret())),
        format!(
            "{:?}",
            ApiKeyHeader::new("x-api-key", secret()).expect("a header name")
        ),
        format!("{:?}", BasicAuth::new("user", secret())),
        format!("{auth_error}\n{auth_error:?}"),
        format!("{:?}", secret()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_logs_errors_or_debug_output() {
    let capture = LogCapture::start();
    let mut rendered = Vec::new();
    async {
        let mut cells = Vec::new();
        for provider in &PROVIDERS {
            for fault in FAULTS {
                for op in [Op::Read, Op::Write] {
                    cells.push(tokio::spawn(
                        matrix::run_cell(provider, fault, op).instrument(tracing::Span::current()),
                    ));
                }
            }
            let server = FaultServer::start().await;
            rendered.extend((provider.describe)(&server.url()));
        }
        for cell in cells {
            rendered.extend(cell.await.expect("a cell's runner does not panic").rendered);
        }
        rendered.extend(flinks_connect().await);
        rendered.extend(flinks_outbound().await);
    }
    .instrument(capture.span())
    .await;
    rendered.extend(core_types());

    let logs = capture.everything();
    for (what, needle) in [
        ("the SDK's request spans", "banking.request"),
        ("reqwest's log records", "reqwest"),
        ("hyper's connection events", "hyper_util"),
    ] {
        assert!(logs.contains(needle), "the capture holds no {what}");
    }
    let secrets = secrets();
    let leaked_in_logs = leaks(&logs, &secrets);
    assert!(
        leaked_in_logs.is_empty(),
        "logs hold {leaked_in_logs:?}:\n{}",
        logs.lines()
            .filter(|line| !leaks(line, &secrets).is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for text in &rendered {
        let leaked = leaks(text, &secrets);
        assert!(leaked.is_empty(), "{leaked:?} in: {text}");
    }
}
