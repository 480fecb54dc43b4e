//! Payment links (pay-by-link): `/links/create`, `/links/get`,
//! `/links/list`.
//!
//! From the docs: the flow types, `options.ux_template`, decimal-string
//! amounts, the v2 statuses, the webhook's `link_id`/`web_id`, and the
//! list's `filter`/`pagination`. From the research notes (a published copy
//! of the API reference, not the docs this crate was built from):
//! `payment_method` (`provider_id`, `remitter_type`, `payment_scheme`,
//! `env`), `options.type`, `options.user_editable`, the link's `status`,
//! `is_expired`, `payment_method` and `service_provider`, and the first
//! ten link statuses. The docs hide the names of the payment intent
//! fields and of the link's id, URL and timestamps: those below
//! (`payment_intent`, `amount`, `currency`, `creditor_iban`, ..., `id`,
//! `web_url`, `inserted_at`, `expires_at`, `link_id` in `/links/get`) are
//! inferred and marked so.

use banking_core::money::Currency;
use chrono::{DateTime, Utc};
use futures::Stream;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::client::{ApiVersion, Body, Endpoint};
use crate::ids::{LinkId, ProviderId, WebId};
use crate::pagination::{self, PageInfo, Pagination, keyset_list};
use crate::providers::{OwnerType, PaymentMethod, PaymentScheme, Provider, ProviderEnv};
use crate::validate;
use crate::webui::UxTemplate;

banking_core::wire_enum! {
    /// A payment link's status.
    LinkStatus {
        /// Created via the API, not yet opened by the payer.
        Created = "created",
        /// Opened; a payment session exists.
        Started = "started",
        /// The payer pressed Pay; the payment intent is being submitted.
        Requested = "requested",
        /// The bank accepted the payment intent; SCA URL retrieved.
        IntentAccepted = "intent_accepted",
        /// The payer opened the bank's SCA page.
        AwaitingAuthz = "awaiting_authz",
        /// Received by the bank.
        Received = "received",
        /// Submitted by the bank.
        Submitted = "submitted",
        /// The payment completed.
        Completed = "completed",
        /// The payment failed.
        Failed = "failed",
        /// The link was revoked.
        Revoked = "revoked",
        /// v2: the creditor's bank confirmed the funds (by webhook).
        FundsReceived = "funds_received",
        /// v2: the creditor's bank rejected the funds (by webhook).
        FundsRejected = "funds_rejected",
    }
}

impl LinkStatus {
    /// The payment went through (`completed` or `funds_received`). Where
    /// the creditor's bank reports on funds (v2, `libra_ro` so far), a
    /// `completed` link may still turn `funds_rejected`.
    pub fn is_paid(&self) -> bool {
        matches!(self, LinkStatus::Completed | LinkStatus::FundsReceived)
    }

    /// The payment will not happen (`failed`, `revoked`, `funds_rejected`).
    pub fn is_failed(&self) -> bool {
        matches!(
            self,
            LinkStatus::Failed | LinkStatus::Revoked | LinkStatus::FundsRejected
        )
    }
}

banking_core::wire_enum! {
    /// How the payer goes through the payment (`options.type`).
    FlowType {
        /// Default: a transportable link opened in the FinqLink WebUI.
        Link = "link",
        /// The bank SCA URL, fetched at creation, wrapped in a transportable
        /// link (the payer cannot change bank; the URL may expire in minutes).
        WrappedSca = "wrapped_sca",
        /// App-to-app: the bank's own SCA URL, your app redirects (needs a
        /// custom eIDAS certificate setup).
        DirectSca = "direct_sca",
        /// App-to-app with the redirect going through the WebUI.
        RedirectSca = "redirect_sca",
    }
}

/// What is paid, to whom (`payment_intent`; inferred name, as are its
/// fields: the docs describe it as "payment intent data for a single
/// transfer" and show amounts as decimal strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentIntent {
    #[serde(with = "banking_core::money::wire::decimal_string")]
    amount: Decimal,
    currency: Currency,
    creditor_iban: String,
    creditor_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    remittance_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    debtor_iban: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    psu_id: Option<String>,
}

