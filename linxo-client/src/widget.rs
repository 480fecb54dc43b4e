//! Widget sessions and widget URLs.
//!
//! The widgets are Linxo's web pages where a user picks a bank (or the Linxo
//! test bank), authenticates on the bank's site (REDIRECT) or types their
//! credentials (EMBEDDED), consents, and comes back to your `redirect_url`
//! (seed, "The Widget"). To open one:
//!
//! 1. create a widget session with a user token
//!    ([`WidgetSessions::create`]; the docs' `POST /widget_session`, on the
//!    widget host at `/widget/widget_session` per third-party code, research
//!    notes 2(d));
//! 2. send the user's browser to [`WidgetSessions::url`] for a
//!    [`WidgetFlow`] (`add_connection`, `edit_credentials`, ...), with your
//!    callback parameters ([`WidgetParams`]);
//! 3. when the user is back, list the connections, sync, and read accounts
//!    and transactions.
//!
//! The session call carries the user token, client id and client secret in
//! its JSON body, not in a header. The response shape comes from a
//! third-party mock, not a captured answer (research notes 2(f)).

use banking_core::transport::{Request, RequestAuth};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::ids::WidgetSessionId;

/// The links a widget session answers with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WidgetLinks {
    /// The add-connection widget for this session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_connection: Option<String>,
    /// The professional-account information page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub professional_account: Option<String>,
    /// The terms and conditions page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
}

/// A widget session: its id and links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WidgetSession {
    /// The session id, passed to every widget page as `session_id`.
    pub session_id: WidgetSessionId,
    /// Ready-made links for some flows (`_links` on the wire).
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<WidgetLinks>,
}

/// A widget page (research notes 2(d), official advanced-widget doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WidgetFlow {
    /// Choose a bank, authenticate or enter credentials, consent, sync.
    AddConnection,
    /// Update a connection's credentials (changed by the user, or renewal).
    EditCredentials,
    /// Answer a challenge the bank asked for during a sync (MFA, form).
    UserInput,
    /// Accept Linxo Connect's terms and conditions.
    Terms,
    /// Information for professional accounts.
    ProfessionalAccount,
    /// Manage the PSD2 accounts shared.
    ManageAccounts,
}

impl WidgetFlow {
    /// The page's path segment under `widget/`.
    pub fn path(&self) -> &'static str {
        match self {
            WidgetFlow::AddConnection => "add_connection",
            WidgetFlow::EditCredentials => "edit_credentials",
            WidgetFlow::UserInput => "user_input",
            WidgetFlow::Terms => "terms",
            WidgetFlow::ProfessionalAccount => "professional-account",
            WidgetFlow::ManageAccounts => "manage_accounts",
        }
    }

    fn link<'l>(&self, links: &'l WidgetLinks) -> Option<&'l str> {
        match self {
            WidgetFlow::AddConnection => links.add_connection.as_deref(),
            WidgetFlow::ProfessionalAccount => links.professional_account.as_deref(),
            WidgetFlow::Terms => links.terms.as_deref(),
            _ => None,
        }
    }
}

/// The query parameters of a widget page. Every one is optional; in an
/// iframe, [`aspsp_callback_uri`](Self::aspsp_callback_uri) is mandatory
/// (official iframe how-to).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct WidgetParams {
    redirect_url: Option<Url>,
    aspsp_callback_uri: Option<Url>,
    consent_per_account: Option<bool>,
    wait_sync_end: Option<bool>,
    select_accounts: Option<bool>,
    captive_mode: Option<bool>,
    locale: Option<String>,
    font: Option<String>,
    font_color: Option<String>,
    elements_color: Option<String>,
    extra: Vec<(String, String)>,
}

impl WidgetParams {
    /// No parameter.
    pub fn new() -> Self {
        WidgetParams::default()
    }

    /// Where the widget sends the user back with the result
    /// (`redirect_url`; older docs and code say `redirect_uri` (sources conflict): add it
    /// with [`param`](Self::param) for an older deployment).
    pub fn redirect_url(mut self, url: Url) -> Self {
        self.redirect_url = Some(url);
        self
    }

    /// Where the bank sends the user back after a REDIRECT authentication
    /// (`aspsp_callback_uri`; mandatory in an iframe, where the bank's page
    /// cannot be framed).
    pub fn aspsp_callback_uri(mut self, url: Url) -> Self {
        self.aspsp_callback_uri = Some(url);
        self
    }

    /// Ask consent account by account (`consent_per_account`).
    pub fn consent_per_account(mut self, on: bool) -> Self {
        self.consent_per_account = Some(on);
        self
    }

    /// Return only once the first sync ended (`wait_sync_end`).
    pub fn wait_sync_end(mut self, on: bool) -> Self {
        self.wait_sync_end = Some(on);
        self
    }

    /// Let the user pick the accounts to share (`select_accounts`).
    pub fn select_accounts(mut self, on: bool) -> Self {
        self.select_accounts = Some(on);
        self
    }

    /// Keep the user inside the widget (`captive_mode`; named in the docs,
    /// boolean type inferred).
    pub fn captive_mode(mut self, on: bool) -> Self {
        self.captive_mode = Some(on);
        self
    }

    /// The widget's language (`locale`, e.g. `fr` or `en`).
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// The font (`font`).
    pub fn font(mut self, font: impl Into<String>) -> Self {
        self.font = Some(font.into());
        self
    }

