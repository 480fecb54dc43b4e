//! KYC requests of consumers: create, simulate (sandbox), get and list.
//!
//! Every path, body and answer here comes from third-party client code
//! (research notes; inferred, not in the official reference the notes
//! captured): `POST /api/partner/kyc`, `POST /api/partner/kyc/simulate`,
//! `GET /api/partner/kyc/{kycId}` and `GET /api/partner/kyc`. The answers
//! are not shown there: [`Kyc`] types the fields the notes name elsewhere
//! (`kycInfo`: id, status, reason, type, update date) and keeps the rest.

use crate::ids::{EndUserId, KycId};
use banking_core::transport::{ArrayStyle, Request};
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::client::LinkcyClient;
use crate::end_users::KycStatus;
use crate::paging::{self, LinkcyPage, PageParams, list_filter};

const KYC: &str = "/api/partner/kyc";
const KYC_ONE: &str = "/api/partner/kyc/{kycId}";
const SIMULATE: &str = "/api/partner/kyc/simulate";

banking_core::wire_enum! {
    /// How the end-user reaches the KYC flow (`kycConfiguration.accessType`).
    KycAccessType {
        /// A link to open (the only value the third-party code sends).
        Link = "LINK",
    }
}

banking_core::wire_enum! {
    /// `personType` of the KYC list.
    KycPersonType {
        /// A consumer.
        Consumer = "CONSUMER",
    }
}

banking_core::wire_enum! {
    /// `sortAttribute` of the KYC list.
    KycSortAttribute {
        /// Sort by creation date.
        CreationDate = "CREATION_DATE",
    }
}

/// `kycConfiguration` of a new KYC request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KycConfiguration {
    access_type: KycAccessType,
    #[serde(skip_serializing_if = "Option::is_none")]
    url_on_complete: Option<Url>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url_on_failure: Option<Url>,
}

impl KycConfiguration {
    /// A flow reached through a link.
    pub fn link() -> Self {
        KycConfiguration {
            access_type: KycAccessType::Link,
            url_on_complete: None,
            url_on_failure: None,
        }
    }

    /// `urlOnComplete`: where the end-user goes once done.
    pub fn url_on_complete(mut self, url: Url) -> Self {
        self.url_on_complete = Some(url);
        self
    }

    /// `urlOnFailure`: where the end-user goes when the flow fails.
    pub fn url_on_failure(mut self, url: Url) -> Self {
        self.url_on_failure = Some(url);
        self
    }
}

/// `POST /api/partner/kyc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateKycRequest {
    consumer_id: EndUserId,
    kyc_configuration: KycConfiguration,
}

impl CreateKycRequest {
    /// A KYC request for `consumer_id`.
    pub fn new(consumer_id: EndUserId, configuration: KycConfiguration) -> Self {
        CreateKycRequest {
            consumer_id,
            kyc_configuration: configuration,
        }
    }
}

/// `POST /api/partner/kyc/simulate` (sandbox): force a consumer's KYC status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct SimulateKycRequest {
    consumer_id: EndUserId,
    kyc_status: KycStatus,
}

impl SimulateKycRequest {
    /// Set `consumer_id`'s KYC to `status` (e.g. [`KycStatus::Validated`]).
    pub fn new(consumer_id: EndUserId, status: KycStatus) -> Self {
        SimulateKycRequest {
            consumer_id,
            kyc_status: status,
        }
    }
}

/// A KYC request as Linkcy answers it (field names inferred).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Kyc {
    /// The KYC request id.
    #[serde(default)]
    pub id: Option<KycId>,
    /// The consumer.
    #[serde(default)]
    pub consumer_id: Option<EndUserId>,
    /// The status.
    #[serde(default)]
    pub status: Option<KycStatus>,
    /// Why the status was set.
    #[serde(default)]
    pub status_reason: Option<String>,
    /// The link to the KYC flow.
    #[serde(default)]
    pub url: Option<String>,
    /// Last change.
    #[serde(default)]
    pub update_date: Option<DateTime<Utc>>,
    /// Fields the SDK does not type, kept as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The filters of `GET /api/partner/kyc` (the third-party code's query).
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct KycFilter {
    sort_attribute: Option<KycSortAttribute>,
    person_type: Option<KycPersonType>,
    kyc_status: Vec<KycStatus>,
    paging: PageParams,
}

impl KycFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `sortAttribute`.
    pub fn sort_attribute(mut self, attribute: KycSortAttribute) -> Self {
        self.sort_attribute = Some(attribute);
        self
    }

    /// `personType`.
    pub fn person_type(mut self, person_type: KycPersonType) -> Self {
        self.person_type = Some(person_type);
        self
    }

    /// `kycStatus`: any of these statuses.
    pub fn kyc_status(mut self, statuses: impl IntoIterator<Item = KycStatus>) -> Self {
        self.kyc_status = statuses.into_iter().collect();
        self
    }

    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("sortAttribute", self.sort_attribute.as_ref())
            .query_opt("personType", self.person_type.as_ref())
            .query_array("kycStatus", &self.kyc_status, ArrayStyle::Repeated)
    }
}

list_filter!(KycFilter => Kyc, KYC);

banking_core::resource_handle! {
    /// The KYC endpoints; from [`LinkcyClient::kyc`].
    pub struct KycRequests for LinkcyClient, "Linkcy";
}

impl<'a> KycRequests<'a> {
    /// `POST /api/partner/kyc` (inferred).
    pub async fn create(&self, kyc: &CreateKycRequest) -> banking_core::Result<Kyc> {
        let request = Request::post(KYC).json(kyc)?;
        self.handle.send_json(request).await
    }

    /// `POST /api/partner/kyc/simulate` (sandbox only, inferred). The answer
    /// is not documented: any success body (or none) is accepted.
    pub async fn simulate(&self, simulation: &SimulateKycRequest) -> banking_core::Result<()> {
        let request = Request::post(SIMULATE).json(simulation)?;
        let _: serde::de::IgnoredAny = self.handle.send_json(request).await?;
        Ok(())
    }

    /// `GET /api/partner/kyc/{kycId}` (inferred).
    pub async fn get(&self, kyc_id: KycId) -> banking_core::Result<Kyc> {
        let request = Request::get(KYC_ONE).param("kycId", kyc_id);
        self.handle.send_json(request).await
    }

    /// `GET /api/partner/kyc` (inferred): one page.
    pub async fn list(&self, filter: &KycFilter) -> banking_core::Result<LinkcyPage<Kyc>> {
        paging::list(&self.handle, filter).await
    }

    /// Every KYC request matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: KycFilter,
    ) -> impl Stream<Item = banking_core::Result<Kyc>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }
}
