//! Payment providers (banks) and their payment and AIS methods:
//! `/providers/list` and `/providers/get`.
//!
//! The request options are documented (`show_ais_methods`,
//! `ais_methods_filter`); the response schema is not published beyond
//! `payment_methods[].remitter_type`. The other response field names reuse
//! the documented filter names (`provider_id`, `payment_scheme`, `env`,
//! `account_owner_type`, `interface_type`, `interface_env`) and are inferred.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::client::{ApiVersion, Body, Endpoint};
use crate::ids::ProviderId;

banking_core::wire_enum! {
    /// Whether a payer or an account owner is a person or a company
    /// (`remitter_type`, `account_owner_type`).
    OwnerType {
        /// A private person.
        Retail = "retail",
        /// A company.
        Corporate = "corporate",
    }
}

banking_core::wire_enum! {
    /// A provider environment (`env`, `interface_env`).
    ProviderEnv {
        /// The bank's sandbox.
        Sandbox = "sandbox",
        /// The bank's staging environment.
        Stage = "stage",
        /// The bank's production environment.
        Prod = "prod",
    }
}

banking_core::wire_enum! {
    /// A payment scheme (`payment_scheme`). The docs name instant, domestic
    /// and SEPA transfers but not their wire values: the values below are
    /// inferred; send any other with [`PaymentScheme::Unknown`].
    PaymentScheme {
        /// Instant transfer (inferred wire value).
        Instant = "instant",
        /// Domestic transfer (inferred wire value).
        Domestic = "domestic",
        /// SEPA transfer (inferred wire value).
        Sepa = "sepa",
    }
}

/// The remitter types a payment method accepts.
///
/// v1 sends one string (`"retail"`), v2 an array (`["retail", "corporate"]`);
/// both decode into this type. It encodes as the v2 array.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct RemitterTypes(Vec<OwnerType>);

impl RemitterTypes {
    /// The types, in wire order.
    pub fn as_slice(&self) -> &[OwnerType] {
        &self.0
    }

    /// Whether `owner` may pay with this method.
    pub fn accepts(&self, owner: &OwnerType) -> bool {
        self.0.contains(owner)
    }
}

impl From<Vec<OwnerType>> for RemitterTypes {
    fn from(types: Vec<OwnerType>) -> Self {
        Self(types)
    }
}

impl Serialize for RemitterTypes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RemitterTypes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;

        impl<'de> Visitor<'de> for OneOrMany {
            type Value = RemitterTypes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a remitter type string (v1) or an array of them (v2)")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RemitterTypes(vec![OwnerType::from(v)]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut types = Vec::with_capacity(seq.size_hint().unwrap_or(2));
                while let Some(t) = seq.next_element::<OwnerType>()? {
                    types.push(t);
                }
                Ok(RemitterTypes(types))
            }
        }

        deserializer.deserialize_any(OneOrMany)
    }
}

/// One way to pay through a provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentMethod {
    /// The provider offering the method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<ProviderId>,
    /// Who may pay with it (string in v1, array in v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remitter_type: Option<RemitterTypes>,
    /// The transfer scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_scheme: Option<PaymentScheme>,
    /// The provider environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<ProviderEnv>,
}

/// One way to read account data through a provider (v2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AisMethod {
    /// The provider offering the method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<ProviderId>,
    /// Whose accounts it reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_owner_type: Vec<OwnerType>,
    /// The bank interface type (values not documented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<String>,
    /// The bank interface environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_env: Option<ProviderEnv>,
}

/// A payment provider (bank) with its methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provider {
    /// The provider's code, e.g. `rzb_ro`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<ProviderId>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Payment methods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_methods: Vec<PaymentMethod>,
    /// AIS methods (v2, with `show_ais_methods`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ais_methods: Vec<AisMethod>,
    /// Request id, on `/providers/get` responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The `/providers/list` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderList {
    /// Request id for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The providers.
    #[serde(default)]
    pub providers: Vec<Provider>,
}

