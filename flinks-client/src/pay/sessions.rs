//! Pay v2 sessions (EFT, GEFT, e-Transfer): create (`POST /api/v2/sessions`),
//! status (`GET .../status`, no auth), details (`GET .../details`), guarantee
//! confirm (`POST .../guarantees/confirm`) and cancel (`POST .../cancel`).
//!
//! A session is launched in the hosted Flinks Pay flow
//! ([`PayClient::hosted_flow_url`](super::PayClient::hosted_flow_url)) and
//! moves `Initiated → InProgress → Completed | Failed | Canceled | Expired`;
//! poll its status about every 30 s (research notes `[DOC]`).
//!
//! e-Transfer sessions are created here too, as the newer docs build does
//! (see [`CreateSession::e_transfer`]).
//!
//! GEFT is an EFT session with `options.guarantee.enable = true`; a regular
//! EFT session needs the RegularEft feature (else 403) and takes no payee.

use banking_core::money::Currency;
use banking_core::transport::{Request, RequestAuth};
use banking_core::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::client::PayClient;
use super::parties::{AccountInfo, PaymentDirection, amount, email, non_blank};

banking_core::uuid_id! {
    /// A Pay session.
    SessionId
}

banking_core::wire_enum! {
    /// Payment method of a session (`type`).
    SessionType {
        /// EFT (regular, or guaranteed with `options.guarantee`).
        Eft = "EFT",
        /// Interac e-Transfer request for money.
        ETransfer = "e-Transfer",
    }
}

banking_core::wire_enum! {
    /// Where a session stands.
    SessionStatus {
        /// Created, not opened yet.
        Initiated = "Initiated",
        /// The user is in the flow.
        InProgress = "InProgress",
        /// Done; funds flow.
        Completed = "Completed",
        /// Failed; see `statusDetails`.
        Failed = "Failed",
        /// Cancelled (`EFT0501`).
        Canceled = "Canceled",
        /// The user did not finish in time.
        Expired = "Expired",
    }
}

impl SessionStatus {
    /// Whether the session will not change any more.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Completed | Self::Failed | Self::Canceled | Self::Expired
        )
    }
}

banking_core::wire_enum! {
    /// Language of notifications.
    Language {
        /// English.
        En = "EN",
        /// French.
        Fr = "FR",
    }
}

/// `options.guarantee`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Guarantee {
    /// Whether the payment is guaranteed (GEFT).
    pub enable: bool,
}

/// `options.notificationPreferences`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NotificationPreferences {
    /// Language of the notifications.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Whether Interac e-mails the payment link (e-Transfer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_interac_link: Option<bool>,
}

/// `options` of a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[must_use]
pub struct SessionOptions {
    /// Guarantee (EFT / GEFT).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guarantee: Option<Guarantee>,
    /// Notifications.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_preferences: Option<NotificationPreferences>,
    /// Whether the flow shows the consent screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_consent_screen: Option<bool>,
}

/// A postal address of the payor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PayorAddress {
    /// Street line.
    pub address_line1: String,
    /// City.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// Province code (`ON`).
    pub province: String,
    /// Country code (`CA`).
    pub country: String,
}

impl PayorAddress {
    /// An address.
    pub fn new(
        address_line1: impl Into<String>,
        city: impl Into<String>,
        postal_code: impl Into<String>,
        province: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        Self {
            address_line1: address_line1.into(),
            city: city.into(),
            postal_code: postal_code.into(),
            province: province.into(),
            country: country.into(),
        }
    }
}

/// The person who pays (or is paid, for a CREDIT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SessionPayor {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Postal address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<PayorAddress>,
}

impl SessionPayor {
    /// A payor with a first and last name.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        Self {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: None,
            address: None,
        }
    }

    /// Sets the e-mail address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Sets the postal address.
    pub fn address(mut self, address: PayorAddress) -> Self {
        self.address = Some(address);
        self
    }
}

/// Where the money goes (e-Transfer); your settlement account when absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SessionPayee {
    /// Bank account.
    pub account: AccountInfo,
}

