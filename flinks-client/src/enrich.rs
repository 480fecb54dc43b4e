//! Enrich: attribute packages computed from a connected login's data
//! (`/v3/{customerId}/insight/login/{loginId}/attributes/{requestId}/...`).
//!
//! Call order: `Authorize` (cached) → `GetAccountsDetail` until ready → the
//! attributes. Authenticated with `x-api-key` (the docs do not name the
//! credential of these endpoints; it is the one of the other data
//! endpoints).

mod categorization;
mod library;
mod score;

use banking_core::transport::Request;
use banking_core::{Error, Result};
use serde::Serialize;

pub use categorization::Categorization;
pub use library::{Library, LibraryEntry};
pub use score::{PersonalInformation, Score, ScoreAddress, ScoreRequest, Sex};

use crate::attributes::validate_names;
pub use crate::attributes::{
    AttributeCard, AttributeDetail, AttributeTransaction, AttributeValue, Attributes,
};
use crate::category::AccountCategory;
use crate::client::FlinksClient;
use crate::ids::{LoginId, RequestId};

const CUSTOM_PATH: &str = "insight/login/{loginId}/attributes/{requestId}";

/// The attribute packages (`GET .../attributes/{requestId}/Get...Attributes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AttributePackage {
    /// `GetAllBusinessAttributes`: every business attribute (Tier 2+).
    AllBusiness,
    /// `GetCreditRiskAttributes`: the credit-risk use case.
    ///
    /// The seed's "Get Credit Risk Attributes" page lists `customerId`,
    /// `loginId` and `requestId` as mandatory query parameters and gives
    /// the endpoint only as its page name (`/get-credit-risk-attributes`);
    /// the research notes' endpoint table (docs.flinks.com) gives the path
    /// of the other packages. Both are sent: the path, and the three ids as
    /// query parameters.
    CreditRisk,
    /// `GetUserAnalysisAttributes`: income, credit risk and fraud signals.
    UserAnalysis,
    /// `GetIncomeAttributes`: the income use case.
    Income,
    /// `GetLendingAttributes`: the lending use case.
    Lending,
    /// `GetAllAttributes`: every consumer attribute (Tier 2+).
    All,
    /// `GetBusinessAnalysisAttributes`: the business use case.
    BusinessAnalysis,
}

impl AttributePackage {
    /// The endpoint name (`GetCreditRiskAttributes`).
    pub fn endpoint(self) -> &'static str {
        self.path().rsplit('/').next().unwrap_or_default()
    }

    fn path(self) -> &'static str {
        match self {
            Self::AllBusiness => {
                "insight/login/{loginId}/attributes/{requestId}/GetAllBusinessAttributes"
            }
            Self::CreditRisk => {
                "insight/login/{loginId}/attributes/{requestId}/GetCreditRiskAttributes"
            }
            Self::UserAnalysis => {
                "insight/login/{loginId}/attributes/{requestId}/GetUserAnalysisAttributes"
            }
            Self::Income => "insight/login/{loginId}/attributes/{requestId}/GetIncomeAttributes",
            Self::Lending => "insight/login/{loginId}/attributes/{requestId}/GetLendingAttributes",
            Self::All => "insight/login/{loginId}/attributes/{requestId}/GetAllAttributes",
            Self::BusinessAnalysis => {
                "insight/login/{loginId}/attributes/{requestId}/GetBusinessAnalysisAttributes"
            }
        }
    }
}

/// The custom `/Attributes` request: the attributes you choose.
///
/// The body keeps the casing of Flinks' C# SDK, the only sample there is:
/// `{"attributes": {"card": [...]}, "filters": {"accountCategory": [...]},
/// "options": {"AttributesDetail": [...]}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct CustomAttributesRequest {
    login_id: LoginId,
    request_id: RequestId,
    card: Vec<String>,
    account_categories: Vec<AccountCategory>,
    attributes_detail: Vec<String>,
}

impl CustomAttributesRequest {
    /// The attributes named in `card` for the session `request_id` of
    /// `login_id`.
    pub fn new(
        login_id: LoginId,
        request_id: RequestId,
        card: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            login_id,
            request_id,
            card: card.into_iter().map(Into::into).collect(),
            account_categories: Vec::new(),
            attributes_detail: Vec::new(),
        }
    }

    /// Only transactions of these account categories (`filters.accountCategory`;
    /// the docs say only `Operations` is supported).
    pub fn account_categories(
        mut self,
        categories: impl IntoIterator<Item = AccountCategory>,
    ) -> Self {
        self.account_categories = categories.into_iter().collect();
        self
    }

    /// Also return the transactions behind these attributes
    /// (`options.AttributesDetail`); each must be in the card.
    pub fn attributes_detail(mut self, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.attributes_detail = names.into_iter().map(Into::into).collect();
        self
    }

    fn validate(&self) -> Result<()> {
        validate_names("attributes.card", &self.card)?;
        if self.card.is_empty() {
            return Err(Error::validation(
                "attributes.card",
                "at least one attribute is required",
            ));
        }
        validate_names("options.AttributesDetail", &self.attributes_detail)
    }
}