impl PaymentIntent {
    /// A transfer of `amount` `currency` to `creditor_iban`/`creditor_name`.
    /// The amount must be positive with no more decimals than the currency
    /// has (checked before sending); parse text with
    /// [`parse_amount`](crate::parse_amount).
    pub fn new(
        amount: Decimal,
        currency: Currency,
        creditor_iban: impl Into<String>,
        creditor_name: impl Into<String>,
    ) -> Self {
        PaymentIntent {
            amount,
            currency,
            creditor_iban: creditor_iban.into(),
            creditor_name: creditor_name.into(),
            remittance_info: None,
            debtor_iban: None,
            psu_id: None,
        }
    }

    /// Unstructured remittance information shown to both parties. FinqLink
    /// documents no limit; SEPA schemes carry at most 140 characters and
    /// the server refuses what the chosen scheme cannot carry.
    pub fn remittance_info(mut self, info: impl Into<String>) -> Self {
        self.remittance_info = Some(info.into());
        self
    }

    /// Pre-fills the payer's IBAN (otherwise the payer enters it).
    pub fn debtor_iban(mut self, iban: impl Into<String>) -> Self {
        self.debtor_iban = Some(iban.into());
        self
    }

    /// Pre-fills the payer's bank user id (PSU id), as some banks need.
    pub fn psu_id(mut self, psu_id: impl Into<String>) -> Self {
        self.psu_id = Some(psu_id.into());
        self
    }

    /// The amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    fn validate(&self) -> banking_core::Result<()> {
        banking_core::validate::amount_for_currency(
            "payment_intent.amount",
            self.amount,
            self.currency,
        )?;
        banking_core::validate::iban("payment_intent.creditor_iban", &self.creditor_iban)?;
        // FinqLink documents no length or character rules for the names and
        // texts of an intent (it serves SEPA, domestic and RoPay schemes with
        // different limits): only a creditor name is required, the server
        // decides the rest.
        if self.creditor_name.trim().is_empty() {
            return Err(banking_core::Error::validation(
                "payment_intent.creditor_name",
                "must not be empty",
            ));
        }
        if let Some(iban) = &self.debtor_iban {
            banking_core::validate::iban("payment_intent.debtor_iban", iban)?;
        }
        Ok(())
    }
}

/// The `payment_method` filter of a new link: which methods the payer may
/// use. By default all matching methods are offered; the payer may change
/// the filter only with [`LinkCreateRequest::user_editable`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct PaymentMethodFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_id: Option<ProviderId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    remitter_type: Vec<OwnerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_scheme: Option<PaymentScheme>,
    #[serde(skip_serializing_if = "Option::is_none")]
    env: Option<ProviderEnv>,
}

impl PaymentMethodFilter {
    /// No restriction.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this provider (bank).
    pub fn provider_id(mut self, provider: impl Into<ProviderId>) -> Self {
        self.provider_id = Some(provider.into());
        self
    }

    /// Only methods for this remitter type (repeatable on v2; v1 takes one).
    pub fn remitter_type(mut self, owner: OwnerType) -> Self {
        self.remitter_type.push(owner);
        self
    }

    /// Only this payment scheme.
    pub fn payment_scheme(mut self, scheme: PaymentScheme) -> Self {
        self.payment_scheme = Some(scheme);
        self
    }