/// Body of `POST /api/v2/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[must_use]
pub struct CreateSession {
    /// Your reference for the session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// Payment method.
    #[serde(rename = "type")]
    pub session_type: SessionType,
    /// Debit or credit.
    pub direction: PaymentDirection,
    /// Currency of `amount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Amount, exact; when given the user cannot change it.
    #[serde(
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    /// Options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<SessionOptions>,
    /// Payor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payor: Option<SessionPayor>,
    /// Payee (e-Transfer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payee: Option<SessionPayee>,
}

impl CreateSession {
    fn with(
        session_type: SessionType,
        direction: PaymentDirection,
        guarantee: Option<bool>,
    ) -> Self {
        Self {
            reference_id: None,
            session_type,
            direction,
            currency: None,
            amount: None,
            options: guarantee.map(|enable| SessionOptions {
                guarantee: Some(Guarantee { enable }),
                ..SessionOptions::default()
            }),
            payor: None,
            payee: None,
        }
    }

    /// A regular EFT session (`type: EFT`, guarantee off).
    pub fn eft(direction: PaymentDirection) -> Self {
        Self::with(SessionType::Eft, direction, Some(false))
    }

    /// A guaranteed EFT (GEFT) session (`type: EFT`, guarantee on).
    pub fn geft(direction: PaymentDirection) -> Self {
        Self::with(SessionType::Eft, direction, Some(true))
    }

    /// An Interac e-Transfer session, created on `POST /api/v2/sessions`.
    ///
    /// The seed lists e-Transfer "Initiate Session" only as a docs page
    /// (`/api/pay/endpoints/e-transfer/sessions-initiate`), without its
    /// API path. The newer docs build (the Mintlify mirror
    /// `flinks-2682732c.mintlify.app`, research notes `[DOC]`) creates
    /// e-Transfer sessions on `/api/v2/sessions` with `type: "e-Transfer"`,
    /// which this follows; the legacy v1 `api/v1/sessions/initiate` is not
    /// modelled.
    pub fn e_transfer(direction: PaymentDirection) -> Self {
        Self::with(SessionType::ETransfer, direction, None)
    }

    /// Sets your reference.
    pub fn reference_id(mut self, reference_id: impl Into<String>) -> Self {
        self.reference_id = Some(reference_id.into());
        self
    }

    /// Locks the amount.
    pub fn amount(mut self, amount: Decimal, currency: Currency) -> Self {
        self.amount = Some(amount);
        self.currency = Some(currency);
        self
    }

    /// Sets the payor.
    pub fn payor(mut self, payor: SessionPayor) -> Self {
        self.payor = Some(payor);
        self
    }

    /// Sets the payee account (e-Transfer).
    pub fn payee(mut self, account: AccountInfo) -> Self {
        self.payee = Some(SessionPayee { account });
        self
    }

    fn options_mut(&mut self) -> &mut SessionOptions {
        self.options.get_or_insert_with(SessionOptions::default)
    }

    /// Sets the notification language.
    pub fn language(mut self, language: Language) -> Self {
        self.options_mut()
            .notification_preferences
            .get_or_insert_with(NotificationPreferences::default)
            .language = Some(language);
        self
    }

    /// Whether Interac e-mails the payment link (e-Transfer).
    pub fn send_interac_link(mut self, send: bool) -> Self {
        self.options_mut()
            .notification_preferences
            .get_or_insert_with(NotificationPreferences::default)
            .send_interac_link = Some(send);
        self
    }

    /// Whether the flow shows the consent screen.
    pub fn show_consent_screen(mut self, show: bool) -> Self {
        self.options_mut().show_consent_screen = Some(show);
        self
    }

    fn is_guaranteed(&self) -> bool {
        self.options
            .as_ref()
            .and_then(|o| o.guarantee.as_ref())
            .is_some_and(|g| g.enable)
    }

