//! Runs the `webhook-receiver` binary on 127.0.0.1:0 and posts it signed
//! deliveries of every provider, built from the crates' fixtures and signed
//! here with keys of the test's own (hmac, sha2 and aws-lc-rs directly, not
//! the SDK's helpers).

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{KeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const LINKCY_KEY: &[u8] = b"linkcy-test-signing-key-32-bytes";
const FLINKS_SECRET: &str = "flinks-test-secret";
const LYNKS_SECRET: &str = "lynks-test-secret";
const LINXO_AUTHORIZATION: &str = "Bearer linxo-test-token";

/// The receiver process, killed when the test ends.
struct Receiver {
    child: Child,
    lines: mpsc::Receiver<String>,
    base: String,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Receiver {
    fn start(jwks: &str) -> Receiver {
        let jwks_file =
            std::env::temp_dir().join(format!("webhook-receiver-test-{}.json", std::process::id()));
        std::fs::write(&jwks_file, jwks).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_webhook-receiver"))
            .env("WEBHOOK_RECEIVER_ADDR", "127.0.0.1:0")
            .env("FINQLINK_JWKS_FILE", &jwks_file)
            .env("FLINKS_WEBHOOK_SECRET", FLINKS_SECRET)
            .env("FLINKS_WEBHOOK_HEADER", "X-Flinks-Signature")
            .env(
                "LINKCY_WEBHOOK_SECRET",
                format!("whsec_{}", STANDARD.encode(LINKCY_KEY)),
            )
            .env("LINXO_WEBHOOK_AUTHORIZATION", LINXO_AUTHORIZATION)
            .env("LYNKS_WEBHOOK_SECRET", LYNKS_SECRET)
            .env("LYNKS_WEBHOOK_HEADER", "x-lynks-signature")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut receiver = Receiver {
            child,
            lines,
            base: String::new(),
        };
        let first = receiver.line();
        receiver.base = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("{first}"))
            .to_owned();
        for provider in ["finqlink", "flinks", "linkcy", "linxo", "lynks"] {
            assert_eq!(receiver.line(), format!("route POST /webhooks/{provider}"));
        }
        std::fs::remove_file(jwks_file).unwrap();
        receiver
    }

    fn line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the receiver prints a line")
    }

    /// Posts `body` with `headers` to the provider's route; the status and
    /// the line printed for it.
    async fn post(&self, provider: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, String) {
        let mut request = reqwest::Client::new()
            .post(format!("{}/webhooks/{provider}", self.base))
            .timeout(Duration::from_secs(30))
            .body(body.to_vec());
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let status = request.send().await.unwrap().status().as_u16();
        (status, self.line())
    }
}