    /// The text colour (`font_color`).
    pub fn font_color(mut self, color: impl Into<String>) -> Self {
        self.font_color = Some(color.into());
        self
    }

    /// The colour of buttons and other elements (`elements_color`).
    pub fn elements_color(mut self, color: impl Into<String>) -> Self {
        self.elements_color = Some(color.into());
        self
    }

    /// Any other query parameter, for widget options this type does not
    /// name (`session_id` is set by the SDK and refused here).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra.push((name.into(), value.into()));
        self
    }

    fn validate(&self) -> banking_core::Result<()> {
        if let Some(locale) = &self.locale {
            let ok = locale.split(['-', '_']).enumerate().all(|(i, part)| {
                i < 2
                    && (2..=3).contains(&part.len())
                    && part.chars().all(|c| c.is_ascii_alphabetic())
            });
            if !ok {
                return Err(banking_core::Error::validation(
                    "locale",
                    format!("{locale:?} is not a language tag such as fr or fr-FR"),
                ));
            }
        }
        for (field, value) in [
            ("font", &self.font),
            ("font_color", &self.font_color),
            ("elements_color", &self.elements_color),
        ] {
            if let Some(value) = value
                && (value.trim().is_empty() || value.chars().any(char::is_control))
            {
                return Err(banking_core::Error::validation(
                    field,
                    "must be non-blank text without control characters",
                ));
            }
        }
        for (name, _) in &self.extra {
            if name.trim().is_empty() || name == "session_id" {
                return Err(banking_core::Error::validation(
                    "param",
                    format!("{name:?} cannot be set as an extra parameter"),
                ));
            }
        }
        Ok(())
    }

    fn pairs(&self) -> Vec<(&str, String)> {
        let flag = |on: bool| if on { "true" } else { "false" }.to_owned();
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |name, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        };
        push(
            "redirect_url",
            self.redirect_url.as_ref().map(Url::to_string),
        );
        push(
            "aspsp_callback_uri",
            self.aspsp_callback_uri.as_ref().map(Url::to_string),
        );
        push("consent_per_account", self.consent_per_account.map(flag));
        push("wait_sync_end", self.wait_sync_end.map(flag));
        push("select_accounts", self.select_accounts.map(flag));
        push("captive_mode", self.captive_mode.map(flag));
        push("locale", self.locale.clone());
        push("font", self.font.clone());
        push("font_color", self.font_color.clone());
        push("elements_color", self.elements_color.clone());
        for (name, value) in &self.extra {
            pairs.push((name, value.clone()));
        }
        pairs
    }
}

/// The body of a widget session request.
#[derive(Serialize)]
struct SessionBody<'a> {
    access_token: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
}

banking_core::resource_handle! {
    /// `client.widget_sessions()`: create a session, build widget URLs.
    pub struct WidgetSessions for crate::client::LinxoClient, "Linxo";
}

impl WidgetSessions<'_> {
    /// `POST {widget host}/widget/widget_session`: a session for this
    /// client's user. Needs a user-mode client ([`LinxoClient::as_user`](crate::LinxoClient::as_user));
    /// in client mode it fails with a validation error before sending.
    ///
    /// If the widget host refuses the user token (401), the token is
    /// fetched again and the call made once more.
    pub async fn create(&self) -> banking_core::Result<WidgetSession> {
        match self.create_once().await {
            Err(e) if e.is_unauthorized() => {
                self.handle.client().invalidate_user_token();
                self.create_once().await
            }
            other => other,
        }
    }

    async fn create_once(&self) -> banking_core::Result<WidgetSession> {
        let client = self.handle.client();
        let token = client.user_token().await?;
        let body = SessionBody {
            access_token: token.expose_secret(),
            client_id: client.client_id(),
            client_secret: client.client_secret().expose_secret(),
        };
        let request = Request::post("/widget/widget_session")
            .json(&body)?
            .auth(RequestAuth::None)
            // Creating a session has no effect beyond the session, so a lost
            // answer may be retried like a read.
            .read_only();
        client.embed().send_json(self.handle.prepare(request)).await
    }

    /// The URL of a widget page for `session`, to open in the user's
    /// browser (or an iframe).
    ///
    /// Uses the session's own link for the flow when Linxo sent one on the
    /// widget host, else `{widget host}/widget/{flow}?session_id=...`; then
    /// adds `params`.
    pub fn url(
        &self,
        session: &WidgetSession,
        flow: WidgetFlow,
        params: &WidgetParams,
    ) -> banking_core::Result<Url> {
        params.validate()?;
        let base = self.handle.client().embed().base_url();
        let linked = session
            .links
            .as_ref()
            .and_then(|links| flow.link(links))
            .and_then(|link| Url::parse(link).ok())
            .filter(|url| url.origin() == base.origin());
        let mut url = match linked {
            Some(url) => url,
            None => {
                let mut url = base
                    .join(&format!("widget/{}", flow.path()))
                    .map_err(|e| banking_core::Error::config(format!("widget URL: {e}")))?;
                url.query_pairs_mut()
                    .append_pair("session_id", session.session_id.as_str());
                url
            }
        };
        if !url.query_pairs().any(|(name, _)| name == "session_id") {
            url.query_pairs_mut()
                .append_pair("session_id", session.session_id.as_str());
        }
        {
            let mut query = url.query_pairs_mut();
            for (name, value) in params.pairs() {
                query.append_pair(name, &value);
            }
        }
        Ok(url)
    }
}
