//! The provider clients as the matrix drives them: where their token and
//! API endpoints live, one read and one money-moving write each (or, for a
//! client that moves no money, its one non-idempotent call), the answers a
//! healthy server gives, and distinctive credentials that the secrecy suite
//! looks for.

use std::time::Duration;

use banking_core::Result;
use banking_core::money::Currency;
use banking_core::retry::RetryPolicy;
use banking_core::transport::Environment;
use futures::future::BoxFuture;
use rust_decimal::Decimal;
use secrecy::SecretString;
use url::Url;

use crate::fault_server::Reply;

/// The limits every client under test runs with: short, so that faults
/// resolve quickly, yet far above what a loopback answer needs.
pub(crate) const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(3);
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
pub(crate) const TOTAL_TIMEOUT: Duration = Duration::from_secs(15);
pub(crate) const MAX_ATTEMPTS: u32 = 3;

pub(crate) fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(MAX_ATTEMPTS)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .with_max_elapsed(Duration::from_secs(14))
}

/// Applies the limits above to any provider builder.
macro_rules! fast {
    ($builder:expr) => {
        $builder
            .connect_timeout(CONNECT_TIMEOUT)
            .attempt_timeout(ATTEMPT_TIMEOUT)
            .total_timeout(TOTAL_TIMEOUT)
            .retry_policy(fast_retries())
    };
}

/// A built client, reduced to the two calls the matrix makes.
pub(crate) trait Client: Send + Sync {
    /// The read (safe to resend).
    fn read(&self) -> BoxFuture<'_, Result<()>>;
    /// The write that moves money (or, for Linxo, which moves none, its one
    /// create).
    fn write(&self) -> BoxFuture<'_, Result<()>>;
    /// The client itself, for `Debug`.
    fn debug(&self) -> String;
    /// The client's transport, for requests the matrix describes itself.
    fn raw(&self) -> &banking_core::transport::Transport;
}

/// One endpoint a call reaches, and the answer of a healthy server.
#[derive(Clone, Copy)]
pub(crate) struct Endpoint {
    pub(crate) path: &'static str,
    pub(crate) status: u16,
    pub(crate) body: &'static str,
    /// Extra headers of the healthy answer.
    pub(crate) headers: &'static [(&'static str, &'static str)],
    /// JSON pointers of server enums in `body`.
    pub(crate) enums: &'static [&'static str],
}

impl Endpoint {
    pub(crate) fn ok(&self) -> Reply {
        self.with_body(self.body)
    }

    pub(crate) fn with_body(&self, body: &str) -> Reply {
        self.headers
            .iter()
            .fold(Reply::json(self.status, body), |reply, (name, value)| {
                reply.with_header(name, *value)
            })
    }
}

/// Everything the suites need to know about one provider client.
pub(crate) struct Provider {
    pub(crate) name: &'static str,
    /// Every path that hands out tokens (login, refresh, grants).
    pub(crate) token_paths: &'static [&'static str],
    /// A token answer carrying [`Provider::tokens`].
    pub(crate) token_body: fn() -> String,
    pub(crate) read: Endpoint,
    pub(crate) write: Endpoint,
    /// Builds the client against a server at `base`.
    pub(crate) connect: fn(&Url) -> Box<dyn Client>,
    /// The builder and credentials of that client, formatted with `{:?}`.
    pub(crate) describe: fn(&Url) -> Vec<String>,
    /// Credentials and served tokens that must never surface.
    pub(crate) secrets: &'static [&'static str],
}

macro_rules! fixture {
    ($krate:literal, $name:literal) => {
        include_str!(concat!("../../../", $krate, "/fixtures/", $name))
    };
}

fn oauth_token(access: &str, refresh: &str) -> String {
    serde_json::json!({
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": 3600,
    })
    .to_string()
}

pub(crate) const PROVIDERS: [Provider; 5] = [LINKCY, FINQLINK, FLINKS, LYNKS, LINXO];

/// Every row of the fault matrix: the five provider clients above, then the
/// two other Flinks clients (Connect and Outbound), which move no money.
pub(crate) const MATRIX: [Provider; 7] = [
    LINKCY,
    FINQLINK,
    FLINKS,
    LYNKS,
    LINXO,
    FLINKS_CONNECT,
    FLINKS_OUTBOUND,
];