    /// Only methods in this provider environment.
    pub fn env(mut self, env: ProviderEnv) -> Self {
        self.env = Some(env);
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct LinkOptions {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    flow: Option<FlowType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_editable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ux_template: Option<UxTemplate>,
}

impl LinkOptions {
    fn is_empty(&self) -> bool {
        *self == LinkOptions::default()
    }
}

/// Body of `/links/create`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct LinkCreateRequest {
    payment_intent: PaymentIntent,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_method: Option<PaymentMethodFilter>,
    #[serde(skip_serializing_if = "LinkOptions::is_empty")]
    options: LinkOptions,
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect_url: Option<Url>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webhook_url: Option<Url>,
}

impl LinkCreateRequest {
    /// A payment link for `intent`, with the default `link` flow.
    pub fn new(intent: PaymentIntent) -> Self {
        LinkCreateRequest {
            payment_intent: intent,
            payment_method: None,
            options: LinkOptions::default(),
            redirect_url: None,
            webhook_url: None,
        }
    }

    /// Restricts the payment methods offered.
    pub fn payment_method(mut self, filter: PaymentMethodFilter) -> Self {
        self.payment_method = Some(filter);
        self
    }

    /// The flow type (`options.type`).
    pub fn flow_type(mut self, flow: FlowType) -> Self {
        self.options.flow = Some(flow);
        self
    }

    /// Lets the payer change the payment method filter (`options.user_editable`).
    pub fn user_editable(mut self, editable: bool) -> Self {
        self.options.user_editable = Some(editable);
        self
    }

    /// The WebUI template (`options.ux_template`, v2 only).
    pub fn ux_template(mut self, template: UxTemplate) -> Self {
        self.options.ux_template = Some(template);
        self
    }

    /// Where the payer returns after paying (`redirect_url`, inferred name);
    /// an app URL scheme is allowed for the app-to-app flows.
    pub fn redirect_url(mut self, url: Url) -> Self {
        self.redirect_url = Some(url);
        self
    }

    /// Where `link_status_update` webhooks go (`webhook_url`, the name the
    /// consent docs use).
    pub fn webhook_url(mut self, url: Url) -> Self {
        self.webhook_url = Some(url);
        self
    }
}

impl Body for LinkCreateRequest {
    fn validate(&self, version: ApiVersion) -> banking_core::Result<()> {
        self.payment_intent.validate()?;
        if version == ApiVersion::V1 {
            if self.options.ux_template.is_some() {
                return Err(banking_core::Error::validation(
                    "options.ux_template",
                    "WebUI templates exist on the v2 API only",
                ));
            }
            if self
                .payment_method
                .as_ref()
                .is_some_and(|f| f.remitter_type.len() > 1)
            {
                return Err(banking_core::Error::validation(
                    "payment_method.remitter_type",
                    "v1 takes a single remitter type",
                ));
            }
        }
        if let Some(url) = &self.webhook_url {
            validate::web_url("webhook_url", url)?;
        }
        Ok(())
    }

    /// v1 takes `remitter_type` as one string, v2 as an array.
    fn adapt(
        &self,
        version: ApiVersion,
        fields: &mut serde_json::Value,
    ) -> banking_core::Result<()> {
        if version == ApiVersion::V1
            && let Some(remitter) = fields.pointer_mut("/payment_method/remitter_type")
            && let Some(first) = remitter.as_array().and_then(|a| a.first()).cloned()
        {
            *remitter = first;
        }
        Ok(())
    }
}

/// A payment link. `/links/get` returns one with `request_id` and `name`
/// (the API client's name); `/links/list` items may omit them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// Internal id (`id`, inferred name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LinkId>,
    /// Public id used in WebUI URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_id: Option<WebId>,
    /// Current status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LinkStatus>,
    /// Where to send the payer (`web_url`, inferred name): the WebUI for
    /// `link`/`wrapped_sca`, the bank's SCA page for `direct_sca`/
    /// `redirect_sca`; absent from `/links/get` for `direct_sca`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<Url>,
    /// Whether the link can no longer be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_expired: Option<bool>,
    /// Creation time (`inserted_at`, inferred from the list filter names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inserted_at: Option<DateTime<Utc>>,
    /// Expiry time (`expires_at`, inferred name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// The payment method the payer chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethod>,
    /// The bank the payer chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<Provider>,
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The API client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Body of `/links/get`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct LinkGetRequest {
    link_id: LinkId,
}

impl LinkGetRequest {
    /// The link with this id (sent as `link_id`, inferred name).
    pub fn new(link_id: LinkId) -> Self {
        LinkGetRequest { link_id }
    }
}

impl Body for LinkGetRequest {
    fn validate(&self, _version: ApiVersion) -> banking_core::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct LinkFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<LinkStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_at_from: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_at_to: Option<DateTime<Utc>>,
}

impl LinkFilter {
    fn is_empty(&self) -> bool {
        *self == LinkFilter::default()
    }
}

/// Body of `/links/list`: the API client's own links, newest first, filters
/// combined with AND (v2; v1 takes no filter or paging).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct LinksListRequest {
    #[serde(skip_serializing_if = "LinkFilter::is_empty")]
    filter: LinkFilter,
    #[serde(skip_serializing_if = "Pagination::is_default")]
    pagination: Pagination,
}