    /// Checks the request before it is sent.
    pub fn validate(&self) -> Result<()> {
        if let Some(value) = self.amount {
            amount("amount", value)?;
            let Some(currency) = self.currency else {
                return Err(Error::validation("currency", "is required with an amount"));
            };
            banking_core::validate::currency("currency", currency)?;
        }
        if let Some(reference) = &self.reference_id {
            non_blank("referenceId", reference)?;
        }
        if let Some(payor) = &self.payor {
            non_blank("payor.firstName", &payor.first_name)?;
            non_blank("payor.lastName", &payor.last_name)?;
            if let Some(address) = &payor.email {
                email("payor.email", address)?;
            }
        }
        if let Some(payee) = &self.payee {
            if self.session_type == SessionType::Eft && !self.is_guaranteed() {
                return Err(Error::validation(
                    "payee",
                    "a regular EFT session takes no payee",
                ));
            }
            payee.account.validate("payee.account")?;
        }
        if let SessionType::Unknown(other) = &self.session_type {
            return Err(Error::validation(
                "type",
                format!("{other:?} is not EFT or e-Transfer"),
            ));
        }
        if let PaymentDirection::Unknown(other) = &self.direction {
            return Err(Error::validation(
                "direction",
                format!("{other:?} is not DEBIT or CREDIT"),
            ));
        }
        Ok(())
    }
}

/// Response of `POST /api/v2/sessions` (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreatedSession {
    /// Session id: launch the hosted flow with it.
    pub session_id: SessionId,
    /// Your reference.
    #[serde(default)]
    pub reference_id: Option<String>,
}

/// A session as returned by status, details and cancel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Session {
    /// Session id.
    #[serde(default)]
    pub session_id: Option<SessionId>,
    /// Your reference.
    #[serde(default)]
    pub reference_id: Option<String>,
    /// Amount, exact (`500.00` keeps its two decimals).
    #[serde(
        default,
        with = "banking_core::money::wire::exact_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    /// Status.
    #[serde(default)]
    pub status: Option<SessionStatus>,
    /// Status code (`EFT0301` completed, `EFT0501` canceled).
    #[serde(default)]
    pub status_details: Option<String>,
}

banking_core::resource_handle! {
    /// Pay v2 sessions.
    pub struct SessionsApi for PayClient, "Flinks";
}

impl SessionsApi<'_> {
    /// `POST /api/v2/sessions`, with a token of its own (Pay tokens start
    /// one session each). Validated first; never resent automatically.
    pub async fn create(&self, session: &CreateSession) -> Result<CreatedSession> {
        session.validate()?;
        let request = self
            .handle
            .client()
            .with_client_id(Request::post("api/v2/sessions"))
            .json(session)?;
        self.handle.send_json(request).await
    }

    /// `GET /api/v2/sessions/{sessionId}/status`, sent without credentials
    /// (the endpoint needs none).
    pub async fn status(&self, session_id: &SessionId) -> Result<Session> {
        let request = Request::get("api/v2/sessions/{sessionId}/status")
            .param("sessionId", session_id)
            .auth(RequestAuth::None);
        self.handle.send_json(request).await
    }

    /// `GET /api/v2/sessions/{sessionId}/details`.
    ///
    /// The docs give no details body; it is read as the session object of
    /// the GEFT page (`sessionId`, `referenceId`, `amount`, `status`,
    /// `statusDetails`).
    pub async fn details(&self, session_id: &SessionId) -> Result<Session> {
        let request =
            Request::get("api/v2/sessions/{sessionId}/details").param("sessionId", session_id);
        self.handle.send_json(request).await
    }

    /// `POST /api/v2/sessions/{sessionId}/guarantees/confirm` (GEFT):
    /// confirms the guarantee decision. The docs show neither a body nor a
    /// response; none is sent or read. Not retried.
    pub async fn confirm_guarantee(&self, session_id: &SessionId) -> Result<()> {
        let request = Request::post("api/v2/sessions/{sessionId}/guarantees/confirm")
            .param("sessionId", session_id);
        self.handle.send(request).await.map(drop)
    }

    /// `POST /api/v2/sessions/{sessionId}/cancel`; rejected once the session
    /// is terminal. Not retried.
    pub async fn cancel(&self, session_id: &SessionId) -> Result<Session> {
        let request =
            Request::post("api/v2/sessions/{sessionId}/cancel").param("sessionId", session_id);
        self.handle.send_json(request).await
    }
}
