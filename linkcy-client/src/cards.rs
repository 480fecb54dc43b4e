//! Cards: list, create, get, card rules.
//!
//! List and rules come from the reference (research notes). The create
//! body (`deliveryMethod`, `ledgerId`, `profileId`, `nameOnCard`) and the
//! get path are only known from third-party client code (inferred).

use crate::ids::{CardId, CardProfileId, EndUserId, LedgerId};
use banking_core::transport::Request;
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::client::LinkcyClient;
use crate::created::Created;
use crate::paging::{self, LinkcyPage, PageParams, list_filter};
use crate::sca::{LinkcyScaOutcome, ScaOptions};

const CARDS: &str = "/api/partner/cards";
const CARD: &str = "/api/partner/cards/{cardId}";
const CARD_RULES: &str = "/api/partner/cards/{cardId}/rules";

/// Smallest and largest card rule `value`.
pub const CARD_RULE_VALUE_RANGE: std::ops::RangeInclusive<u64> = 1..=999_999_999;

banking_core::wire_enum! {
    /// Physical or virtual card.
    CardType {
        /// A plastic card.
        Physical = "PHYSICAL",
        /// A virtual card.
        Virtual = "VIRTUAL",
    }
}

banking_core::wire_enum! {
    /// A card's `status` (only `CREATED` is shown in the docs).
    CardStatus {
        /// Created.
        Created = "CREATED",
    }
}

banking_core::wire_enum! {
    /// How a physical card is delivered (third-party code shows
    /// `FRENCH_MAIL`, inferred).
    DeliveryMethod {
        /// French postal mail.
        FrenchMail = "FRENCH_MAIL",
    }
}

banking_core::wire_enum! {
    /// The `type` of a card rule.
    CardRuleType {
        /// Payments per day.
        DailyMaxCount = "DAILY_MAX_COUNT",
        /// Spend per day.
        DailyMaxSpend = "DAILY_MAX_SPEND",
        /// Payments over the card's life.
        LifetimeMaxCount = "LIFETIME_MAX_COUNT",
        /// Spend over the card's life.
        LifetimeMaxSpend = "LIFETIME_MAX_SPEND",
        /// Payments per month.
        MonthlyMaxCount = "MONTHLY_MAX_COUNT",
        /// Spend per month.
        MonthlyMaxSpend = "MONTHLY_MAX_SPEND",
        /// Largest single payment.
        TransactionMaxSpend = "TRANSACTION_MAX_SPEND",
        /// Payments per week.
        WeeklyMaxCount = "WEEKLY_MAX_COUNT",
        /// Spend per week.
        WeeklyMaxSpend = "WEEKLY_MAX_SPEND",
    }
}

banking_core::wire_enum! {
    /// Who set a card rule (`creatorType`, newer builds).
    CardRuleCreator {
        /// The end-user.
        EndUser = "END_USER",
    }
}

/// A card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Card {
    /// The card id.
    pub id: CardId,
    /// The holder.
    #[serde(default)]
    pub end_user_id: Option<EndUserId>,
    /// The ledger the card spends from.
    #[serde(default)]
    pub ledger_id: Option<LedgerId>,
    /// Name chosen for the card.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// The card profile (design and default rules).
    #[serde(default)]
    pub profile: Option<CardProfile>,
    /// Expiry date, as sent (its format is not documented).
    #[serde(default)]
    pub expiry_date: Option<String>,
    /// Name embossed on the card.
    #[serde(default)]
    pub name_on_card: Option<String>,
    /// Physical or virtual.
    #[serde(rename = "type", default)]
    pub card_type: Option<CardType>,
    /// Status.
    #[serde(default)]
    pub status: Option<CardStatus>,
    /// Creation time.
    #[serde(default)]
    pub creation_date: Option<DateTime<Utc>>,
}

/// `profile` of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CardProfile {
    /// The profile id.
    pub id: CardProfileId,
    /// The profile name.
    #[serde(default)]
    pub name: Option<String>,
}

/// The filters of `GET /api/partner/cards`.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct CardFilter {
    end_user_id: Option<EndUserId>,
    ledger_id: Option<LedgerId>,
    profile_id: Option<CardProfileId>,
    paging: PageParams,
}