impl LinksListRequest {
    /// All links, first page.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only links with this status.
    pub fn status(mut self, status: LinkStatus) -> Self {
        self.filter.status = Some(status);
        self
    }

    /// Only links created at or after this time.
    pub fn inserted_at_from(mut self, from: DateTime<Utc>) -> Self {
        self.filter.inserted_at_from = Some(from);
        self
    }

    /// Only links created at or before this time.
    pub fn inserted_at_to(mut self, to: DateTime<Utc>) -> Self {
        self.filter.inserted_at_to = Some(to);
        self
    }
}

impl Body for LinksListRequest {
    fn validate(&self, version: ApiVersion) -> banking_core::Result<()> {
        if version == ApiVersion::V1 && !(self.filter.is_empty() && self.pagination.is_default()) {
            return Err(banking_core::Error::validation(
                "filter",
                "/links/list filters and paging exist on the v2 API only",
            ));
        }
        validate::range(
            "filter.inserted_at_from",
            self.filter.inserted_at_from.as_ref(),
            self.filter.inserted_at_to.as_ref(),
        )?;
        self.pagination.validate_links()
    }
}

/// The `/links/list` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LinkList {
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The API client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The API client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// This page's links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Paging (v2; v1 answers one page without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<PageInfo>,
}

keyset_list!(LinksListRequest => LinkList { links: Link });

/// Links page by the response-level `pagination.after` (changelog).
impl pagination::KeysetRecord for Link {
    fn keyset_value(&self) -> Option<&str> {
        None
    }
}

const CREATE: Endpoint = Endpoint::pay("links/create");
const GET: Endpoint = Endpoint::pay("links/get").read_only();
const LIST: Endpoint = Endpoint::pay("links/list").read_only();

banking_core::resource_handle! {
    /// `/links/*` calls. Get it with
    /// [`FinqLinkClient::links`](crate::FinqLinkClient::links).
    pub struct Links for crate::client::FinqLinkClient, "FinqLink";
}

impl Links<'_> {
    /// `POST /links/create`: creates a payment link. Never resent
    /// automatically.
    pub async fn create(&self, req: &LinkCreateRequest) -> banking_core::Result<Link> {
        self.handle
            .client()
            .call(CREATE, req, self.handle.options())
            .await
    }

    /// `POST /links/get`: one link and its status.
    pub async fn get(&self, req: &LinkGetRequest) -> banking_core::Result<Link> {
        self.handle
            .client()
            .call(GET, req, self.handle.options())
            .await
    }

    /// `POST /links/list`: one page of links.
    pub async fn list(&self, req: &LinksListRequest) -> banking_core::Result<LinkList> {
        self.handle
            .client()
            .call(LIST, req, self.handle.options())
            .await
    }

    /// Every link matching `req`, page after page, starting at its cursor.
    /// Lazy; stops at the first error.
    pub fn stream(
        &self,
        req: LinksListRequest,
    ) -> impl Stream<Item = banking_core::Result<Link>> + Send + 'static {
        pagination::items(&self.handle, LIST, req)
    }
}