// Linkcy: partner login; the token is a JWT whose `exp` is in 2100.
const LINKCY_PASSWORD: &str = "Lk7pWq2ZrX9vMb4N";
const LINKCY_JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwYXJ0bmVyLWFkbWluIiwiZXhwIjo0MTAyNDQ0ODAwfQ.Jw3TkQ8mVz5RbN2xLp7cHs4Yg";
const LINKCY_REFRESH: &str = "Rf5mQz8TkW2xVn7Lc3Pb";
const LINKCY_TRANSACTION: &str = "497f6eca-6276-4993-bfeb-53cbbbba6f08";

const LINKCY: Provider = Provider {
    name: "Linkcy",
    token_paths: &["/api/partner/login", "/api/partner/refresh"],
    token_body: || {
        serde_json::json!({"token": LINKCY_JWT, "refreshToken": LINKCY_REFRESH}).to_string()
    },
    read: Endpoint {
        path: "/api/partner/transactions/497f6eca-6276-4993-bfeb-53cbbbba6f08",
        status: 200,
        body: fixture!("linkcy-client", "seed_transactions_get_200.json"),
        headers: &[],
        enums: &["/type", "/paymentType", "/status"],
    },
    write: Endpoint {
        path: "/api/partner/transactions",
        status: 201,
        body: fixture!("linkcy-client", "seed_transactions_create_201.json"),
        headers: &[],
        enums: &[],
    },
    connect: |base| Box::new(linkcy(base).build().expect("a valid Linkcy configuration")),
    describe: |base| {
        vec![
            format!("{:?}", linkcy(base)),
            format!("{:?}", linkcy_credentials()),
        ]
    },
    secrets: &[LINKCY_PASSWORD, LINKCY_JWT, LINKCY_REFRESH],
};

fn linkcy_credentials() -> linkcy_client::LinkcyCredentials {
    linkcy_client::LinkcyCredentials::login(linkcy_client::LoginRequest::partner(
        "partner-admin",
        "acme",
        SecretString::from(LINKCY_PASSWORD),
    ))
}

pub(crate) fn linkcy(base: &Url) -> linkcy_client::LinkcyClientBuilder {
    fast!(
        linkcy_client::LinkcyClient::builder()
            .environment(Environment::Custom(base.clone()))
            .credentials(linkcy_credentials())
    )
}

impl Client for linkcy_client::LinkcyClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let id = LINKCY_TRANSACTION.parse().expect("a UUID");
            self.transactions().get(id).await.map(drop)
        })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let transfer = linkcy_client::BeneficiaryTransferRequest::new(
                Decimal::new(1521, 2),
                linkcy_client::BeneficiaryId::new(uuid::Uuid::from_u128(
                    0x410e5c37_9603_4e5b_81b1_7cb895f362e8,
                )),
                linkcy_client::LedgerId::new(uuid::Uuid::from_u128(
                    0xb595c981_8a0f_4604_a66c_209d65193394,
                )),
            );
            self.transactions()
                .create(&transfer, &linkcy_client::ScaOptions::new())
                .await
                .map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}

// FinqLink: OAuth2 client credentials at a URL Finqware hands out.
const FINQLINK_SECRET: &str = "Fq3nHv8KpT5wZc2M";
const FINQLINK_TOKEN: &str = "Fa9tXk4QmW7pLz2Rv6Nb";

const FINQLINK: Provider = Provider {
    name: "FinqLink",
    token_paths: &["/oauth/token"],
    token_body: || oauth_token(FINQLINK_TOKEN, "Fr2kPw9LxM4tQz7V"),
    read: Endpoint {
        path: "/test/links/get",
        status: 200,
        body: fixture!("finqlink-client", "schema_built_links_get_200.json"),
        headers: &[],
        enums: &["/status", "/payment_method/payment_scheme"],
    },
    write: Endpoint {
        path: "/test/links/create",
        status: 200,
        body: fixture!("finqlink-client", "schema_built_links_create_200.json"),
        headers: &[],
        enums: &[],
    },
    connect: |base| {
        Box::new(
            finqlink(base)
                .build()
                .expect("a valid FinqLink configuration"),
        )
    },
    describe: |base| {
        vec![
            format!("{:?}", finqlink(base)),
            format!("{:?}", finqlink_credentials(base)),
        ]
    },
    secrets: &[FINQLINK_SECRET, FINQLINK_TOKEN, "Fr2kPw9LxM4tQz7V"],
};

fn finqlink_credentials(base: &Url) -> finqlink_client::Credentials {
    finqlink_client::Credentials::oauth2(
        base.join("oauth/token").expect("a URL"),
        "finq-client",
        SecretString::from(FINQLINK_SECRET),
    )
}

pub(crate) fn finqlink(base: &Url) -> finqlink_client::FinqLinkClientBuilder {
    fast!(
        finqlink_client::FinqLinkClient::builder()
            .environment(finqlink_client::Environment::Sandbox)
            .host(base.clone())
            .credentials(finqlink_credentials(base))
    )
}

