//! Card profiles: create one, and set the default rules its new cards get.
//!
//! Research notes: `POST /api/partner/card-profiles` `{name, cardDesignId}`
//! → 201 (path and body from third-party code, the operation \[S\]), and
//! `PUT /api/partner/card-profiles/{cardProfileId}/rules` `{type, value,
//! name}` → 204 (\[S\]; the rule applies only to cards created afterwards).

use crate::ids::{CardDesignId, CardProfileId};
use banking_core::transport::Request;
use serde::Serialize;

use crate::cards::CardRuleRequest;
use crate::client::LinkcyClient;
use crate::created::Created;

const PROFILES: &str = "/api/partner/card-profiles";
const PROFILE_RULES: &str = "/api/partner/card-profiles/{cardProfileId}/rules";

/// `POST /api/partner/card-profiles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateCardProfileRequest {
    name: String,
    card_design_id: CardDesignId,
}

impl CreateCardProfileRequest {
    /// A profile named `name` on the card design `card_design_id`.
    pub fn new(name: impl Into<String>, card_design_id: CardDesignId) -> Self {
        CreateCardProfileRequest {
            name: name.into(),
            card_design_id,
        }
    }
}

banking_core::resource_handle! {
    /// The card-profile endpoints; from [`LinkcyClient::card_profiles`].
    pub struct CardProfiles for LinkcyClient, "Linkcy";
}

impl<'a> CardProfiles<'a> {
    /// `POST /api/partner/card-profiles`: 201 with the new profile's id
    /// (the `{id}` answer of every Linkcy create, inferred here).
    pub async fn create(
        &self,
        profile: &CreateCardProfileRequest,
    ) -> banking_core::Result<Created<CardProfileId>> {
        let request = Request::post(PROFILES).json(profile)?;
        self.handle.send_json(request).await
    }

    /// `PUT /api/partner/card-profiles/{cardProfileId}/rules`: the default
    /// rule of cards created from the profile from now on (204).
    pub async fn set_rule(
        &self,
        card_profile_id: CardProfileId,
        rule: &CardRuleRequest,
    ) -> banking_core::Result<()> {
        rule.validate()?;
        let request = Request::put(PROFILE_RULES)
            .param("cardProfileId", card_profile_id)
            .json(rule)?;
        self.handle.send_json(request).await
    }
}
