//! The five client builders share the transport's settings and checks: the
//! integrator's HTTP client builder is used, unsafe base URLs and zero
//! timeouts are refused, and missing or empty credentials are one error.

use std::time::Duration;

use banking_core::reqwest;
use banking_core::transport::{Environment, Request, RequestAuth, Transport};
use banking_core::{Error, Result};
use secrecy::SecretString;
use wiremock::matchers::{header as has_header, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// How a test configures a builder beyond its URL and credentials.
struct Options {
    http: Option<reqwest::ClientBuilder>,
    attempt_timeout: Option<Duration>,
}

macro_rules! configure {
    ($builder:expr, $options:expr) => {{
        let mut builder = $builder;
        if let Some(http) = $options.http {
            builder = builder.http_client_builder(http);
        }
        if let Some(timeout) = $options.attempt_timeout {
            builder = builder.attempt_timeout(timeout);
        }
        builder.build().map(|client| client.raw().clone())
    }};
}

/// Builds one crate's client to `url` with `secret` as its secret
/// credential, or no credentials when `secret` is `None`.
type Build = fn(&str, Option<&str>, Options) -> Result<Transport>;

fn env(url: &str) -> Environment {
    Environment::Custom(url.parse().unwrap())
}

fn lynks(url: &str, secret: Option<&str>, options: Options) -> Result<Transport> {
    let mut b = lynks_client::LynksClient::builder().environment(env(url));
    if let Some(secret) = secret {
        b = b.credentials(lynks_client::LynksCredentials::new(
            "client",
            "user",
            SecretString::from(secret),
        ));
    }
    configure!(b, options)
}

fn linxo(url: &str, secret: Option<&str>, options: Options) -> Result<Transport> {
    let mut b = linxo_client::LinxoClient::builder().environment(env(url));
    if let Some(secret) = secret {
        b = b.client_credentials("client", SecretString::from(secret));
    }
    configure!(b, options)
}

fn finqlink(url: &str, secret: Option<&str>, options: Options) -> Result<Transport> {
    let mut b = finqlink_client::FinqLinkClient::builder().environment(env(url));
    if let Some(secret) = secret {
        b = b.credentials(finqlink_client::Credentials::test_mode(
            "client",
            SecretString::from(secret),
        ));
    }
    configure!(b, options)
}

fn flinks(url: &str, secret: Option<&str>, options: Options) -> Result<Transport> {
    let mut b = flinks_client::FlinksClient::builder()
        .environment(env(url))
        .customer_id("43387ca6-0391-4c82-857d-70d95f087ecb".parse().unwrap());
    if let Some(secret) = secret {
        b = b.secret_key(SecretString::from(secret));
    }
    configure!(b, options)
}

fn linkcy(url: &str, secret: Option<&str>, options: Options) -> Result<Transport> {
    let mut b = linkcy_client::LinkcyClient::builder().environment(env(url));
    if let Some(secret) = secret {
        b = b.credentials(linkcy_client::LinkcyCredentials::login(
            linkcy_client::LoginRequest::partner("me", "acme", SecretString::from(secret)),
        ));
    }
    configure!(b, options)
}

const BUILDERS: [(&str, Build); 5] = [
    ("lynks", lynks),
    ("linxo", linxo),
    ("finqlink", finqlink),
    ("flinks", flinks),
    ("linkcy", linkcy),
];

fn plain() -> Options {
    Options {
        http: None,
        attempt_timeout: None,
    }
}

#[tokio::test]
async fn every_builder_sends_through_the_integrators_http_client() {
    for (name, build) in BUILDERS {
        let server = MockServer::start().await;
        Mock::given(path_regex("/probe$"))
            .and(has_header("x-integrator", "acme"))
            .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
            .expect(1)
            .named(name)
            .mount(&server)
            .await;
        let options = Options {
            http: Some(banking_core::testkit::integrator_client_builder()),
            ..plain()
        };
        let transport = build(&server.uri(), Some("secret"), options).unwrap();
        let request = Request::get("/probe").auth(RequestAuth::None);
        let status = transport.send(request).await.unwrap().status();
        assert_eq!(status, 200, "{name}");
    }
}

#[test]
fn every_builder_refuses_what_would_hurt_later() {
    for (name, build) in BUILDERS {
        for url in [
            "http://api.example.com/",
            "ftp://api.example.com/",
            "https://api.example.com/?tenant=a",
            "https://api.example.com/#a",
        ] {
            let error = build(url, Some("secret"), plain()).unwrap_err();
            assert!(matches!(error, Error::Config(_)), "{name} {url}: {error:?}");
        }
        let zero = Options {
            attempt_timeout: Some(Duration::ZERO),
            ..plain()
        };
        let error = build("https://api.example.com/", Some("secret"), zero).unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{name}: {error:?}");
        build("http://127.0.0.1:9/", Some("secret"), plain()).unwrap();
    }
}

#[test]
fn missing_and_empty_credentials_are_the_same_error_in_every_crate() {
    for (name, build) in BUILDERS {
        for secret in [None, Some(""), Some("  ")] {
            let error = build("https://api.example.com/", secret, plain()).unwrap_err();
            assert!(
                matches!(error, Error::Config(_)),
                "{name} {secret:?}: {error:?}"
            );
        }
    }
}

#[test]
fn every_crate_reexports_the_shared_types_at_its_root() {
    use std::any::TypeId;
    macro_rules! shared {
        ($($krate:ident),+) => {$(
            assert_eq!(TypeId::of::<$krate::Error>(), TypeId::of::<banking_core::Error>());
            assert_eq!(TypeId::of::<$krate::Result<()>>(), TypeId::of::<banking_core::Result<()>>());
            assert_eq!(TypeId::of::<$krate::Money>(), TypeId::of::<banking_core::money::Money>());
            assert_eq!(
                TypeId::of::<$krate::RetryPolicy>(),
                TypeId::of::<banking_core::retry::RetryPolicy>()
            );
        )+};
    }
    shared!(
        lynks_client,
        linxo_client,
        finqlink_client,
        flinks_client,
        linkcy_client
    );
    for environment in [
        TypeId::of::<lynks_client::Environment>(),
        TypeId::of::<linxo_client::Environment>(),
        TypeId::of::<finqlink_client::Environment>(),
        TypeId::of::<flinks_client::Environment>(),
        TypeId::of::<linkcy_client::Environment>(),
    ] {
        assert_eq!(
            environment,
            TypeId::of::<banking_core::transport::Environment>()
        );
    }
}