impl Client for finqlink_client::FinqLinkClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let id = "6f1c2a4e-8d3b-4c57-9a0e-1b2c3d4e5f60"
                .parse()
                .expect("a UUID");
            let request = finqlink_client::links::LinkGetRequest::new(id);
            self.links().get(&request).await.map(drop)
        })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let intent = finqlink_client::links::PaymentIntent::new(
                Decimal::new(10050, 2),
                Currency::RON,
                "RO10RZBR0000069999999970",
                "Demo Shop SRL",
            );
            let request = finqlink_client::links::LinkCreateRequest::new(intent);
            self.links().create(&request).await.map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}

// Flinks Pay: a single-use token per request (Basic client credentials).
pub(crate) const FLINKS_CLIENT_ID: &str = "pay-client";
pub(crate) const FLINKS_SECRET: &str = "Fk6sBn3VqY8mJx5T";
const FLINKS_TOKEN: &str = "Ft4wRz9KcL2pXm7Qh5Vd";

const FLINKS: Provider = Provider {
    name: "Flinks Pay",
    token_paths: &["/api/v1/authorize"],
    token_body: || oauth_token(FLINKS_TOKEN, "unused-refresh"),
    read: Endpoint {
        path: "/api/v1/paymentrequests/4b1f8c2e-6a3d-4e59-9b7a-2f0c1d3e5a77",
        status: 200,
        body: fixture!("flinks-client", "pay_schema_built_payment_request_200.json"),
        headers: &[],
        enums: &["/status"],
    },
    write: Endpoint {
        path: "/api/v1/transactions",
        status: 200,
        body: fixture!("flinks-client", "pay_seed_eft_create_transaction_200.json"),
        headers: &[],
        enums: &["/schedules/0/status", "/schedules/0/frequency"],
    },
    connect: |base| {
        Box::new(
            flinks_pay(base)
                .build()
                .expect("a valid Flinks Pay configuration"),
        )
    },
    describe: |base| vec![format!("{:?}", flinks_pay(base))],
    secrets: &[FLINKS_SECRET, FLINKS_TOKEN],
};

pub(crate) fn flinks_pay(base: &Url) -> flinks_client::pay::PayClientBuilder {
    fast!(
        flinks_client::pay::PayClient::builder()
            .environment(Environment::Custom(base.clone()))
            .credentials(FLINKS_CLIENT_ID, SecretString::from(FLINKS_SECRET))
            .x_client_id("x-client-123")
    )
}

impl Client for flinks_client::pay::PayClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let id = "4b1f8c2e-6a3d-4e59-9b7a-2f0c1d3e5a77"
                .parse()
                .expect("a UUID");
            self.payment_requests().get(&id).await.map(drop)
        })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        use flinks_client::pay::{
            AccountInfo, ContactInfo, EftParty, EftTransaction, ScheduleInfo,
        };
        Box::pin(async move {
            let start = chrono::Utc::now().date_naive() + chrono::Days::new(7);
            let transaction = EftTransaction::debit(
                Decimal::from(250),
                Currency::CAD,
                EftParty::new(
                    AccountInfo::new("001", "12345", "1234567"),
                    ContactInfo::new("Jane", "Doe"),
                ),
                ScheduleInfo::one_time(start),
            )
            .transaction_code(1)
            .description("Invoice 1001");
            self.transactions().create(&transaction).await.map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}

// LYNKS: the OAuth2 password grant.
const LYNKS_PASSWORD: &str = "Ly5hGt8WnQ3zKp6X";
const LYNKS_SECRET: &str = "Ls2cVm7RxB4qJw9T";
const LYNKS_TOKEN: &str = "La8pZr3MvK6tWq2Nx5Lh";
const LYNKS_REFRESH: &str = "Lr4nXq7TzP2wKm9Vc";

const LYNKS: Provider = Provider {
    name: "LYNKS",
    token_paths: &["/token"],
    token_body: || oauth_token(LYNKS_TOKEN, LYNKS_REFRESH),
    read: Endpoint {
        path: "/v2/ordering-party-accounts",
        status: 200,
        body: fixture!("lynks-client", "inferred_accounts_list_200.json"),
        headers: &[],
        enums: &["/0/status"],
    },
    write: Endpoint {
        path: "/v2/credit-transfers",
        status: 201,
        body: fixture!(
            "lynks-client",
            "schema_built_credit_transfers_create_201.json"
        ),
        headers: &[],
        enums: &[],
    },
    connect: |base| Box::new(lynks(base).build().expect("a valid LYNKS configuration")),
    describe: |base| {
        vec![
            format!("{:?}", lynks(base)),
            format!("{:?}", lynks_credentials()),
        ]
    },
    secrets: &[LYNKS_PASSWORD, LYNKS_SECRET, LYNKS_TOKEN, LYNKS_REFRESH],
};

fn lynks_credentials() -> lynks_client::LynksCredentials {
    lynks_client::LynksCredentials::new("lynks-app", "api-user", SecretString::from(LYNKS_PASSWORD))
        .client_secret(SecretString::from(LYNKS_SECRET))
}

pub(crate) fn lynks(base: &Url) -> lynks_client::LynksClientBuilder {
    fast!(
        lynks_client::LynksClient::builder()
            .environment(Environment::Custom(base.clone()))
            .credentials(lynks_credentials())
    )
}

impl Client for lynks_client::LynksClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move { self.accounts().list().await.map(drop) })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let payment = lynks_client::credit_transfers::NewCreditTransfer::new(
                "0b7c6f2e-5d1a-4f8e-9c3b-2a1d0e9f8c7b".into(),
                "c0ffee00-0000-4000-8000-000000000001".into(),
                Decimal::new(1_250_000, 2),
                Currency::EUR,
                "cat-1".into(),
            );
            self.credit_transfers().create(&[payment]).await.map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}