impl Serialize for CustomAttributesRequest {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Card<'a> {
            card: &'a [String],
        }
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Filters<'a> {
            account_category: &'a [AccountCategory],
        }
        #[derive(Serialize)]
        struct Options<'a> {
            #[serde(rename = "AttributesDetail")]
            attributes_detail: &'a [String],
        }
        #[derive(Serialize)]
        struct Body<'a> {
            attributes: Card<'a>,
            #[serde(skip_serializing_if = "Option::is_none")]
            filters: Option<Filters<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            options: Option<Options<'a>>,
        }
        Body {
            attributes: Card { card: &self.card },
            filters: (!self.account_categories.is_empty()).then_some(Filters {
                account_category: &self.account_categories,
            }),
            options: (!self.attributes_detail.is_empty()).then_some(Options {
                attributes_detail: &self.attributes_detail,
            }),
        }
        .serialize(serializer)
    }
}

banking_core::resource_handle! {
    /// The Enrich API of a [`FlinksClient`]; get it with
    /// [`FlinksClient::enrich`].
    pub struct Enrich for FlinksClient, "Flinks";
}

impl<'a> Enrich<'a> {
    /// `GET .../attributes/{requestId}/Get...Attributes`: one attribute
    /// package for the session `request_id` of `login_id`.
    pub async fn attributes(
        &self,
        package: AttributePackage,
        login_id: LoginId,
        request_id: RequestId,
    ) -> Result<Attributes> {
        let mut http = Request::get(package.path())
            .param("loginId", login_id)
            .param("requestId", request_id);
        if package == AttributePackage::CreditRisk {
            http = http
                .query("customerId", self.handle.client().customer_id())
                .query("loginId", login_id)
                .query("requestId", request_id);
        }
        let http = http.auth(self.handle.client().api_key_auth(package.endpoint())?);
        self.handle.send_json(http).await
    }

    /// `POST .../attributes/{requestId}`: the attributes you choose.
    pub async fn custom_attributes(&self, request: &CustomAttributesRequest) -> Result<Attributes> {
        request.validate()?;
        // Computes attributes from data Flinks already holds: a read.
        let http = Request::post(CUSTOM_PATH)
            .param("loginId", request.login_id)
            .param("requestId", request.request_id)
            .json(request)?
            .read_only()
            .auth(self.handle.client().api_key_auth("Attributes")?);
        self.handle.send_json(http).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(card: &[&str]) -> CustomAttributesRequest {
        CustomAttributesRequest::new(
            LoginId::new(uuid::Uuid::from_u128(1)),
            RequestId::new(uuid::Uuid::from_u128(2)),
            card.iter().copied(),
        )
    }

    #[test]
    fn body_uses_the_sdk_casing_and_skips_empty_parts() {
        assert_eq!(
            serde_json::to_value(request(&["sum_debits_30_days"])).unwrap(),
            serde_json::json!({ "attributes": { "card": ["sum_debits_30_days"] } })
        );
        let full = request(&["a", "b"])
            .account_categories([AccountCategory::Operations])
            .attributes_detail(["b"]);
        assert_eq!(
            serde_json::to_value(full).unwrap(),
            serde_json::json!({
                "attributes": { "card": ["a", "b"] },
                "filters": { "accountCategory": ["Operations"] },
                "options": { "AttributesDetail": ["b"] }
            })
        );
    }

    #[test]
    fn names_are_checked_no_further_than_the_docs() {
        assert!(request(&[]).validate().is_err());
        assert!(request(&["a", " "]).validate().is_err());
        // Repeats and details outside the card are the server's to judge.
        request(&["a", "a"]).validate().unwrap();
        request(&["a"]).attributes_detail(["b"]).validate().unwrap();
    }

    #[test]
    fn package_endpoints() {
        assert_eq!(
            AttributePackage::CreditRisk.endpoint(),
            "GetCreditRiskAttributes"
        );
        assert_eq!(
            AttributePackage::AllBusiness.endpoint(),
            "GetAllBusinessAttributes"
        );
    }
}