fn fixture(krate: &str, name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", krate, "fixtures", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

fn svix_headers(
    key: &[u8],
    msg_id: &str,
    timestamp: i64,
    body: &[u8],
) -> Vec<(&'static str, String)> {
    let ts = timestamp.to_string();
    let mac = hmac_sha256(key, &[msg_id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    vec![
        ("svix-id", msg_id.to_owned()),
        ("svix-timestamp", ts),
        ("svix-signature", format!("v1,{}", STANDARD.encode(mac))),
    ]
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .try_into()
        .unwrap()
}

struct FinqLinkKey(RsaKeyPair);

impl FinqLinkKey {
    fn jwks(&self) -> String {
        let public = self.0.public_key();
        let b64 = |b: &[u8]| URL_SAFE_NO_PAD.encode(b);
        serde_json::json!({ "keys": [{
            "kty": "RSA", "kid": "rsa-1", "alg": "RS256", "use": "sig",
            "n": b64(public.modulus().big_endian_without_leading_zero()),
            "e": b64(public.exponent().big_endian_without_leading_zero()),
        }]})
        .to_string()
    }

    fn headers(&self, body: &[u8]) -> Vec<(&'static str, String)> {
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","kid":"rsa-1"}"#),
            URL_SAFE_NO_PAD.encode(body)
        );
        let mut sig = vec![0; self.0.public_modulus_len()];
        self.0
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                input.as_bytes(),
                &mut sig,
            )
            .unwrap();
        vec![
            (
                "x-signature",
                format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig)),
            ),
            ("x-signature-kid", "rsa-1".to_owned()),
        ]
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_receiver_accepts_signed_deliveries_of_every_provider_and_refuses_forgeries() {
    let finqlink = FinqLinkKey(RsaKeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap());
    let receiver = Receiver::start(&finqlink.jwks());

    // FinqLink: JWS over the raw body.
    let body = fixture(
        "finqlink-client",
        "seed_jobs_webhook_job_status_update.json",
    );
    assert_eq!(
        receiver
            .post("finqlink", &finqlink.headers(&body), &body)
            .await,
        (
            204,
            "finqlink accepted job_status_update job job-uuid-456 is job_completed".into()
        )
    );
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("job_completed", "job_failed");
    assert_eq!(
        receiver
            .post("finqlink", &finqlink.headers(&body), tampered.as_bytes())
            .await,
        (
            401,
            "finqlink refused: webhook signature payload differs from the body".into()
        )
    );

    // Flinks: base64 HMAC of the body in the configured header.
    let body = fixture(
        "flinks-client",
        "schema_built_webhook_get_accounts_detail_from_seed_200.json",
    );
    let signature = STANDARD.encode(hmac_sha256(FLINKS_SECRET.as_bytes(), &[&body]));
    assert_eq!(
        receiver
            .post(
                "flinks",
                &[("x-flinks-signature", signature.clone())],
                &body
            )
            .await,
        (204, "flinks accepted GetAccountsDetail 1 account(s)".into())
    );
    let wrong = STANDARD.encode(hmac_sha256(b"not-the-secret", &[&body]));
    assert_eq!(
        receiver
            .post("flinks", &[("x-flinks-signature", wrong)], &body)
            .await,
        (401, "flinks refused: webhook signature is invalid".into())
    );
    assert_eq!(
        receiver.post("flinks", &[], &body).await,
        (
            401,
            "flinks refused: webhook header x-flinks-signature is missing".into()
        )
    );

    // Linkcy: Svix headers, with replay protection.
    let body = fixture("linkcy-client", "schema_built_webhook_card_created.json");
    assert_eq!(
        receiver
            .post(
                "linkcy",
                &svix_headers(LINKCY_KEY, "msg_1", now(), &body),
                &body
            )
            .await,
        (204, "linkcy accepted CARD_CREATED resource event".into())
    );
    let (status, line) = receiver
        .post(
            "linkcy",
            &svix_headers(LINKCY_KEY, "msg_1", now() - 3600, &body),
            &body,
        )
        .await;
    assert_eq!(status, 401);
    assert!(
        line.starts_with("linkcy refused: webhook timestamp is 3600 s from now")
            || line.starts_with("linkcy refused: webhook timestamp is 3601 s from now"),
        "{line}"
    );
    let unknown = br#"{"type":"LEDGER_FROZEN","data":{}}"#;
    assert_eq!(
        receiver
            .post(
                "linkcy",
                &svix_headers(LINKCY_KEY, "msg_2", now(), unknown),
                unknown
            )
            .await,
        (
            204,
            "linkcy accepted LEDGER_FROZEN (unknown event LEDGER_FROZEN, body kept)".into()
        )
    );

    // Linxo: no signature documented; the agreed Authorization header.
    let body = fixture(
        "linxo-client",
        "schema_built_webhook_connection_updated.json",
    );
    assert_eq!(
        receiver
            .post(
                "linxo",
                &[("authorization", LINXO_AUTHORIZATION.to_owned())],
                &body
            )
            .await,
        (204, "linxo accepted UPDATED connection 7730021".into())
    );
    assert_eq!(
        receiver
            .post(
                "linxo",
                &[("authorization", "Bearer guess".to_owned())],
                &body
            )
            .await,
        (401, "linxo refused: webhook signature is invalid".into())
    );

    // LYNKS: the same configurable HMAC as Flinks.
    let body = fixture(
        "lynks-client",
        "inferred_webhook_payment_processed_by_bank.json",
    );
    let signature = STANDARD.encode(hmac_sha256(LYNKS_SECRET.as_bytes(), &[&body]));
    assert_eq!(
        receiver
            .post("lynks", &[("x-lynks-signature", signature.clone())], &body)
            .await,
        (
            204,
            "lynks accepted PAYMENT_PROCESSED_BY_BANK event evt-2025-03-05-0001".into()
        )
    );
    let mut altered = body.clone();
    altered.push(b' ');
    assert_eq!(
        receiver
            .post("lynks", &[("x-lynks-signature", signature)], &altered)
            .await,
        (401, "lynks refused: webhook signature is invalid".into())
    );
    // A verified body that is not JSON is a bad request, not a crash.
    let not_json = b"<xml/>";
    let signature = STANDARD.encode(hmac_sha256(LYNKS_SECRET.as_bytes(), &[not_json]));
    let (status, line) = receiver
        .post("lynks", &[("x-lynks-signature", signature)], not_json)
        .await;
    assert_eq!(status, 400);
    assert!(
        line.starts_with("lynks refused: cannot decode the webhook body"),
        "{line}"
    );

    // No route for what is not a provider.
    let status = reqwest::Client::new()
        .post(format!("{}/webhooks/other", receiver.base))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 404);
}