// Linxo Connect: client credentials; its one write creates a user (Linxo
// is read-only banking data: nothing it offers moves money).
const LINXO_SECRET: &str = "Lx9dFr2QwT6mZk3B";
const LINXO_TOKEN: &str = "Lt3vNq8XkW5pRz2Mc7Jg";
const LINXO_USER_PASSWORD: &str = "Lu6wKp3ZtQ9xMv2R";

const LINXO: Provider = Provider {
    name: "Linxo",
    token_paths: &["/auth/token"],
    token_body: || oauth_token(LINXO_TOKEN, "Lf7mTq2WxK9pNz4V"),
    read: Endpoint {
        path: "/providers",
        status: 200,
        body: fixture!(
            "linxo-client",
            "schema_built_inferred_providers_list_200.json"
        ),
        headers: &[],
        enums: &[],
    },
    write: Endpoint {
        path: "/users",
        status: 201,
        body: "",
        headers: &[("location", "/users/5120034")],
        enums: &[],
    },
    connect: |base| Box::new(linxo(base).build().expect("a valid Linxo configuration")),
    describe: |base| {
        let user = linxo_client::NewUser::new("jean.martin@example.com", linxo_password());
        vec![format!("{:?}", linxo(base)), format!("{user:?}")]
    },
    secrets: &[
        LINXO_SECRET,
        LINXO_TOKEN,
        LINXO_USER_PASSWORD,
        "Lf7mTq2WxK9pNz4V",
    ],
};

fn linxo_password() -> SecretString {
    SecretString::from(LINXO_USER_PASSWORD)
}

pub(crate) fn linxo(base: &Url) -> linxo_client::LinxoClientBuilder {
    fast!(
        linxo_client::LinxoClient::builder()
            .environment(Environment::Custom(base.clone()))
            .auth_url(base.join("auth/").expect("a URL"))
            .client_credentials("linxo-app", SecretString::from(LINXO_SECRET))
    )
}

impl Client for linxo_client::LinxoClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            self.providers()
                .list(&linxo_client::ProvidersQuery::new())
                .await
                .map(drop)
        })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let user = linxo_client::NewUser::new("jean.martin@example.com", linxo_password());
            self.users().create(&user).await.map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}

// Flinks Connect: the data calls carry a static `x-api-key`; `Authorize`
// carries a single-use token from `GenerateAuthorizeToken` (secret key),
// fetched for each call. Connect moves no money: `Authorize`, which opens a
// session and is never resent, stands in the write column.
const CONNECT_SECRET_KEY: &str = "Fc8kTq3WzM6pXv2R";
const CONNECT_API_KEY: &str = "Fk2vNx7QpL4tRz9W";
const CONNECT_TOKEN: &str = "Fa5mWq8ZkT3xLp6Vc2Nb";
const CONNECT_CUSTOMER: u128 = 0x43387ca6_0391_4c82_857d_70d95f087ecb;

