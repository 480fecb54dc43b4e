//! `PATCH /api/partner/corporates/related/{corporateRelatedId}`: change a
//! person or company related to a corporate (director, UBO, account owner).
//!
//! The path is stated in the research notes (\[S\], KYB tag); the body and the
//! answer are not captured. The typed fields are those of the related-entity
//! list element the notes give (\[S\]); sending them in a PATCH is inferred.

use crate::ids::CorporateRelatedId;
use banking_core::transport::Request;
use chrono::NaiveDate;
use serde::Serialize;

use crate::client::LinkcyClient;
use crate::end_users::Phone;

const RELATED: &str = "/api/partner/corporates/related/{corporateRelatedId}";

/// The fields to change; unset fields are left out of the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CorporateRelatedPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<Phone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_director: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    director_appointment_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_ubo: Option<bool>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl CorporateRelatedPatch {
    /// An empty patch.
    pub fn new() -> Self {
        Self::default()
    }

    /// `firstName`.
    pub fn first_name(mut self, name: impl Into<String>) -> Self {
        self.first_name = Some(name.into());
        self
    }

    /// `lastName`.
    pub fn last_name(mut self, name: impl Into<String>) -> Self {
        self.last_name = Some(name.into());
        self
    }

    /// `emailAddress`.
    pub fn email_address(mut self, email: impl Into<String>) -> Self {
        self.email_address = Some(email.into());
        self
    }

    /// `phone`.
    pub fn phone(mut self, phone: Phone) -> Self {
        self.phone = Some(phone);
        self
    }

    /// `nationalityCode`.
    pub fn nationality_code(mut self, code: impl Into<String>) -> Self {
        self.nationality_code = Some(code.into());
        self
    }

    /// `isDirector`.
    pub fn is_director(mut self, director: bool) -> Self {
        self.is_director = Some(director);
        self
    }

    /// `directorAppointmentDate`.
    pub fn director_appointment_date(mut self, date: NaiveDate) -> Self {
        self.director_appointment_date = Some(date);
        self
    }

    /// `isUbo`.
    pub fn is_ubo(mut self, ubo: bool) -> Self {
        self.is_ubo = Some(ubo);
        self
    }

    /// Any other body field, for properties whose names the docs hide.
    pub fn other_field(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.other.insert(name.into(), value);
        self
    }
}

banking_core::resource_handle! {
    /// The corporate-related endpoint; from [`LinkcyClient::corporate_related`].
    pub struct CorporateRelated for LinkcyClient, "Linkcy";
}

impl<'a> CorporateRelated<'a> {
    /// `PATCH /api/partner/corporates/related/{corporateRelatedId}`. The
    /// answer is not documented: any success body (or none) is accepted.
    pub async fn patch(
        &self,
        corporate_related_id: CorporateRelatedId,
        patch: &CorporateRelatedPatch,
    ) -> banking_core::Result<()> {
        let request = Request::patch(RELATED)
            .param("corporateRelatedId", corporate_related_id)
            .json(patch)?;
        let _: serde::de::IgnoredAny = self.handle.send_json(request).await?;
        Ok(())
    }
}