impl CardFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// `endUserId`.
    pub fn end_user_id(mut self, id: EndUserId) -> Self {
        self.end_user_id = Some(id);
        self
    }

    /// `ledgerId`.
    pub fn ledger_id(mut self, id: LedgerId) -> Self {
        self.ledger_id = Some(id);
        self
    }

    /// `profileId`.
    pub fn profile_id(mut self, id: CardProfileId) -> Self {
        self.profile_id = Some(id);
        self
    }

    /// The query parameters besides paging.
    fn filters(&self, request: Request) -> Request {
        request
            .query_opt("endUserId", self.end_user_id)
            .query_opt("ledgerId", self.ledger_id)
            .query_opt("profileId", self.profile_id)
    }
}

list_filter!(CardFilter => Card, CARDS);

/// `POST /api/partner/cards` (body from third-party code, inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateCardRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery_method: Option<DeliveryMethod>,
    ledger_id: LedgerId,
    profile_id: CardProfileId,
    name_on_card: String,
}

impl CreateCardRequest {
    /// A card of profile `profile_id` spending from `ledger_id`.
    pub fn new(
        ledger_id: LedgerId,
        profile_id: CardProfileId,
        name_on_card: impl Into<String>,
    ) -> Self {
        CreateCardRequest {
            delivery_method: None,
            ledger_id,
            profile_id,
            name_on_card: name_on_card.into(),
        }
    }

    /// `deliveryMethod` of a physical card.
    pub fn delivery_method(mut self, method: DeliveryMethod) -> Self {
        self.delivery_method = Some(method);
        self
    }

    /// Nothing to check: the body comes from third-party code, and no
    /// rule for `nameOnCard` is documented, so the server decides.
    pub fn validate(&self) -> banking_core::Result<()> {
        Ok(())
    }
}

/// `PUT /api/partner/cards/{cardId}/rules`: create or replace a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CardRuleRequest {
    #[serde(rename = "type")]
    rule_type: CardRuleType,
    value: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator_type: Option<CardRuleCreator>,
}

impl CardRuleRequest {
    /// A rule of `rule_type` with `value` (1 to 999 999 999; a count, or a
    /// spend limit as an integer: the docs do not say in which unit).
    pub fn new(rule_type: CardRuleType, value: u64) -> Self {
        CardRuleRequest {
            rule_type,
            value,
            name: None,
            creator_type: None,
        }
    }

    /// `name` of the rule.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// `creatorType` (newer builds).
    pub fn creator_type(mut self, creator: CardRuleCreator) -> Self {
        self.creator_type = Some(creator);
        self
    }

    /// `value` within [`CARD_RULE_VALUE_RANGE`].
    pub fn validate(&self) -> banking_core::Result<()> {
        if !CARD_RULE_VALUE_RANGE.contains(&self.value) {
            return Err(banking_core::Error::validation(
                "value",
                format!(
                    "must be between {} and {}, got {}",
                    CARD_RULE_VALUE_RANGE.start(),
                    CARD_RULE_VALUE_RANGE.end(),
                    self.value
                ),
            ));
        }
        Ok(())
    }
}

banking_core::resource_handle! {
    /// The card endpoints; from [`LinkcyClient::cards`].
    pub struct Cards for LinkcyClient, "Linkcy";
}

impl<'a> Cards<'a> {
    /// `GET /api/partner/cards`: one page.
    pub async fn list(&self, filter: &CardFilter) -> banking_core::Result<LinkcyPage<Card>> {
        paging::list(&self.handle, filter).await
    }

    /// Every card matching `filter`, page after page.
    pub fn stream(
        &self,
        filter: CardFilter,
    ) -> impl Stream<Item = banking_core::Result<Card>> + Send + 'static {
        paging::stream(&self.handle, filter)
    }

    /// `POST /api/partner/cards`; might require SCA.
    pub async fn create(
        &self,
        card: &CreateCardRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<Created<CardId>>> {
        card.validate()?;
        let request = Request::post(CARDS).json(card)?;
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }

    /// `GET /api/partner/cards/{cardId}` (path from third-party code, inferred).
    pub async fn get(&self, card_id: CardId) -> banking_core::Result<Card> {
        let request = Request::get(CARD).param("cardId", card_id);
        self.handle.send_json(request).await
    }

    /// `PUT /api/partner/cards/{cardId}/rules`: 204 once applied; might
    /// require SCA.
    pub async fn set_rule(
        &self,
        card_id: CardId,
        rule: &CardRuleRequest,
        sca: &ScaOptions,
    ) -> banking_core::Result<LinkcyScaOutcome<()>> {
        rule.validate()?;
        let request = Request::put(CARD_RULES)
            .param("cardId", card_id)
            .json(rule)?;
        self.handle
            .client()
            .send_sca(self.handle.prepare(request), sca)
            .await
    }
}