const FLINKS_CONNECT: Provider = Provider {
    name: "Flinks Connect",
    token_paths: &[
        "/v3/43387ca6-0391-4c82-857d-70d95f087ecb/BankingServices/GenerateAuthorizeToken",
    ],
    token_body: || serde_json::json!({"HttpStatusCode": 200, "Token": CONNECT_TOKEN}).to_string(),
    read: Endpoint {
        path: "/v3/43387ca6-0391-4c82-857d-70d95f087ecb/BankingServices/GetAccountsDetail",
        status: 200,
        body: fixture!("flinks-client", "research_accounts_detail_200.json"),
        headers: &[],
        enums: &["/Accounts/0/Category", "/Accounts/0/Type"],
    },
    write: Endpoint {
        path: "/v3/43387ca6-0391-4c82-857d-70d95f087ecb/BankingServices/Authorize",
        status: 200,
        body: fixture!("flinks-client", "schema_built_authorize_200.json"),
        headers: &[],
        enums: &["/Login/Type"],
    },
    connect: |base| {
        Box::new(
            flinks_connect(base)
                .build()
                .expect("a valid Flinks Connect configuration"),
        )
    },
    describe: |base| vec![format!("{:?}", flinks_connect(base))],
    secrets: &[CONNECT_SECRET_KEY, CONNECT_API_KEY, CONNECT_TOKEN],
};

pub(crate) fn flinks_connect(base: &Url) -> flinks_client::FlinksClientBuilder {
    fast!(
        flinks_client::FlinksClient::builder()
            .environment(Environment::Custom(base.clone()))
            .customer_id(flinks_client::ids::CustomerId::new(uuid::Uuid::from_u128(
                CONNECT_CUSTOMER
            )))
            .secret_key(SecretString::from(CONNECT_SECRET_KEY))
            .api_key(SecretString::from(CONNECT_API_KEY))
    )
}

impl Client for flinks_client::FlinksClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let session = flinks_client::ids::RequestId::new(uuid::Uuid::from_u128(
                0x1243c283_e0ca_4fda_a5e4_343068430190,
            ));
            let request = flinks_client::connect::AccountsDetailRequest::new(session);
            self.connect().accounts_detail(&request).await.map(drop)
        })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let login = flinks_client::ids::LoginId::new(uuid::Uuid::from_u128(
                0x5e115eac_1209_4f19_641c_08d6d484e2fe,
            ));
            let request = flinks_client::connect::AuthorizeRequest::cached(login);
            self.connect().authorize(&request).await.map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}

// Flinks Outbound: OAuth2 client credentials (`client:admin`). Outbound
// moves no money: its write column is `POST /api/v1/recipients`, a create
// that is never resent.
const OUTBOUND_SECRET: &str = "Fo4rKz9TmW2xQv7L";
const OUTBOUND_TOKEN: &str = "Fb7nLq2XwR5kTz8Mp3Vd";

const FLINKS_OUTBOUND: Provider = Provider {
    name: "Flinks Outbound",
    token_paths: &["/api/v1/token"],
    token_body: || oauth_token(OUTBOUND_TOKEN, "Fo9wMx3KqT6zLr2N"),
    read: Endpoint {
        path: "/api/v1/providers",
        status: 200,
        body: fixture!(
            "flinks-client",
            "outbound_seed_providers_supported_200.json"
        ),
        headers: &[],
        enums: &["/0/scopes/0"],
    },
    write: Endpoint {
        path: "/api/v1/recipients",
        status: 200,
        body: fixture!("flinks-client", "outbound_schema_built_recipient_200.json"),
        headers: &[],
        enums: &[],
    },
    connect: |base| {
        Box::new(
            flinks_outbound(base)
                .build()
                .expect("a valid Flinks Outbound configuration"),
        )
    },
    describe: |base| vec![format!("{:?}", flinks_outbound(base))],
    secrets: &[OUTBOUND_SECRET, OUTBOUND_TOKEN, "Fo9wMx3KqT6zLr2N"],
};

pub(crate) fn flinks_outbound(base: &Url) -> flinks_client::outbound::OutboundClientBuilder {
    fast!(
        flinks_client::outbound::OutboundClient::builder()
            .environment(Environment::Custom(base.clone()))
            .credentials("outbound-partner", SecretString::from(OUTBOUND_SECRET))
    )
}

impl Client for flinks_client::outbound::OutboundClient {
    fn read(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move { self.providers().list().await.map(drop) })
    }

    fn write(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let recipient = flinks_client::outbound::CreateRecipient::new(
                "Example Lender",
                ["https://example.com/callback".parse().expect("a URL")],
            );
            self.recipients().create(&recipient).await.map(drop)
        })
    }

    fn debug(&self) -> String {
        format!("{self:?}")
    }

    fn raw(&self) -> &banking_core::transport::Transport {
        self.raw()
    }
}