/// `options.ais_methods_filter` (v2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AisMethodsFilter {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    account_owner_type: Vec<OwnerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface_env: Option<ProviderEnv>,
}

impl AisMethodsFilter {
    /// No filter: all AIS methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keep methods for this account owner type (repeatable).
    pub fn account_owner_type(mut self, owner: OwnerType) -> Self {
        self.account_owner_type.push(owner);
        self
    }

    /// Keep methods with this interface type.
    pub fn interface_type(mut self, interface_type: impl Into<String>) -> Self {
        self.interface_type = Some(interface_type.into());
        self
    }

    /// Keep methods in this environment.
    pub fn interface_env(mut self, env: ProviderEnv) -> Self {
        self.interface_env = Some(env);
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct ProviderOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    show_ais_methods: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ais_methods_filter: Option<AisMethodsFilter>,
}

impl ProviderOptions {
    fn is_empty(&self) -> bool {
        self.show_ais_methods.is_none() && self.ais_methods_filter.is_none()
    }

    fn validate(&self, version: ApiVersion) -> banking_core::Result<()> {
        if version == ApiVersion::V1 && !self.is_empty() {
            return Err(banking_core::Error::validation(
                "options",
                "AIS method options exist on the v2 API only",
            ));
        }
        Ok(())
    }
}

/// Body of `/providers/list`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ProvidersListRequest {
    #[serde(skip_serializing_if = "ProviderOptions::is_empty")]
    options: ProviderOptions,
}

impl ProvidersListRequest {
    /// All providers with their payment methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// Include AIS methods (v2).
    pub fn show_ais_methods(mut self, show: bool) -> Self {
        self.options.show_ais_methods = Some(show);
        self
    }

    /// Filter the AIS methods shown (v2).
    pub fn ais_methods_filter(mut self, filter: AisMethodsFilter) -> Self {
        self.options.ais_methods_filter = Some(filter);
        self
    }
}

impl Body for ProvidersListRequest {
    fn validate(&self, version: ApiVersion) -> banking_core::Result<()> {
        self.options.validate(version)
    }
}

/// Body of `/providers/get`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ProvidersGetRequest {
    provider_id: ProviderId,
    #[serde(skip_serializing_if = "ProviderOptions::is_empty")]
    options: ProviderOptions,
}

impl ProvidersGetRequest {
    /// One provider by code (`provider_id`, an inferred field name).
    pub fn new(provider_id: impl Into<ProviderId>) -> Self {
        Self {
            provider_id: provider_id.into(),
            options: ProviderOptions::default(),
        }
    }

    /// Include AIS methods (v2).
    pub fn show_ais_methods(mut self, show: bool) -> Self {
        self.options.show_ais_methods = Some(show);
        self
    }

    /// Filter the AIS methods shown (v2).
    pub fn ais_methods_filter(mut self, filter: AisMethodsFilter) -> Self {
        self.options.ais_methods_filter = Some(filter);
        self
    }
}

impl Body for ProvidersGetRequest {
    fn validate(&self, version: ApiVersion) -> banking_core::Result<()> {
        self.options.validate(version)
    }
}

const LIST: Endpoint = Endpoint::pay("providers/list").read_only();
const GET: Endpoint = Endpoint::pay("providers/get").read_only();

banking_core::resource_handle! {
    /// `/providers/*` calls. Get it with
    /// [`FinqLinkClient::providers`](crate::FinqLinkClient::providers).
    pub struct Providers for crate::client::FinqLinkClient, "FinqLink";
}

impl Providers<'_> {
    /// `POST /providers/list`: providers and their payment (and AIS) methods.
    pub async fn list(&self, req: &ProvidersListRequest) -> banking_core::Result<ProviderList> {
        self.handle
            .client()
            .call(LIST, req, self.handle.options())
            .await
    }

    /// `POST /providers/get`: one provider.
    pub async fn get(&self, req: &ProvidersGetRequest) -> banking_core::Result<Provider> {
        self.handle
            .client()
            .call(GET, req, self.handle.options())
            .await
    }
}
